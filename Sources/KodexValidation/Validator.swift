import KodexModel
import KodexYAML
import KodexSupport

/// The outcome of checking a codex.
public struct ValidationReport: Sendable {
    /// Every finding that is not switched off or silenced, sorted by place.
    public var diagnostics: [Diagnostic]
    /// Findings dropped by a `silence:` on their element.
    public var silencedCount: Int

    /// Creates a report from findings already sorted.
    public init(diagnostics: [Diagnostic], silencedCount: Int) {
        self.diagnostics = diagnostics
        self.silencedCount = silencedCount
    }

    /// The number of errors.
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    /// The number of warnings.
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Whether the check fails: on any error, or on any warning when `strict`.
    public func fails(strict: Bool) -> Bool {
        errorCount > 0 || (strict && warningCount > 0)
    }
}

/// Runs every registered rule over a codex and applies the codex's configuration.
public struct Validator: Sendable {
    /// Every check, in the order `kodex checks` lists them.
    public static let checks: [any ValidationCheck] = [
        // Integrity
        YAMLSyntaxCheck(), InputLimitCheck(), UnreadableFileCheck(), DuplicateKeyCheck(), UnknownKeyCheck(),
        WrongTypeCheck(), MissingFieldCheck(), DuplicateIDCheck(), UnresolvedReferenceCheck(),
        IncludeMatchesNothingCheck(), IncludeOutsideCodexCheck(), UncoveredFileCheck(), QuestionSubjectCheck(),
        QuestionAnswersCheck(),
        // Flow
        UnreachableStepCheck(), DanglingBranchCheck(), BranchWithoutConditionCheck(), DuplicateConditionCheck(),
        CycleWithoutExitCheck(), ProcessWithoutEndCheck(), NextWithBranchesCheck(),
        // Method
        RequiredKindMissingCheck(), SituationWithoutProcessesCheck(), ProcessWithoutStepsCheck(),
        PlaceholderTextCheck(), EffectRepeatsGoalCheck(), ProcessWithoutTouchpointCheck(),
        ExpectationUnmetCheck(), StepWithoutActionCheck(), SituationWithoutExpectationsCheck(),
        // Hygiene
        UnusedElementCheck(), BannedPhraseCheck(), UndefinedPlaceholderCheck(), UnusedPlaceholderCheck(),
        UnbalancedBraceCheck(), UnusedChannelOrRoleCheck(), MeetsAndExceedsCheck(), RemoteContentCheck(),
        UnsafeMarkdownCheck(), UnmappedPlaceholderCheck(), UnmappedRoleCheck(), ServiceLevelConflictCheck(),
        // Configuration
        UnknownCheckIDCheck(), SilenceWithoutReasonCheck(),
    ]

    /// Every check's id and code, as configuration and silences may name them.
    public static let checkNames: [String] = checks.flatMap { [$0.description.id, $0.description.code] }

    /// The rule with the given id or code, such as `unknown-key` or `K005`.
    public static func check(named name: String) -> (any ValidationCheck)? {
        checksByName[name] ?? checksByName[name.uppercased()]
    }

    private static let checksByName: [String: any ValidationCheck] = {
        var byName: [String: any ValidationCheck] = [:]
        for rule in checks {
            byName[rule.description.id] = rule
            byName[rule.description.code] = rule
        }
        return byName
    }()

    /// What a check reports.
    public enum Scope: Sendable {
        /// Every finding: errors and warnings.
        case everything
        /// Errors alone, for a caller that only asks whether the codex passes and what
        /// stops it: the checks whose findings can only be warnings do not run.
        case errors
    }

    /// What this validator reports.
    public let scope: Scope

    /// Creates a validator that reports `scope`.
    public init(reporting scope: Scope = .everything) {
        self.scope = scope
    }

    /// Checks a loaded codex. Reporting errors alone, ``ValidationReport/silencedCount``
    /// counts the silenced findings of the checks that ran.
    ///
    /// - Parameter memory: what the last check of this codex found about each situation;
    ///   the situations equal to those it remembers are not checked again by the checks
    ///   that look at one situation at a time, and the memory then holds this check's
    ///   findings. The report is the same with a memory or without.
    public func validate(_ loaded: LoadedCodex, memory: CheckMemory? = nil) -> ValidationReport {
        let codex = loaded.codex
        let severities = configuredSeverities(codex.manifest)
        let active = Self.checks.filter { check in
            let severity = severities[check.description.id] ?? check.description.defaultSeverity
            // A warning that other findings are held back behind becomes an error when one
            // of them is: those checks run whatever their severity.
            return severity == .error || (severity == .warning
                && (scope == .everything || ConsequenceFolding.anchorRules.contains(check.description.id)))
        }
        let index = CodexIndex(codex)
        let ruleIDs = Self.checks.map(\.description.id)
        let (remembered, unchanged) = memory?.unchanged(in: codex) ?? (nil, [])
        let context = { @Sendable (rule: String) in
            CheckContext(codex: codex, loadDiagnostics: loaded.diagnostics, index: index,
                         ruleIDs: ruleIDs, rule: rule, mistypedKeys: loaded.mistypedKeys)
        }
        // Rules only read the codex, so they run side by side, each with a context of
        // its own; their findings are joined in rule order.
        let results = concurrentMap(active.count) { number -> (findings: [CheckContext.Finding], bySituation: [String: [CheckContext.Finding]]?) in
            let rule = active[number]
            let id = rule.description.id
            guard memory != nil, let local = rule as? any SituationCheck else {
                let whole = context(id)
                rule.check(whole)
                return (whole.findings, nil)
            }
            return Self.check(local, situationBySituation: codex, remembered: remembered?.findings[id] ?? [:],
                              unchanged: unchanged) { context(id) }
        }
        if let memory {
            var kept: [String: [String: [CheckContext.Finding]]] = [:]
            for (number, result) in results.enumerated() {
                if let bySituation = result.bySituation { kept[active[number].description.id] = bySituation }
            }
            memory.remember(codex, findings: kept, reused: unchanged.count { $0 })
        }
        let isSilenced = { (finding: CheckContext.Finding) in
            finding.silences.contains(where: { Self.canonicalID($0.rule.value) == finding.diagnostic.rule })
        }
        var folding = ConsequenceFolding(loaded)
        // Held back only behind a finding that is reported: behind none, an error would vanish.
        folding.keepSources(anchoredIn: results.lazy.map(\.findings).joined().filter { !isSilenced($0) }.map(\.diagnostic))
        var diagnostics: [Diagnostic] = []
        var silenced = 0
        var seen = Set<Diagnostic>()
        for finding in results.map(\.findings).joined() {
            if isSilenced(finding) {
                silenced += 1
                continue
            }
            var diagnostic = finding.diagnostic
            diagnostic.severity = severities[diagnostic.rule]
                ?? Self.check(named: diagnostic.rule)?.description.defaultSeverity ?? .error
            if folding.fold(finding, severity: diagnostic.severity) { continue }
            if seen.insert(diagnostic).inserted {
                diagnostics.append(diagnostic)
            }
        }
        folding.annotate(&diagnostics)
        if scope == .errors { diagnostics.removeAll { $0.severity != .error } }
        // Causes first, then by place and rule; findings of one rule at one place keep
        // the order the rule reported them in, which is codex order.
        diagnostics = diagnostics.enumerated().sorted { Self.order($0, $1) }.map(\.element)
        return ValidationReport(diagnostics: diagnostics, silencedCount: silenced)
    }

    /// Runs a situation check on what the codex shares, then situation by situation, taking
    /// the findings about each situation marked `unchanged` from `remembered` (by situation
    /// id); gives every finding in order, and each situation's findings to remember.
    private static func check(
        _ check: any SituationCheck, situationBySituation codex: Codex, remembered: [String: [CheckContext.Finding]],
        unchanged: [Bool], context: () -> CheckContext
    ) -> (findings: [CheckContext.Finding], bySituation: [String: [CheckContext.Finding]]?) {
        let shared = context()
        check.checkShared(shared)
        var findings = shared.findings
        var bySituation: [String: [CheckContext.Finding]] = [:]
        for (place, situation) in codex.situations.enumerated() {
            let found: [CheckContext.Finding]
            if unchanged.indices.contains(place), unchanged[place], let kept = remembered[situation.id.value] {
                found = kept
            } else {
                let one = context()
                check.check(situation, at: place, one)
                found = one.findings
            }
            findings += found
            bySituation[situation.id.value] = found
        }
        return (findings, bySituation)
    }

    /// The id of the rule a configuration names by id or by code, such as `K301`; the
    /// name itself when no rule has it.
    static func canonicalID(_ name: String) -> String {
        check(named: name)?.description.id ?? name
    }

    private func configuredSeverities(_ manifest: Manifest) -> [String: Severity] {
        var severities: [String: Severity] = [:]
        for (rule, severity) in manifest.severities {
            severities[Self.canonicalID(rule.value)] = severity.value
        }
        for rule in manifest.disabledRules {
            severities[Self.canonicalID(rule.value)] = .off
        }
        // A file that cannot be read would otherwise drop out of the codex unseen; the
        // configuration that asks for it is reported by unknown-rule.
        for rule in Self.causeRules { severities[rule] = nil }
        return severities
    }

    /// Findings that stop a file from being read, or that name the file rather than a
    /// place in it: everything else may follow from them, so they come first. They are
    /// always errors: switched off or lowered, a file that cannot be read would drop out
    /// of the codex unseen.
    static let causeRules: Set<String> = [CheckID.yamlSyntax, CheckID.inputLimit, CheckID.unreadableFile]

    private static func isCause(_ diagnostic: Diagnostic) -> Bool {
        causeRules.contains(diagnostic.rule) && diagnostic.severity == .error
    }

    /// Causes first, then by file and place, then by rule code, then by report order, so
    /// output never depends on the order rules ran in.
    static func order(_ a: (offset: Int, element: Diagnostic), _ b: (offset: Int, element: Diagnostic)) -> Bool {
        let aCause = isCause(a.element), bCause = isCause(b.element)
        if aCause != bCause { return aCause }
        let aSpan = a.element.span ?? SourceSpan.file("")
        let bSpan = b.element.span ?? SourceSpan.file("")
        if aSpan != bSpan { return aSpan < bSpan }
        let aCode = check(named: a.element.rule)?.description.code ?? a.element.rule
        let bCode = check(named: b.element.rule)?.description.code ?? b.element.rule
        if aCode != bCode { return aCode < bCode }
        return a.offset < b.offset
    }
}
