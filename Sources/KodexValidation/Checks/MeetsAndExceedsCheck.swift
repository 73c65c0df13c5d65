import KodexModel
import KodexYAML

/// Reports a rule or tool that both meets and exceeds the same expectation.
struct MeetsAndExceedsCheck: ValidationCheck {
    let description = CheckDescription(
        id: "meets-and-exceeds", code: "K307", name: "Meets and exceeds", category: .hygiene, defaultSeverity: .warning,
        summary: "a rule or tool both meets and exceeds the same expectation",
        explanation: """
            `meets` says a rule or tool gives the customer what they expect; `exceeds` says it \
            gives more. Exceeding includes meeting, so naming an expectation under both says the \
            same twice and shows the rule twice on the expectations page. Keep it under `exceeds`.
            """,
        triggering: [CheckExample("""
            expectations:
              - {id: quick, title: A quick answer}
            rules:
              - {id: greet, title: Greet, text: Say your name., meets: [quick], exceeds: [quick]}

            """)],
        passing: [.clean])

    func check(_ context: CheckContext) {
        for rule in context.codex.rules {
            check(meets: rule.meets, exceeds: rule.exceeds, owner: "rule `\(rule.id.value)`", context, silences: rule.silences)
        }
        for tool in context.codex.tools {
            check(meets: tool.meets, exceeds: tool.exceeds, owner: "tool `\(tool.id.value)`", context, silences: tool.silences)
        }
    }

    private func check(meets: [Reference], exceeds: [Reference], owner: String, _ context: CheckContext,
                       silences: [Silence]) {
        for exceeded in exceeds {
            guard let met = meets.first(where: { $0.value == exceeded.value }) else { continue }
            context.report("\(owner) both meets and exceeds expectation `\(exceeded.value)`", at: met.span,
                           notes: [Diagnostic.Note("exceeded here", at: exceeded.span)],
                           help: ["remove `\(exceeded.value)` from `meets`: exceeding an expectation includes meeting it"],
                           silences: silences)
        }
    }
}
