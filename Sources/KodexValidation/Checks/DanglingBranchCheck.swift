import KodexModel

/// Reports branches that lead nowhere.
struct DanglingBranchCheck: SituationCheck {
    let description = CheckDescription(
        id: "dangling-branch", code: "K102", name: "Dangling branch", category: .flow, defaultSeverity: .error,
        summary: "a branch has no target, or its target is not a step of the process",
        explanation: """
            Every branch names, under `to`, a step of the same process. A branch without a target, \
            or with a target that is not a step of the process, leaves the agent with nowhere to go. \
            A step that ends the process cannot branch as well.
            """,
        triggering: [
            CheckExample.process("""
                            - {id: a, title: A, goal: G, effect: E, actions: [x], branches: [{when: yes, to: b}, {when: no}]}
                            - {id: b, title: B, goal: G, effect: E, actions: [x], end: done}
                """),
            CheckExample.process("""
                            - {id: a, title: A, goal: G, effect: E, actions: [x], branches: [{when: yes, to: bb}]}
                            - {id: b, title: B, goal: G, effect: E, actions: [x], end: done}
                """),
        ],
        passing: [.clean])

    func check(_ situation: Situation, at index: Int, _ context: CheckContext) {
        for process in situation.processes {
            let ids = process.steps.map(\.id.value)
            // With two steps of one id the flow is ambiguous; the duplicate is the finding.
            let ambiguous = Set(ids).count != ids.count
            for step in process.steps {
                if let end = step.end, !step.branches.isEmpty || step.next != nil {
                    context.report("step `\(step.id.value)` ends the process but also leads on",
                                   at: end.span, help: ["remove `end`, or remove the branches and `next`"],
                                   silences: step.silences)
                }
                for branch in step.branches {
                    guard let target = branch.target else {
                        context.report("a branch of step `\(step.id.value)` leads nowhere", at: branch.span,
                                       help: ["add `to:` with the id of the step it leads to"],
                                       silences: step.silences)
                        continue
                    }
                    if !ids.contains(target.value) && !ambiguous {
                        context.report("branch target `\(target.value)` is not a step of process `\(process.id.value)`",
                                       at: target.span, help: context.didYouMean(target.value, in: ids),
                                       silences: step.silences)
                    }
                }
            }
        }
    }
}
