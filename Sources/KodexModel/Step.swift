import KodexYAML

/// One step of a process, with its own goal and the effect it must have.
public struct Step: Sendable, Equatable {
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

/// How fast a step must be done, such as `20 s`, `1,5 óra` or `3 munkanap`.
public struct TimeTarget: Sendable, Hashable {
    /// The limit in seconds; for a limit in working days, a calendar day per working day,
    /// which is the shortest it can last.
    public var seconds: Int
    /// The limit in working days, when it is written in them: a unit of its own, since a
    /// working day does not map to a fixed number of seconds.
    public var workingDays: Int?
    /// The limit as written.
    public var text: Located<String>
    /// What the limit applies to, such as "answer the phone".
    public var what: Located<String>?
    /// The helpdesk service level the limit is, such as the first reply.
    public var serviceLevel: Located<ServiceLevelMetric>?

    /// Creates a time target.
    public init(seconds: Int, workingDays: Int? = nil, text: Located<String>, what: Located<String>?,
                serviceLevel: Located<ServiceLevelMetric>? = nil) {
        self.seconds = seconds
        self.workingDays = workingDays
        self.text = text
        self.what = what
        self.serviceLevel = serviceLevel
    }

    /// A duration read from text.
    public struct Duration: Sendable, Hashable {
        /// The length in seconds (a calendar day per working day).
        public var seconds: Int
        /// The length in working days, when written in them.
        public var workingDays: Int?
    }

    /// Reads a duration such as `20 s`, `5 min`, `1.5 h`, `2 d`, `3 working days`, their
    /// Hungarian forms `20 mp`, `5 perc`, `1,5 óra`, `2 nap`, `3 munkanap`, and compounds
    /// such as `1 perc 30 mp`.
    public static func seconds(in text: String) -> Int? {
        duration(in: text)?.seconds
    }

    /// Reads a duration, keeping working days apart; `nil` when the text is not one.
    public static func duration(in text: String) -> Duration? {
        var scalars = Substring(text).unicodeScalars[...]
        func skipSpaces() { while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() } }
        var total = 0.0
        var workingDays: Double?
        var parts = 0
        var lastScale = Double.infinity
        skipSpaces()
        while !scalars.isEmpty {
            // A number: digits, optionally with a decimal comma or point.
            var number = ""
            while let first = scalars.first, first.isASCII, ("0"..."9").contains(first) {
                number.unicodeScalars.append(scalars.removeFirst())
            }
            if let mark = scalars.first, mark == "," || mark == ".", number.count > 0,
               let digit = scalars.dropFirst().first, digit.isASCII, ("0"..."9").contains(digit) {
                scalars.removeFirst()
                number += "."
                while let first = scalars.first, first.isASCII, ("0"..."9").contains(first) {
                    number.unicodeScalars.append(scalars.removeFirst())
                }
            }
            guard !number.isEmpty, number.count <= 12, let amount = Double(number) else { return nil }
            skipSpaces()
            var unit = word(&scalars)
            if unit == "working" || unit == "business" {
                skipSpaces()
                unit += " " + word(&scalars)
            }
            skipSpaces()
            if let days = workingDayUnits[unit] {
                // Working days stand alone: `2 munkanap 3 óra` has no fixed length.
                guard parts == 0, scalars.isEmpty, amount == amount.rounded() else { return nil }
                workingDays = amount * days
            } else if let scale = clockUnits[unit], scale < lastScale {
                // Compound parts go from the largest unit down, each once: `1 perc 30 mp`.
                total += amount * scale
                lastScale = scale
            } else {
                return nil
            }
            parts += 1
        }
        guard parts > 0 else { return nil }
        if let workingDays {
            return Duration(seconds: Int(workingDays) * 86_400, workingDays: Int(workingDays))
        }
        let seconds = total.rounded()
        guard seconds == total, seconds < 1e12 else { return nil }
        return Duration(seconds: Int(seconds), workingDays: nil)
    }

    private static func word(_ scalars: inout Substring.UnicodeScalarView.SubSequence) -> String {
        var word = String.UnicodeScalarView()
        while let first = scalars.first, first.properties.isAlphabetic { word.append(scalars.removeFirst()) }
        return String(word).lowercased()
    }

    private static let clockUnits: [String: Double] = [
        "s": 1, "sec": 1, "second": 1, "seconds": 1, "mp": 1, "másodperc": 1,
        "m": 60, "min": 60, "minute": 60, "minutes": 60, "perc": 60,
        "h": 3_600, "hour": 3_600, "hours": 3_600, "ó": 3_600, "óra": 3_600,
        "d": 86_400, "day": 86_400, "days": 86_400, "nap": 86_400,
    ]

    private static let workingDayUnits: [String: Double] = [
        "munkanap": 1, "working day": 1, "working days": 1, "business day": 1, "business days": 1,
    ]
}
