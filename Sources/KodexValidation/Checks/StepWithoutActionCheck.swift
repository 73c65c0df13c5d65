import KodexModel

/// Reports steps that give the agent nothing to do.
struct StepWithoutActionCheck: ValidationCheck {
    let description = CheckDescription(
        id: "step-without-action", code: "K208", name: "Step without action", category: .method,
        defaultSeverity: .warning,
        summary: "a step has no actions for the agent's checklist",
        explanation: """
            During a call the agent works through each step's checklist. A step with no `actions` \
            shows an empty checklist: say what the agent does, even if it is one thing.
            """,
        triggering: [CheckExample.process("            - {id: a, title: A, goal: G, effect: E, end: done}")],
        passing: [.clean])

    func check(_ context: CheckContext) {
        context.codex.forEachStep { _, _, step in
            guard step.actions.isEmpty else { return }
            context.report("step `\(step.id.value)` gives the agent nothing to do", at: step.id.span,
                           help: ["add `actions:`, the checklist items of the step"], silences: step.silences)
        }
    }
}
