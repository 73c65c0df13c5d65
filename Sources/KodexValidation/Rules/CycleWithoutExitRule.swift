import KodexModel

/// Reports loops in a process that never reach an end.
struct CycleWithoutExitRule: ValidationRule {
    let description = RuleDescription(
        id: "cycle-without-exit", code: "K105", name: "Cycle without exit", category: .flow, defaultSeverity: .error,
        summary: "steps loop back to each other with no way to an end",
        explanation: """
            A loop is fine, such as asking again until the problem is clear, as long as some branch \
            leaves it. Steps that only lead back to each other would keep an agent in the loop \
            forever.
            """,
        triggering: [RuleExample.process("""
                        - {id: a, title: A, goal: G, effect: E, actions: [x]}
                        - {id: b, title: B, goal: G, effect: E, actions: [x], next: a}
            """)],
        passing: [.clean, RuleExample.process("""
                        - {id: a, title: A, goal: G, effect: E, actions: [x]}
                        - {id: b, title: B, goal: G, effect: E, actions: [x], branches: [{when: unclear, to: a}, {when: clear, to: c}]}
                        - {id: c, title: C, goal: G, effect: E, actions: [x], end: done}
            """)])

    func check(_ context: RuleContext) {
        for situation in context.codex.situations {
            for process in situation.processes {
                let flow = ProcessFlow(process)
                let trapped = flow.reachable.subtracting(flow.reachingAnEnd)
                for loop in flow.loops(among: trapped) {
                    let first = process.steps[loop[0]]
                    let names = loop.map { "`\(process.steps[$0].id.value)`" }.joined(separator: ", ")
                    context.report("steps \(names) loop with no way to an end of process `\(process.id.value)`",
                                   at: first.id.span,
                                   help: ["add a branch that leaves the loop, or an `end` inside it"],
                                   silences: first.silences)
                }
            }
        }
    }
}
