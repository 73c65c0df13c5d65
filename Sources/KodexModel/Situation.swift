import KodexYAML

/// The kinds of encounter the method names, plus a kind of the authors' own.
public enum SituationKind: String, Sendable, CaseIterable {
    case enquiry, problem, complaint, information, acquisition
    case followUp = "follow-up"
    case custom

    /// The six kinds of the method, which a codex covers by default.
    public static let standard: [SituationKind] = [.enquiry, .problem, .complaint, .information, .acquisition, .followUp]
}

/// An encounter situation in which staff meet a customer.
public struct Situation: Sendable, Equatable {
    /// The unique id.
    public var id: Located<String>
    /// The title staff see.
    public var title: Located<String>?
    /// Which of the method's encounters this is, when the author gave a valid one.
    public var kind: Located<String>?
    /// When the situation applies, in the authors' words.
    public var appliesWhen: Located<String>?
    /// The channels the situation happens in.
    public var channels: [Reference] = []
    /// The customer expectations at stake.
    public var expectations: [Reference] = []
    /// The processes the situation breaks into.
    public var processes: [Process] = []
    /// Rules silenced on this situation and everything in it.
    public var silences: [Silence] = []
    /// The file the situation was read from.
    public var span: SourceSpan

    /// Creates a situation.
    public init(id: Located<String>, span: SourceSpan) {
        self.id = id
        self.span = span
    }

    /// The parsed kind, when it is one of the known kinds.
    public var knownKind: SituationKind? { kind.flatMap { SituationKind(rawValue: $0.value) } }
}

/// A process inside a situation: steps in order, with branches and ends.
public struct Process: Sendable, Equatable {
    /// The id, unique inside its situation.
    public var id: Located<String>
    /// The title staff see.
    public var title: Located<String>?
    /// The steps; the flow runs from the first one.
    public var steps: [Step] = []
    /// Rules silenced on this process, its own and its situation's.
    public var silences: [Silence] = []
    /// The process's mapping.
    public var span: SourceSpan

    /// Creates a process.
    public init(id: Located<String>, span: SourceSpan) {
        self.id = id
        self.span = span
    }
}
