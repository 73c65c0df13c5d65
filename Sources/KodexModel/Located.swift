import KodexYAML

/// A value from the codex together with the span it was written at.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public var value: Value
    /// Where the value was written.
    public var span: SourceSpan

    /// Creates a located value.
    public init(_ value: Value, at span: SourceSpan) {
        self.value = value
        self.span = span
    }
}

/// A reference to another element by its id, such as a rule a step uses.
public typealias Reference = Located<String>

/// A rule silenced on one element, with the reason the author gave.
public struct Silence: Sendable, Hashable {
    /// The silenced rule's id.
    public var rule: Located<String>
    /// Why the rule does not apply here.
    public var reason: Located<String>?

    /// Creates a silence.
    public init(rule: Located<String>, reason: Located<String>?) {
        self.rule = rule
        self.reason = reason
    }
}
