/// Why a YAML file could not be read into a tree.
public struct YAMLError: Error, Sendable, Hashable {
    /// The family of problem, which decides the rule that reports it.
    public enum Kind: String, Sendable, Hashable {
        /// The text is not well-formed YAML, or not valid UTF-8.
        case syntax
        /// The file breaks one of the ``YAMLLimits``.
        case limit
        /// The file uses a YAML feature that a codex does not allow.
        case unsupported
    }

    /// The family of problem.
    public var kind: Kind
    /// A lowercase message without a trailing period.
    public var message: String
    /// Where the problem is.
    public var span: SourceSpan
    /// Extra context, such as the construct that was being read.
    public var notes: [String]
    /// A proposed fix.
    public var help: String?
    /// Other places that explain the problem, such as where the file ends for a quote
    /// that is never closed.
    public var labels: [Label] = []

    /// A secondary place with what it shows.
    public struct Label: Sendable, Hashable {
        /// A lowercase message without a trailing period.
        public var message: String
        /// The place.
        public var span: SourceSpan

        /// Creates a label.
        public init(_ message: String, at span: SourceSpan) {
            self.message = message
            self.span = span
        }
    }

    /// Creates an error.
    public init(kind: Kind, message: String, span: SourceSpan, notes: [String] = [], help: String? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.notes = notes
        self.help = help
    }
}
