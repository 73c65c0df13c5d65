extension CheckExample {
    /// A small codex that breaks no rule, for the passing side of most rules.
    public static let clean = CheckExample("""
        expectations:
          - {id: quick, title: A quick answer}
        rules:
          - {id: greet, title: Greet by name, text: Say your name and the company's., meets: [quick]}
        situation:
          id: enquiry
          title: Product enquiry
          kind: enquiry
          channels: [phone]
          expectations: [quick]
          processes:
            - id: main
              title: Answer the call
              steps:
                - id: hello
                  title: Greet
                  goal: Open the call
                  effect: The customer feels welcome
                  actions: [Say your name]
                  touchpoints: [{detail: The first words, impression: A friendly voice}]
                  rules: [greet]
                  end: The customer is greeted
                  role: agent

        """)

    /// An example with one process whose steps are given as YAML flow mappings.
    static func process(_ steps: String) -> CheckExample {
        CheckExample("""
            situation:
              id: s
              title: S
              kind: enquiry
              processes:
                - id: p
                  title: P
                  steps:
            \(steps)

            """)
    }
}
