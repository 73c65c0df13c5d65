extension MessageTemplate {
    /// Every `{name}` in a template's text, with where it stands, in scalars: a name is
    /// letters, digits, `_`, `-` and `.`, so `{ }` and `{a b}` are not placeholders.
    public static func placeholders(in text: String) -> [(name: String, range: Range<Int>)] {
        var found: [(name: String, range: Range<Int>)] = []
        var current: (name: String, start: Int)?
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if scalar == "{" {
                current = ("", offset)
            } else if scalar == "}", let open = current {
                if !open.name.isEmpty { found.append((open.name, open.start ..< offset + 1)) }
                current = nil
            } else if current != nil {
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || scalar == "_" || scalar == "-" || scalar == "." {
                    current?.name.unicodeScalars.append(scalar)
                } else {
                    current = nil
                }
            }
        }
        return found
    }

    /// The names of the placeholders the subject and body use, each once, in order of use.
    public var usedPlaceholders: [String] {
        var seen = Set<String>()
        return [subject, body].compactMap { $0 }.flatMap { Self.placeholders(in: $0.value).map(\.name) }
            .filter { seen.insert($0).inserted }
    }
}
