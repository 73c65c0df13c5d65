import KodexModel

/// Reports text that is still a placeholder, such as `TODO` or `…`.
struct PlaceholderTextRule: ValidationRule {
    let description = RuleDescription(
        id: "placeholder-text", code: "K204", name: "Placeholder text", category: .method, defaultSeverity: .error,
        summary: "a goal, effect, action or touchpoint still holds placeholder text",
        explanation: """
            `kodex init` writes stubs with `TODO` where the consultant still has to think. Text that \
            is only `TODO`, `TBD`, `FIXME`, `?`, `...` or `…` (or starts with `TODO`) is reported \
            until it is replaced by the real goal, effect, action or touchpoint.
            """,
        triggering: [RuleExample.process("            - {id: a, title: A, goal: TODO, effect: …, actions: [x], end: done}")],
        passing: [.clean])

    func check(_ context: RuleContext) {
        for (_, _, step) in context.codex.allSteps {
            var fields: [(String, Located<String>?)] = [("goal", step.goal), ("effect", step.effect)]
            fields += step.actions.map { ("action", $0.text) }
            fields += step.touchpoints.flatMap { [("touchpoint", $0.detail), ("impression", $0.impression)] }
            for case let (name, text?) in fields where Self.isPlaceholder(text.value) {
                context.report("\(name) of step `\(step.id.value)` is a placeholder: `\(text.value.trimmed)`",
                               at: text.span, help: ["write the real \(name)"], silences: step.silences)
            }
        }
    }

    static func isPlaceholder(_ text: String) -> Bool {
        let folded = text.folded
        if folded.hasPrefix("todo") || folded.hasPrefix("tbd") || folded.hasPrefix("fixme") { return true }
        return !folded.isEmpty && folded.allSatisfy { $0 == "." || $0 == "…" || $0 == "?" || $0 == "-" || $0 == " " }
    }
}
