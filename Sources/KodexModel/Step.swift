import KodexYAML

/// One step of a process, with its own goal and the effect it must have.
public struct Step: Sendable {
    /// The id, unique inside its process; branches and `next` refer to it.
    public var id: Located<String>
    /// The title staff see.
    public var title: Located<String>?
    /// What the step must achieve.
    public var goal: Located<String>?
    /// The effect the step must have on the customer.
    public var effect: Located<String>?
    /// What the agent does: the checklist.
    public var actions: [Action] = []
    /// The details that sway the customer's final opinion.
    public var touchpoints: [Touchpoint] = []
    /// The behavioural rules that apply.
    public var rules: [Reference] = []
    /// The tools used.
    public var tools: [Reference] = []
    /// Phrases to say.
    public var say: [Located<String>] = []
    /// Phrases to avoid.
    public var avoid: [Located<String>] = []
    /// How fast the step must be done.
    public var timeTarget: TimeTarget?
    /// The only role allowed to perform the step.
    public var role: Reference?
    /// Message templates sent in this step.
    public var messages: [Reference] = []
    /// The step that follows, when it is not the next one written.
    public var next: Reference?
    /// Where the flow may go from here, each under a condition.
    public var branches: [Branch] = []
    /// The outcome, when the process ends with this step.
    public var end: Located<String>?
    /// Rules silenced on this step, its own and its process's and situation's.
    public var silences: [Silence] = []
    /// The step's mapping.
    public var span: SourceSpan

    /// Creates a step.
    public init(id: Located<String>, span: SourceSpan) {
        self.id = id
        self.span = span
    }
}

/// A checklist item the agent performs.
public struct Action: Sendable, Hashable {
    /// What to do.
    public var text: Located<String>
    /// Whether the item must be done before the step is left.
    public var required: Bool

    /// Creates an action.
    public init(text: Located<String>, required: Bool) {
        self.text = text
        self.required = required
    }
}

/// A detail that influences the customer's final opinion: a moment of truth.
public struct Touchpoint: Sendable, Hashable {
    /// The detail.
    public var detail: Located<String>
    /// The impression it should leave.
    public var impression: Located<String>?

    /// Creates a touchpoint.
    public init(detail: Located<String>, impression: Located<String>?) {
        self.detail = detail
        self.impression = impression
    }
}

/// A fork in the flow: under a condition, go to a step.
public struct Branch: Sendable, Hashable {
    /// The condition, in words.
    public var condition: Located<String>?
    /// The step it leads to.
    public var target: Reference?
    /// The branch's mapping.
    public var span: SourceSpan

    /// Creates a branch.
    public init(condition: Located<String>?, target: Reference?, span: SourceSpan) {
        self.condition = condition
        self.target = target
        self.span = span
    }
}

/// How fast a step must be done, such as `20 s` or `24 h`.
public struct TimeTarget: Sendable, Hashable {
    /// The limit in seconds.
    public var seconds: Int
    /// The limit as written.
    public var text: Located<String>
    /// What the limit applies to, such as "answer the phone".
    public var what: Located<String>?

    /// Creates a time target.
    public init(seconds: Int, text: Located<String>, what: Located<String>?) {
        self.seconds = seconds
        self.text = text
        self.what = what
    }

    /// Reads a duration such as `20 s`, `5 min`, `24 h`, `2 d`, or their Hungarian
    /// forms `20 mp`, `5 perc`, `24 óra`, `2 nap`.
    public static func seconds(in text: String) -> Int? {
        let trimmed = text.trimmed
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let amount = Int(digits) else { return nil }
        let unit = String(trimmed.dropFirst(digits.count)).trimmed.lowercased()
        let scale: Int
        switch unit {
        case "s", "sec", "second", "seconds", "mp", "másodperc": scale = 1
        case "m", "min", "minute", "minutes", "perc": scale = 60
        case "h", "hour", "hours", "ó", "óra": scale = 3_600
        case "d", "day", "days", "nap": scale = 86_400
        default: return nil
        }
        return amount * scale
    }
}
