import KodexModel

/// Reports branches with no condition.
struct BranchWithoutConditionCheck: ValidationCheck {
    let description = CheckDescription(
        id: "branch-without-condition", code: "K103", name: "Branch without condition",
        category: .flow, defaultSeverity: .error,
        summary: "a branch does not say when it is taken",
        explanation: """
            An agent at a fork must know which way to go. Every branch states its condition under \
            `when`, in the words the agent will see: "the problem is solved on the call", "the \
            complaint is justified".
            """,
        triggering: [CheckExample.process("""
                        - {id: a, title: A, goal: G, effect: E, actions: [x], branches: [{to: b}, {when: no, to: b}]}
                        - {id: b, title: B, goal: G, effect: E, actions: [x], end: done}
            """)],
        passing: [.clean])

    func check(_ context: CheckContext) {
        context.codex.forEachStep { _, _, step in
            for branch in step.branches where branch.condition == nil {
                context.report("a branch of step `\(step.id.value)` has no condition", at: branch.span,
                               help: ["add `when:` with the condition in words"], silences: step.silences)
            }
        }
    }
}
