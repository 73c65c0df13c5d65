import KodexModel
import KodexYAML

/// The outcome of checking a codex.
public struct ValidationReport: Sendable {
    /// Every finding that is not switched off or silenced, sorted by place.
    public var diagnostics: [Diagnostic]
    /// Findings dropped by a `silence:` on their element.
    public var silencedCount: Int

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
    /// Every rule, in the order `kodex rules` lists them.
    public static let rules: [any ValidationRule] = [
        // Integrity
        YAMLSyntaxRule(), InputLimitRule(), UnreadableFileRule(), DuplicateKeyRule(), UnknownKeyRule(),
        WrongTypeRule(), MissingFieldRule(), DuplicateIDRule(), UnresolvedReferenceRule(),
        IncludeMatchesNothingRule(), IncludeOutsideCodexRule(),
        // Flow
        UnreachableStepRule(), DanglingBranchRule(), BranchWithoutConditionRule(), DuplicateConditionRule(),
        CycleWithoutExitRule(), ProcessWithoutEndRule(),
        // Method
        RequiredKindMissingRule(), SituationWithoutProcessesRule(), ProcessWithoutStepsRule(),
        PlaceholderTextRule(), EffectRepeatsGoalRule(), ProcessWithoutTouchpointRule(),
        ExpectationUnmetRule(), StepWithoutActionRule(),
        // Hygiene
        UnusedElementRule(), BannedPhraseRule(), UndefinedPlaceholderRule(),
        // Configuration
        UnknownRuleRule(), SilenceWithoutReasonRule(),
    ]

    /// The rule with the given id or code, such as `unknown-key` or `K005`.
    public static func rule(named name: String) -> (any ValidationRule)? {
        let wanted = name.uppercased()
        return rules.first { $0.description.id == name || $0.description.code == wanted }
    }

    /// Creates a validator.
    public init() {}

    /// Checks a loaded codex.
    public func validate(_ loaded: LoadedCodex) -> ValidationReport {
        let context = RuleContext(codex: loaded.codex, loadDiagnostics: loaded.diagnostics,
                                  ruleIDs: Self.rules.map(\.description.id))
        let severities = configuredSeverities(loaded.codex.manifest)
        for rule in Self.rules {
            let id = rule.description.id
            guard (severities[id] ?? rule.description.defaultSeverity) != .off else { continue }
            context.currentRule = id
            rule.check(context)
        }
        var diagnostics: [Diagnostic] = []
        var silenced = 0
        var seen = Set<Diagnostic>()
        for finding in context.findings {
            if finding.silences.contains(where: { $0.rule.value == finding.diagnostic.rule }) {
                silenced += 1
                continue
            }
            var diagnostic = finding.diagnostic
            diagnostic.severity = severities[diagnostic.rule]
                ?? Self.rule(named: diagnostic.rule)?.description.defaultSeverity ?? .error
            if seen.insert(diagnostic).inserted {
                diagnostics.append(diagnostic)
            }
        }
        diagnostics.sort(by: Self.order)
        return ValidationReport(diagnostics: diagnostics, silencedCount: silenced)
    }

    private func configuredSeverities(_ manifest: Manifest) -> [String: Severity] {
        var severities: [String: Severity] = [:]
        for (rule, severity) in manifest.severities {
            severities[rule.value] = severity.value
        }
        for rule in manifest.disabledRules {
            severities[rule.value] = .off
        }
        return severities
    }

    /// By file and place, then by rule and message, so output never depends on the
    /// order rules ran in.
    static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        let aSpan = a.span ?? SourceSpan.file("")
        let bSpan = b.span ?? SourceSpan.file("")
        if aSpan != bSpan { return aSpan < bSpan }
        let aCode = rule(named: a.rule)?.description.code ?? a.rule
        let bCode = rule(named: b.rule)?.description.code ?? b.rule
        if aCode != bCode { return aCode < bCode }
        return a.message < b.message
    }
}
