import KodexModel
import KodexSupport

/// A situation as schema.org `HowTo` data in JSON-LD, for an intranet's search to read the
/// procedure from the page: a `HowToSection` per process, a `HowToStep` per step with its
/// goal as text and its time target as an ISO 8601 duration.
enum HowToData {
    static func jsonLD(_ situation: Situation, locale: Manifest.Locale) -> String {
        var fields: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")),
            ("@type", .string("HowTo")),
            ("name", .string(situation.title?.value ?? situation.id.value)),
            ("inLanguage", .string(locale.rawValue)),
        ]
        if let appliesWhen = situation.appliesWhen { fields.append(("description", .string(appliesWhen.value))) }
        fields.append(("step", .array(situation.processes.map { process in
            .object([
                ("@type", .string("HowToSection")),
                ("name", .string(process.title?.value ?? process.id.value)),
                ("itemListElement", .array(process.steps.enumerated().map { number, step in
                    var item: [(String, JSONValue)] = [
                        ("@type", .string("HowToStep")),
                        ("position", .integer(number + 1)),
                        ("name", .string(step.title?.value ?? step.id.value)),
                    ]
                    if let goal = step.goal { item.append(("text", .string(goal.value))) }
                    if let target = step.timeTarget { item.append(("timeRequired", .string(isoDuration(target)))) }
                    return .object(item)
                })),
            ])
        })))
        // The writer escapes `<`, so no text can close the script element that holds it.
        return JSONValue.object(fields).compact
    }

    /// An ISO 8601 duration: `PT20S`, `PT1H30M`, `P14D`; working days as days, the
    /// nearest a duration can say.
    static func isoDuration(_ target: TimeTarget) -> String {
        if let days = target.workingDays { return "P\(days)D" }
        var seconds = target.seconds
        let days = seconds / 86_400
        seconds %= 86_400
        var text = "P" + (days > 0 ? "\(days)D" : "")
        guard seconds > 0 || days == 0 else { return text }
        text += "T"
        let hours = seconds / 3_600, minutes = seconds % 3_600 / 60, rest = seconds % 60
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if rest > 0 || (hours == 0 && minutes == 0) { text += "\(rest)S" }
        return text
    }
}
