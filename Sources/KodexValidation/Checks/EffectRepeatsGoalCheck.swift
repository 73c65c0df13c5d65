import KodexModel

/// Reports steps whose effect is a copy of their goal.
struct EffectRepeatsGoalCheck: SituationCheck {
    let description = CheckDescription(
        id: "effect-repeats-goal", code: "K205", name: "Effect repeats goal", category: .method,
        defaultSeverity: .warning,
        summary: "a step's effect is the same text as its goal",
        explanation: """
            The goal says what the step must achieve; the effect says what the customer must feel \
            or think because of it. They answer different questions, so the same words in both mean \
            one of them is still to be written.
            """,
        triggering: [CheckExample.process("            - {id: a, title: A, goal: Greet the customer, effect: greet the  customer, actions: [x], end: done}")],
        passing: [.clean])

    func check(_ situation: Situation, at index: Int, _ context: CheckContext) {
        for process in situation.processes {
            for step in process.steps {
                guard let goal = step.goal, let effect = step.effect, Self.sameWords(goal.value, effect.value),
                      !PlaceholderTextCheck.isPlaceholder(goal.value) else { continue }
                context.report("effect of step `\(step.id.value)` repeats its goal", at: effect.span,
                               notes: [Diagnostic.Note("the goal", at: goal.span)],
                               help: ["describe the effect on the customer: what they should feel or think"],
                               silences: step.silences)
            }
        }
    }

    /// Whether two texts are equal but for case and spacing.
    static func sameWords(_ a: String, _ b: String) -> Bool { a.foldsAlike(b) }
}
