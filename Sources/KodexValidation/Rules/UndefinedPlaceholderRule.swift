import KodexModel

/// Reports `{placeholders}` in templates that the template does not define.
struct UndefinedPlaceholderRule: ValidationRule {
    let description = RuleDescription(
        id: "undefined-placeholder", code: "K303", name: "Undefined placeholder", category: .hygiene,
        defaultSeverity: .error,
        summary: "a template uses a `{placeholder}` it does not define",
        explanation: """
            A message template names its placeholders under `placeholders`, each with its meaning, \
            so that whoever sends the message knows what to fill in. A `{name}` in the subject or \
            body that is not defined there would reach the customer as it stands.
            """,
        triggering: [RuleExample("""
            templates:
              - id: ack
                title: Acknowledgement
                body: "Dear {customer}, we received your request {ticket}."
                placeholders: {customer: The customer's name}

            """)],
        passing: [RuleExample("""
            templates:
              - id: ack
                title: Acknowledgement
                body: "Dear {customer}, we received your request."
                placeholders: {customer: The customer's name}

            """)])

    func check(_ context: RuleContext) {
        for template in context.codex.templates {
            let defined = template.placeholders.map(\.id.value)
            for text in [template.subject, template.body].compactMap({ $0 }) {
                for name in Self.placeholders(in: text.value) where !defined.contains(name) {
                    context.report("template `\(template.id.value)` uses `{\(name)}`, which it does not define",
                                   at: text.span,
                                   help: context.didYouMean(name, in: defined.sorted())
                                       + ["add `\(name)` with its meaning under `placeholders`"],
                                   silences: template.silences)
                }
            }
        }
    }

    /// The names inside `{…}` in `text`, in order, each once.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty, !names.contains(name) { names.append(name) }
                current = nil
            } else if current != nil {
                if character.isLetter || character.isNumber || character == "_" || character == "-" || character == "." {
                    current?.append(character)
                } else {
                    current = nil
                }
            }
        }
        return names
    }
}
