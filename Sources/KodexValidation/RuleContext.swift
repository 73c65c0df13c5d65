import KodexModel
import KodexYAML

/// What a rule sees while it checks a codex, and where it reports.
public final class RuleContext {
    /// The codex being checked.
    public let codex: Codex
    /// What reading the files found; the integrity rules forward their share of it.
    public let loadDiagnostics: [Diagnostic]
    /// Lookups over the codex, built once for every rule.
    public let index: CodexIndex
    /// The ids of every registered rule.
    public let ruleIDs: [String]

    struct Finding {
        var diagnostic: Diagnostic
        var silences: [Silence]
    }

    private(set) var findings: [Finding] = []
    let currentRule: String

    init(codex: Codex, loadDiagnostics: [Diagnostic], index: CodexIndex, ruleIDs: [String], rule: String) {
        self.codex = codex
        self.loadDiagnostics = loadDiagnostics
        self.index = index
        self.ruleIDs = ruleIDs
        self.currentRule = rule
    }

    /// Reports a finding of the running rule.
    ///
    /// - Parameter silences: the silences of the element the finding is about; a
    ///   silence of this rule drops the finding.
    public func report(_ message: String, at span: SourceSpan?, notes: [Diagnostic.Note] = [],
                       help: [String] = [], silences: [Silence] = []) {
        findings.append(Finding(
            diagnostic: Diagnostic(rule: currentRule, message: message, span: span, notes: notes, help: help),
            silences: silences))
    }

    /// Forwards the reading problems that belong to the running rule.
    public func forwardLoadDiagnostics() {
        for diagnostic in loadDiagnostics where diagnostic.rule == currentRule {
            findings.append(Finding(diagnostic: diagnostic, silences: []))
        }
    }

    /// "did you mean" help for an id that names nothing.
    public func didYouMean(_ word: String, in candidates: some Sequence<String>) -> [String] {
        Suggestion.closest(to: word, in: candidates).map { ["did you mean `\($0)`?"] } ?? []
    }
}
