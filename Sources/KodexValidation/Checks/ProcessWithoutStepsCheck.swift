import KodexModel

/// Reports processes not yet broken into steps.
struct ProcessWithoutStepsCheck: ValidationCheck {
    let description = CheckDescription(
        id: "process-without-steps", code: "K203", name: "Process without steps", category: .method,
        defaultSeverity: .error,
        summary: "a process has no steps",
        explanation: """
            Each process breaks into logically linked steps, each with its own goal and effect. A \
            process without steps is a heading with nothing under it.
            """,
        triggering: [CheckExample("situation:\n  id: s\n  title: S\n  kind: enquiry\n  processes:\n    - {id: p, title: P, steps: []}\n")],
        passing: [.clean])

    func check(_ context: CheckContext) {
        for situation in context.codex.situations {
            for process in situation.processes where process.steps.isEmpty
                && !context.hasMistypedKey("steps", in: process.span) {
                context.report("process `\(process.id.value)` has no steps", at: process.id.span,
                               help: ["break the process into steps under `steps:`"], silences: process.silences)
            }
        }
    }
}
