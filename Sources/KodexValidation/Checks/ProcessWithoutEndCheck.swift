import KodexModel

/// Reports processes with no explicit end, and last steps that lead nowhere.
struct ProcessWithoutEndCheck: ValidationCheck {
    let description = CheckDescription(
        id: "process-without-end", code: "K106", name: "Process without end", category: .flow, defaultSeverity: .error,
        summary: "a process has no `end`, or its last step neither ends nor leads on",
        explanation: """
            Ends are explicit: a step that closes the process says so with `end:` and the outcome in \
            words ("the customer's problem is solved"). The outcome is what the session record and \
            the trainer's report show. A last step without `end`, branches or `next` leaves the \
            flow hanging.
            """,
        triggering: [CheckExample.process("""
                        - {id: a, title: A, goal: G, effect: E, actions: [x]}
                        - {id: b, title: B, goal: G, effect: E, actions: [x]}
            """)],
        passing: [.clean])

    func check(_ context: CheckContext) {
        let situations = context.codex.situations
        for situation in situations.indices {
            for processIndex in situations[situation].processes.indices where !situations[situation].processes[processIndex].steps.isEmpty {
                let flow = context.index.flows[situation][processIndex]
                let process = situations[situation].processes[processIndex]
                if !flow.ends.contains(true) {
                    context.report("process `\(process.id.value)` has no end", at: process.id.span,
                                   help: ["add `end:` with the outcome to the step that closes the process"],
                                   silences: process.silences)
                }
                let last = process.steps.count - 1
                if flow.fallsOff(last, in: process) {
                    let step = process.steps[last]
                    context.report("step `\(step.id.value)` is the last of process `\(process.id.value)` but neither ends nor leads on",
                                   at: step.id.span, help: ["add `end:` with the outcome, or a `next:` step"],
                                   silences: step.silences)
                }
            }
        }
    }
}
