import KodexModel

/// Reports two branches of one step with the same condition.
struct DuplicateConditionCheck: SituationCheck {
    let description = CheckDescription(
        id: "duplicate-condition", code: "K104", name: "Duplicate condition", category: .flow, defaultSeverity: .error,
        summary: "two branches of a step have the same condition",
        explanation: """
            When two branches share a condition, the agent cannot tell which to take. Conditions are \
            compared ignoring case and spacing.
            """,
        triggering: [CheckExample.process("""
                        - {id: a, title: A, goal: G, effect: E, actions: [x], branches: [{when: Solved, to: b}, {when: solved, to: c}]}
                        - {id: b, title: B, goal: G, effect: E, actions: [x], end: done}
                        - {id: c, title: C, goal: G, effect: E, actions: [x], end: done}
            """)],
        passing: [.clean])

    func check(_ situation: Situation, at index: Int, _ context: CheckContext) {
        for process in situation.processes {
            for step in process.steps {
                var first: [String: Located<String>] = [:]
                for condition in step.branches.compactMap(\.condition) {
                    let key = condition.value.folded
                    guard let original = first[key] else {
                        first[key] = condition
                        continue
                    }
                    context.report("step `\(step.id.value)` has two branches with the condition `\(condition.value)`",
                                   at: condition.span, notes: [Diagnostic.Note("first written here", at: original.span)],
                                   help: ["make the conditions tell the cases apart, or merge the branches"],
                                   silences: step.silences)
                }
            }
        }
    }
}
