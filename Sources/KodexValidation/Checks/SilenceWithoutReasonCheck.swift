import KodexModel

/// Reports silences that give no reason.
struct SilenceWithoutReasonCheck: ValidationCheck {
    let description = CheckDescription(
        id: "silence-without-reason", code: "K402", name: "Silence without reason", category: .configuration,
        defaultSeverity: .error,
        summary: "a `silence:` entry gives no reason",
        explanation: """
            An element may silence a rule that does not apply to it, as `silence: {rule-id: reason}`. \
            The reason is for the next consultant, who would otherwise undo the silence or copy it \
            where it does not belong.
            """,
        triggering: [CheckExample("tools:\n  - {id: crm, title: CRM, silence: {unused-element: }}\n")],
        passing: [CheckExample("tools:\n  - {id: crm, title: CRM, silence: {unused-element: Used by the back office only}}\n")])

    func check(_ context: CheckContext) {
        var silences: [Silence] = []
        for situation in context.codex.situations {
            silences += situation.silences
            for process in situation.processes {
                silences += process.silences
                for step in process.steps { silences += step.silences }
            }
        }
        silences += context.codex.expectations.flatMap(\.silences)
        silences += context.codex.rules.flatMap(\.silences)
        silences += context.codex.tools.flatMap(\.silences)
        silences += context.codex.templates.flatMap(\.silences)
        for silence in silences where silence.reason == nil {
            context.report("silence of `\(silence.rule.value)` gives no reason", at: silence.rule.span,
                           help: ["write why the rule does not apply: `\(silence.rule.value): <reason>`"])
        }
    }
}
