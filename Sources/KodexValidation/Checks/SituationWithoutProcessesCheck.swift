import KodexModel

/// Reports situations not yet broken into processes.
struct SituationWithoutProcessesCheck: ValidationCheck {
    let description = CheckDescription(
        id: "situation-without-processes", code: "K202", name: "Situation without processes", category: .method,
        defaultSeverity: .error,
        summary: "a situation has no processes",
        explanation: """
            The method's second step breaks every encounter situation into processes, and each \
            process into logically linked steps. A situation without processes gives the agent \
            nothing to follow.
            """,
        triggering: [CheckExample("situation: {id: s, title: S, kind: enquiry}\n")],
        passing: [.clean])

    func check(_ context: CheckContext) {
        for situation in context.codex.situations where situation.processes.isEmpty
            && !context.hasMistypedKey("processes", in: situation.span) {
            context.report("situation `\(situation.id.value)` has no processes", at: situation.id.span,
                           help: ["break the situation into processes under `processes:`"],
                           silences: situation.silences)
        }
    }
}
