import KodexYAML

/// How much a finding matters.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The codex is wrong or incomplete; `kodex check` fails.
    case error
    /// The codex works but falls short of the method; fails only under `--strict`.
    case warning
    /// The rule is switched off.
    case off

    private var rank: Int {
        switch self {
        case .error: return 2
        case .warning: return 1
        case .off: return 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about a codex, in the shape compilers report them.
public struct Diagnostic: Error, Sendable, Hashable {
    /// A secondary message, optionally pointing at a place of its own.
    public struct Note: Sendable, Hashable {
        /// A lowercase message without a trailing period.
        public var message: String
        /// The place the note points at, if any.
        public var span: SourceSpan?

        /// Creates a note.
        public init(_ message: String, at span: SourceSpan? = nil) {
            self.message = message
            self.span = span
        }
    }

    /// The identifier of the rule that found it, such as `unknown-key`.
    public var rule: String
    /// The severity, set from the rule's default and the codex's configuration.
    public var severity: Severity
    /// A lowercase message without a trailing period that makes sense on its own.
    public var message: String
    /// The exact place, when there is one.
    public var span: SourceSpan?
    /// Context that is not a fix.
    public var notes: [Note]
    /// Proposed fixes.
    public var help: [String]

    /// Creates a diagnostic.
    public init(rule: String, severity: Severity = .error, message: String, span: SourceSpan?,
                notes: [Note] = [], help: [String] = []) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.span = span
        self.notes = notes
        self.help = help
    }
}
