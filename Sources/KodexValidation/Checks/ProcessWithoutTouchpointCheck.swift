import KodexModel

/// Reports processes that mark no touchpoint.
struct ProcessWithoutTouchpointCheck: ValidationCheck {
    let description = CheckDescription(
        id: "process-without-touchpoint", code: "K206", name: "Process without touchpoint", category: .method,
        defaultSeverity: .warning,
        summary: "no step of a process marks a touchpoint",
        explanation: """
            The method's third step refines the steps and marks the details that influence the \
            customer's final opinion: the moments of truth. Every process has at least one; a \
            process without any has not been looked at through the customer's eyes yet.
            """,
        triggering: [CheckExample.process("            - {id: a, title: A, goal: G, effect: E, actions: [x], end: done}")],
        passing: [.clean])

    func check(_ context: CheckContext) {
        for situation in context.codex.situations {
            for process in situation.processes where !process.steps.isEmpty
                && process.steps.allSatisfy({ $0.touchpoints.isEmpty }) {
                context.report("process `\(process.id.value)` marks no touchpoint", at: process.id.span,
                               help: ["add `touchpoints:` to the steps whose details sway the customer's opinion"],
                               silences: process.silences)
            }
        }
    }
}
