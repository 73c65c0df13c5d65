import KodexModel

/// Reports `{placeholders}` in templates that the template does not define.
struct UndefinedPlaceholderCheck: ValidationCheck {
    let description = CheckDescription(
        id: "undefined-placeholder", code: "K303", name: "Undefined placeholder", category: .hygiene,
        defaultSeverity: .error,
        summary: "a template uses a `{placeholder}` it does not define",
        explanation: """
            A message template names its placeholders under `placeholders`, each with its meaning, \
            so that whoever sends the message knows what to fill in. A `{name}` in the subject or \
            body that is not defined there would reach the customer as it stands.
            """,
        triggering: [CheckExample("""
            templates:
              - id: ack
                title: Acknowledgement
                body: "Dear {customer}, we received your request {ticket}."
                placeholders: {customer: The customer's name}

            """)],
        passing: [CheckExample("""
            templates:
              - id: ack
                title: Acknowledgement
                body: "Dear {customer}, we received your request."
                placeholders: {customer: The customer's name}

            """)])

    func check(_ context: CheckContext) {
        for template in context.codex.templates {
            let defined = template.placeholders.map(\.id.value)
            var reported = Set<String>()
            for text in template.texts {
                for use in Self.placeholders(in: text.value) where !defined.contains(use.name) && reported.insert(use.name).inserted {
                    context.report("template `\(template.id.value)` uses `{\(use.name)}`, which it does not define",
                                   at: ScalarSource.span(of: use.range, in: text),
                                   help: context.didYouMean(use.name, in: defined.sorted())
                                       + ["add `\(use.name)` with its meaning under `placeholders`"],
                                   silences: template.silences)
                }
            }
        }
    }

    /// Every `{name}` in a template's text, with where it stands, in scalars.
    static func placeholders(in text: String) -> [(name: String, range: Range<Int>)] {
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
}
