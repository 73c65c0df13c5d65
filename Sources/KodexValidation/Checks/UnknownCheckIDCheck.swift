import KodexModel

/// Reports configuration and silences that name a rule Kodex does not have, and
/// configuration that would switch off or lower a check of a file that cannot be read.
struct UnknownCheckIDCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unknown-rule", code: "K401", name: "Unknown rule", category: .configuration, defaultSeverity: .error,
        summary: "a severity, a disabled rule or a silence names a rule Kodex does not have, or one that cannot be switched off",
        explanation: """
            `validation.severity`, `validation.disable` and every `silence:` name rules by id, such \
            as `unused-element`; `kodex rules` lists them. A misspelt id would silently configure \
            nothing. The checks of files that cannot be read (`yaml-syntax`, `input-limit`, \
            `unreadable-file`) are always errors: switched off, a file with a stray tab would drop \
            out of the codex, and out of the handbook, without a word. Configuring them is \
            reported, and has no effect.
            """,
        triggering: [
            CheckExample(files: [("codex.yaml", CheckExample.baseManifest + "  disable: [unused-elements]\n")]),
            CheckExample(files: [("codex.yaml", CheckExample.baseManifest + "  disable: [yaml-syntax]\n")]),
        ],
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
        let lowered = manifest.disabledRules + manifest.severities.filter { $0.value.value != .error }.map(\.key)
        for name in lowered.sorted(by: { $0.span < $1.span }) {
            let id = Validator.canonicalID(name.value)
            guard Validator.causeRules.contains(id) else { continue }
            context.report("`\(id)` cannot be switched off or lowered: a file Kodex cannot read would drop out of the codex unseen",
                           at: name.span, help: ["remove it from `validation`; a file that should not be read belongs outside the `include` patterns"])
        }
    }
}
