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
        context.codex.forEachStep { _, _, step in
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
        // A placeholder starts with a mark or with t, T, f or F; most real text is told
        // apart by its first non-space byte, without building anything.
        if let first = text.utf8.first(where: { $0 != 0x20 && !(0x09...0x0D).contains($0) }),
           first < 0x80, !".?-tTfF".utf8.contains(first) {
            return false
        }
        // Only the start matters, so real text is judged by its first few scalars.
        var head = String.UnicodeScalarView()
        var onlyMarks = true
        for scalar in text.unicodeScalars where !scalar.isSpace {
            if head.count < 5 { head.append(scalar) }
            if !(scalar == "." || scalar == "…" || scalar == "?" || scalar == "-") { onlyMarks = false }
            if head.count >= 5 && !onlyMarks { break }
        }
        if head.isEmpty { return false }
        let start = String(head).lowercased()
        return onlyMarks || start.hasPrefix("todo") || start.hasPrefix("tbd") || start.hasPrefix("fixme")
    }
}
