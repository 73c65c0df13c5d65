import KodexModel

/// Reports two elements of one kind with the same id.
struct DuplicateIDCheck: ValidationCheck {
    let description = CheckDescription(
        id: "duplicate-id", code: "K008", name: "Duplicate id", category: .integrity, defaultSeverity: .error,
        summary: "two elements of the same kind share an id",
        explanation: """
            Ids are how steps name the rules, tools and templates they use, and how branches name \
            their target. Situations, expectations, rules, tools, templates, channels, roles and exam \
            questions each need ids unique across the codex; processes need ids unique in their \
            situation, steps in their process.
            """,
        triggering: [
            CheckExample("expectations:\n  - {id: quick, title: Quick}\n  - {id: quick, title: Fast}\n"),
            CheckExample.process("""
                            - {id: a, title: A, goal: G, effect: E, actions: [x]}
                            - {id: a, title: B, goal: G, effect: E, actions: [x], end: done}
                """),
        ],
        passing: [.clean, CheckExample("expectations:\n  - {id: quick, title: Quick}\nrules:\n  - {id: quick, title: Q, text: T}\n")])

    func check(_ context: CheckContext) {
        let codex = context.codex
        check(codex.manifest.channels.map(\.id), kind: "channel", context)
        check(codex.manifest.roles.map(\.id), kind: "role", context)
        check(codex.expectations.map(\.id), kind: "expectation", context)
        check(codex.rules.map(\.id), kind: "rule", context)
        check(codex.tools.map(\.id), kind: "tool", context)
        check(codex.templates.map(\.id), kind: "template", context)
        check(codex.situations.map(\.id), kind: "situation", context)
        check(codex.questions.map(\.id), kind: "question", context)
        for situation in codex.situations {
            check(situation.processes.map(\.id), kind: "process", in: "situation `\(situation.id.value)`", context)
            for process in situation.processes {
                check(process.steps.map(\.id), kind: "step", in: "process `\(process.id.value)`", context)
            }
        }
    }

    private func check(_ ids: [Located<String>], kind: String, in scope: String? = nil, _ context: CheckContext) {
        var first: [String: Located<String>] = [:]
        for id in ids where !id.value.isEmpty {
            guard let original = first[id.value] else {
                first[id.value] = id
                continue
            }
            let place = scope.map { " in \($0)" } ?? ""
            context.report("\(kind) id `\(id.value)` is used twice\(place)", at: id.span,
                           notes: [Diagnostic.Note("first used here", at: original.span)],
                           help: ["give each \(kind) an id of its own"])
        }
    }
}
