import KodexModel

/// Reports configuration and silences that name a rule Kodex does not have.
struct UnknownCheckIDCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unknown-rule", code: "K401", name: "Unknown rule", category: .configuration, defaultSeverity: .error,
        summary: "a severity, a disabled rule or a silence names a rule Kodex does not have",
        explanation: """
            `validation.severity`, `validation.disable` and every `silence:` name rules by id, such \
            as `unused-element`; `kodex rules` lists them. A misspelt id would silently configure \
            nothing.
            """,
        triggering: [CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + "  disable: [unused-elements]\n"),
        ])],
        passing: [
            CheckExample(files: [("codex.yaml", CheckExample.baseManifest + "  disable: [unused-element]\n")]),
            CheckExample(files: [("codex.yaml", CheckExample.baseManifest + "  disable: [K301]\n  severity: {k302: warning}\n")]),
        ])

    func check(_ context: CheckContext) {
        let manifest = context.codex.manifest
        var names = manifest.disabledRules + manifest.severities.keys.sorted { $0.span < $1.span }
        for situation in context.codex.situations {
            names += situation.silences.map(\.rule)
            for process in situation.processes {
                names += process.silences.map(\.rule)
                for step in process.steps { names += step.silences.map(\.rule) }
            }
        }
        names += context.codex.expectations.flatMap { $0.silences.map(\.rule) }
        names += context.codex.rules.flatMap { $0.silences.map(\.rule) }
        names += context.codex.tools.flatMap { $0.silences.map(\.rule) }
        names += context.codex.templates.flatMap { $0.silences.map(\.rule) }
        // A check may be named by its id or by its code, such as `unused-element` or `K301`.
        for name in names where Validator.check(named: name.value) == nil {
            context.report("no rule has the id `\(name.value)`", at: name.span,
                           help: context.didYouMean(name.value, in: context.ruleIDs) + ["`kodex rules` lists every rule"])
        }
    }
}
