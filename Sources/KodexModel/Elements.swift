import KodexYAML

/// Something a customer expects from an encounter.
public struct Expectation: Sendable, Equatable {
    /// The unique id.
    public var id: Located<String>
    /// The title.
    public var title: Located<String>?
    /// A longer description.
    public var description: Located<String>?
    /// Rules silenced on this expectation.
    public var silences: [Silence] = []
    /// The expectation's mapping.
    public var span: SourceSpan

    /// Creates an expectation.
    public init(id: Located<String>, span: SourceSpan) {
        self.id = id
        self.span = span
    }
}

/// A behavioural rule: guidance staff follow to meet or exceed expectations.
public struct Rule: Sendable, Equatable {
    /// Whether the rule says what to do or what not to do.
    public enum Kind: String, Sendable, CaseIterable {
        case `do`, dont
    }

    /// The unique id.
    public var id: Located<String>
    /// The title.
    public var title: Located<String>?
    /// Do or don't.
    public var kind: Kind = .do
    /// The guidance, in Markdown.
    public var text: Located<String>?
    /// Expectations the rule meets.
    public var meets: [Reference] = []
    /// Expectations the rule exceeds.
    public var exceeds: [Reference] = []
    /// Phrases that follow the rule.
    public var goodExamples: [Located<String>] = []
    /// Phrases that break it.
    public var badExamples: [Located<String>] = []
    /// Rules silenced on this rule.
    public var silences: [Silence] = []
    /// The rule's mapping.
    public var span: SourceSpan

    /// Creates a rule.
    public init(id: Located<String>, span: SourceSpan) {
        self.id = id
        self.span = span
    }
}

/// A tool staff use, such as a CRM lookup or a callback form.
public struct Tool: Sendable, Equatable {
    /// The unique id.
    public var id: Located<String>
    /// The title.
    public var title: Located<String>?
    /// What the tool is and how to use it, in Markdown.
    public var description: Located<String>?
    /// Expectations the tool meets.
    public var meets: [Reference] = []
    /// Expectations the tool exceeds.
    public var exceeds: [Reference] = []
    /// Rules silenced on this tool.
    public var silences: [Silence] = []
    /// The tool's mapping.
    public var span: SourceSpan

    /// Creates a tool.
    public init(id: Located<String>, span: SourceSpan) {
        self.id = id
        self.span = span
    }
}

/// A phrase staff must not say, with what to say instead.
public struct BannedPhrase: Sendable, Equatable {
    /// The phrase.
    public var phrase: Located<String>
    /// The substitute.
    public var instead: Located<String>?
    /// Why it is banned.
    public var why: Located<String>?
    /// The entry's mapping.
    public var span: SourceSpan

    /// Creates a banned phrase.
    public init(phrase: Located<String>, span: SourceSpan) {
        self.phrase = phrase
        self.span = span
    }
}

/// A message sent to a customer, with named `{placeholders}`.
public struct MessageTemplate: Sendable, Equatable {
    /// The unique id.
    public var id: Located<String>
    /// The title.
    public var title: Located<String>?
    /// The channel it is sent through.
    public var channel: Reference?
    /// The subject line.
    public var subject: Located<String>?
    /// The body.
    public var body: Located<String>?
    /// The placeholders the template may use, each with its meaning.
    public var placeholders: [NamedItem] = []
    /// When the helpdesk sends the message by itself: on a new request or a status change.
    public var notice: Located<Notice>?
    /// Rules silenced on this template.
    public var silences: [Silence] = []
    /// The template's mapping.
    public var span: SourceSpan

    /// Creates a template.
    public init(id: Located<String>, span: SourceSpan) {
        self.id = id
        self.span = span
    }
}
