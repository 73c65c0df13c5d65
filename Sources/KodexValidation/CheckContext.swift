import KodexModel
import KodexYAML

/// What a rule sees while it checks a codex, and where it reports.
public final class CheckContext {
    /// The codex being checked.
    public let codex: Codex
    /// What reading the files found; the integrity rules forward their share of it.
    public let loadDiagnostics: [Diagnostic]
    /// Lookups over the codex, built once for every rule.
    public let index: CodexIndex
    /// The ids of every registered rule.
    public let ruleIDs: [String]
    /// Keys that are near misses of a field their mapping lacks.
    public let mistypedKeys: [MistypedKey]

    struct Finding {
        var diagnostic: Diagnostic
        var silences: [Silence]
        /// Ids the finding follows from, when a file that could not be read may define or
        /// use them; such findings are folded into that file's error.
        var dependsOn: [String] = []
    }

    private(set) var findings: [Finding] = []
    let currentRule: String

    init(codex: Codex, loadDiagnostics: [Diagnostic], index: CodexIndex, ruleIDs: [String], rule: String,
         mistypedKeys: [MistypedKey] = []) {
        self.codex = codex
        self.mistypedKeys = mistypedKeys
        self.loadDiagnostics = loadDiagnostics
        self.index = index
        self.ruleIDs = ruleIDs
        self.currentRule = rule
    }

    /// Reports a finding of the running rule.
    ///
    /// - Parameters:
    ///   - silences: the silences of the element the finding is about; a silence of this
    ///     rule drops the finding.
    ///   - dependsOn: ids that, written in a file that could not be read, would explain
    ///     the finding, such as the id a reference names; the finding is then folded into
    ///     that file's error instead of being listed.
    public func report(_ message: String, at span: SourceSpan?, notes: [Diagnostic.Note] = [],
                       help: [String] = [], silences: [Silence] = [], dependsOn: [String] = []) {
        findings.append(Finding(
            diagnostic: Diagnostic(rule: currentRule, message: message, span: span, notes: notes, help: help),
            silences: silences, dependsOn: dependsOn))
    }

    /// Whether the mapping at `span` lacks `field` because its key is mistyped; the
    /// unknown-key finding at the typo already says so.
    public func hasMistypedKey(_ field: String, in span: SourceSpan) -> Bool {
        mistypedKeys.contains { $0.field == field && $0.mapping == span }
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
