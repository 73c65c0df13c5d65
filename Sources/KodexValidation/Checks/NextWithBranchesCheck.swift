import KodexModel

/// Reports steps that name a `next` step and branch as well.
struct NextWithBranchesCheck: ValidationCheck {
    let description = CheckDescription(
        id: "next-with-branches", code: "K107", name: "Next with branches", category: .flow, defaultSeverity: .error,
        summary: "a step names a `next` step and has branches as well",
        explanation: """
            A step either leads on to one step (`next`, or the one written after it) or forks \
            (`branches`). With both, the branches win and `next` is silently ignored when the \
            process is run, so the flow in the handbook would not be the flow agents follow. \
            Keep one: add the `next` step as a branch with its condition, or drop the branches.
            """,
        triggering: [CheckExample.process("""
                        - {id: a, title: A, goal: G, effect: E, actions: [x], next: c, branches: [{when: yes, to: b}, {when: no, to: c}]}
                        - {id: b, title: B, goal: G, effect: E, actions: [x], end: done}
                        - {id: c, title: C, goal: G, effect: E, actions: [x], end: failed}
            """)],
        passing: [.clean])

    func check(_ context: CheckContext) {
        context.codex.forEachStep { _, _, step in
            guard let next = step.next, !step.branches.isEmpty else { return }
            context.report("step `\(step.id.value)` names a `next` step and branches as well", at: next.span,
                           notes: [Diagnostic.Note("the branches decide where the flow goes; `next` would be ignored")],
                           help: ["make `\(next.value)` a branch with its condition, or remove `next`"],
                           silences: step.silences)
        }
    }
}
