extension TimeTarget {
    /// The limit in words of `locale`, such as `20 mp`, `1 perc 30 mp`, `3 munkanap`, or
    /// `20 s`, `1 min 30 s`, `3 working days`: the same limit reads the same whatever
    /// unit it was written in.
    public func text(in locale: Manifest.Locale) -> String {
        Self.text(seconds: seconds, workingDays: workingDays, in: locale)
    }

    /// Whether the limit is longer than a call: a deadline for something done after it
    /// (a written confirmation, an investigation), not a timer on the step.
    public var isDeadline: Bool { workingDays != nil || seconds >= 30 * 60 }

    /// A duration in words of `locale`, largest unit first.
    public static func text(seconds: Int, workingDays: Int? = nil, in locale: Manifest.Locale) -> String {
        let hu = locale == .hu
        if let workingDays {
            return hu ? "\(workingDays) munkanap" : "\(workingDays) working day\(workingDays == 1 ? "" : "s")"
        }
        let units: [(seconds: Int, hu: String, en: String, enPlural: String)] = [
            (86_400, "nap", "day", "days"), (3_600, "óra", "h", "h"), (60, "perc", "min", "min"), (1, "mp", "s", "s"),
        ]
        var rest = max(0, seconds)
        var parts: [String] = []
        for unit in units where rest >= unit.seconds {
            let amount = rest / unit.seconds
            rest %= unit.seconds
            parts.append("\(amount) " + (hu ? unit.hu : amount == 1 ? unit.en : unit.enPlural))
        }
        return parts.isEmpty ? (hu ? "0 mp" : "0 s") : parts.joined(separator: " ")
    }
}

extension Manifest.Locale {
    /// `text` in the quotation marks of the language: „…” in Hungarian, “…” in English.
    public func quoted(_ text: String) -> String {
        switch self {
        case .hu: "„\(text)”"
        case .en: "“\(text)”"
        }
    }
}
