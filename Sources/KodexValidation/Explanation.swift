import KodexModel

/// The long form of a rule, as `kodex explain` prints it.
public enum Explanation {
    /// The rule's code, name and explanation, then its examples as YAML.
    public static func render(_ rule: CheckDescription) -> String {
        var output = "\(rule.code) \(rule.id): \(rule.name)\n"
        output += "category: \(rule.category.rawValue), default severity: \(rule.defaultSeverity.rawValue)\n\n"
        output += rule.summary + "\n\n"
        output += wrap(rule.explanation, width: 80) + "\n"
        output += "\nSilence it on one element with `silence: {\(rule.id): <reason>}`,\n"
        output += "or change its severity under `validation.severity` in codex.yaml.\n"
        if let example = rule.triggering.first {
            output += "\nExample that triggers it:\n\n" + render(example)
        }
        if let example = rule.passing.first {
            output += "\nExample that passes:\n\n" + render(example)
        }
        return output
    }

    private static func render(_ example: CheckExample) -> String {
        example.files.map { file in
            "  # \(file.path)\n" + file.content.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        }.joined(separator: "\n").trimmingTrailingNewlines() + "\n"
    }

    private static func wrap(_ text: String, width: Int) -> String {
        text.wrappedLines(width: width).joined(separator: "\n")
    }
}

private extension String {
    func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while text.last == "\n" { text.removeLast() }
        return String(text)
    }
}
