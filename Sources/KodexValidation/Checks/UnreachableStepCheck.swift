import KodexModel

/// Reports steps the flow can never reach from the first step.
struct UnreachableStepCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unreachable-step", code: "K101", name: "Unreachable step", category: .flow, defaultSeverity: .error,
        summary: "no path from the process's first step leads to this step",
        explanation: """
            A process starts at its first step and moves on in writing order, unless a step ends \
            the process, branches, or names its `next` step. A step no path reaches will never be \
            shown to an agent: it is either dead text or a missing branch.
            """,
        triggering: [CheckExample.process("""
                        - {id: a, title: A, goal: G, effect: E, actions: [x], end: done}
                        - {id: b, title: B, goal: G, effect: E, actions: [x], end: done}
            """)],
        passing: [.clean, CheckExample.process("""
                        - {id: a, title: A, goal: G, effect: E, actions: [x], branches: [{when: yes, to: b}, {when: no, to: c}]}
                        - {id: b, title: B, goal: G, effect: E, actions: [x], end: done}
                        - {id: c, title: C, goal: G, effect: E, actions: [x], end: failed}
            """)])

    func check(_ context: CheckContext) {
        let situations = context.codex.situations
        for situation in situations.indices {
            for processIndex in situations[situation].processes.indices {
                let flow = context.index.flows[situation][processIndex]
                // A branch or `next` that names a missing step explains the unreachable one;
                // steps after a loop with no way out are cut off by that loop, its finding.
                guard !flow.leadsNowhere, flow.trappedLoops.isEmpty, flow.reachable.count < flow.successors.count else { continue }
                let process = situations[situation].processes[processIndex]
                for (index, step) in process.steps.enumerated() where !flow.reachable.contains(index) {
                    context.report("step `\(step.id.value)` cannot be reached from the start of process `\(process.id.value)`",
                                   at: step.id.span,
                                   notes: [Diagnostic.Note("the step before it ends the process, branches elsewhere or names another `next`")],
                                   help: ["add a branch to `\(step.id.value)`, or remove the step"],
                                   silences: step.silences)
                }
            }
        }
    }
}
