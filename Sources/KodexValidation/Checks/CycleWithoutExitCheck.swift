import KodexModel
import KodexYAML

/// Reports loops in a process that never reach an end.
struct CycleWithoutExitCheck: ValidationCheck {
    let description = CheckDescription(
        id: "cycle-without-exit", code: "K105", name: "Cycle without exit", category: .flow, defaultSeverity: .error,
        summary: "steps loop back to each other with no way to an end",
        explanation: """
            A loop is fine, such as asking again until the problem is clear, as long as some branch \
            leaves it. Steps that only lead back to each other would keep an agent in the loop \
            forever.
            """,
        triggering: [CheckExample.process("""
                        - {id: a, title: A, goal: G, effect: E, actions: [x]}
                        - {id: b, title: B, goal: G, effect: E, actions: [x], next: a}
            """)],
        passing: [.clean, CheckExample.process("""
                        - {id: a, title: A, goal: G, effect: E, actions: [x]}
                        - {id: b, title: B, goal: G, effect: E, actions: [x], branches: [{when: unclear, to: a}, {when: clear, to: c}]}
                        - {id: c, title: C, goal: G, effect: E, actions: [x], end: done}
            """)])

    func check(_ context: CheckContext) {
        let situations = context.codex.situations
        for situation in situations.indices {
            for processIndex in situations[situation].processes.indices {
                let flow = context.index.flows[situation][processIndex]
                guard !flow.leadsNowhere, !flow.trappedLoops.isEmpty else { continue }
                let process = situations[situation].processes[processIndex]
                for loop in flow.trappedLoops {
                    let names = loop.map { "`\(process.steps[$0].id.value)`" }.joined(separator: ", ")
                    let (closer, edge) = Self.closingEdge(of: loop, in: process, flow: flow)
                    let labels = loop.map { Diagnostic.Note("step `\(process.steps[$0].id.value)` is in the loop", at: process.steps[$0].id.span) }
                    context.report("steps \(names) loop with no way to an end of process `\(process.id.value)`",
                                   at: edge, notes: labels,
                                   help: ["add a branch that leaves the loop, or an `end` inside it"],
                                   silences: process.steps[closer].silences)
                }
            }
        }
    }

    /// The step whose `next` or branch leads back into the loop, and where that is
    /// written: the place an author would change to let the flow out.
    static func closingEdge(of loop: [Int], in process: KodexModel.Process, flow: ProcessFlow) -> (Int, SourceSpan) {
        let members = Set(loop)
        for index in loop.reversed() {
            let step = process.steps[index]
            for successor in flow.successors[index] where members.contains(successor) && successor <= index {
                if let next = step.next, flow.indexOfID[next.value] == successor { return (index, next.span) }
                if let branch = step.branches.first(where: { $0.target.flatMap { flow.indexOfID[$0.value] } == successor }) {
                    return (index, branch.target?.span ?? branch.span)
                }
                return (index, step.id.span)
            }
        }
        return (loop[0], process.steps[loop[0]].id.span)
    }
}
