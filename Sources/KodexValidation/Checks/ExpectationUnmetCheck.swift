import KodexModel

/// Reports expectations at stake in a situation that nothing in it meets.
struct ExpectationUnmetCheck: SituationCheck {
    let description = CheckDescription(
        id: "expectation-unmet", code: "K207", name: "Expectation unmet", category: .method,
        defaultSeverity: .warning,
        summary: "an expectation at stake in a situation is met by no rule or tool used in it",
        explanation: """
            The method's fourth step defines the tools and behavioural rules needed to meet and \
            exceed the customer's expectations. For every expectation a situation lists, some rule \
            or tool used by one of its steps must meet or exceed it.
            """,
        triggering: [CheckExample("""
            expectations:
              - {id: quick, title: A quick answer}
            situation:
              id: s
              title: S
              kind: enquiry
              expectations: [quick]
              processes:
                - id: p
                  title: P
                  steps:
                    - {id: a, title: A, goal: G, effect: E, actions: [x], end: done}

            """)],
        passing: [.clean])

    func check(_ situation: Situation, at place: Int, _ context: CheckContext) {
        let index = context.index
        // A step that names a missing rule or tool may be the one meant to meet it;
        // that reference is the finding.
        let broken = situation.processes.contains { process in
            process.steps.contains { step in
                step.rules.contains { !index.rules.contains($0.value) } || step.tools.contains { !index.tools.contains($0.value) }
            }
        }
        if broken { return }
        let met = index.expectationsMet(in: situation)
        for expectation in situation.expectations where !met.contains(expectation.value)
            && index.expectations.contains(expectation.value) {
            context.report("expectation `\(expectation.value)` of situation `\(situation.id.value)` is met by no rule or tool it uses",
                           at: expectation.span,
                           help: ["use a rule or tool that `meets: [\(expectation.value)]` in one of its steps"],
                           silences: situation.silences, dependsOn: [expectation.value])
        }
    }
}
