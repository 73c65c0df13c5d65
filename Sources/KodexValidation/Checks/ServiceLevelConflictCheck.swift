import KodexModel

/// Reports one helpdesk service level given two different targets.
struct ServiceLevelConflictCheck: ValidationCheck {
    let description = CheckDescription(
        id: "service-level-conflict", code: "K312", name: "Service level conflict", category: .hygiene,
        defaultSeverity: .error,
        summary: "two time targets mark the same helpdesk service level with different limits",
        explanation: """
            A time target marked with `sla` becomes a target of the helpdesk's service-level policy \
            when the codex is exported to Zendesk, and a policy holds one target per service level. \
            When two steps mark, say, `first-reply` with different limits, the export could only pick \
            one of them silently; make them agree, or mark only the one the helpdesk should measure. \
            The check runs when the manifest enables Zendesk.
            """,
        triggering: [Self.example(limits: ("1 h", "4 h"))],
        passing: [Self.example(limits: ("60 min", "1 h"))])

    /// Two steps whose time targets both mark the first reply, with the limits given.
    private static func example(limits: (String, String)) -> CheckExample {
        CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + "helpdesk: {zendesk: {}}\n"),
            ("content.yaml", """
                situation:
                  id: s
                  title: S
                  kind: problem
                  processes:
                    - id: p
                      title: P
                      steps:
                        - {id: a, title: A, goal: G, effect: E, actions: [x], time_target: {within: \(limits.0), sla: first-reply}}
                        - {id: b, title: B, goal: G, effect: E, actions: [x], time_target: {within: \(limits.1), sla: first-reply}, end: done}

                """),
        ])
    }

    func check(_ context: CheckContext) {
        guard context.codex.manifest.helpdesk.zendesk != nil else { return }
        var first: [ServiceLevelMetric: (target: TimeTarget, step: String)] = [:]
        context.codex.forEachStep { _, _, step in
            guard let target = step.timeTarget, let level = target.serviceLevel else { return }
            guard let (earlier, earlierStep) = first[level.value] else {
                first[level.value] = (target, step.id.value)
                return
            }
            if earlier.seconds != target.seconds || earlier.workingDays != target.workingDays {
                context.report("step `\(step.id.value)` gives the service level `\(level.value.rawValue)` the limit `\(target.text.value)`, while step `\(earlierStep)` gives it `\(earlier.text.value)`",
                               at: target.text.span,
                               notes: [Diagnostic.Note("the other limit", at: earlier.text.span)],
                               help: ["a helpdesk policy holds one target per service level: make the limits agree, or drop `sla` from one of them"],
                               silences: step.silences)
            }
        }
    }
}
