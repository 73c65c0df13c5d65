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
                for use in MessageTemplate.placeholders(in: text.value) where !defined.contains(use.name) && reported.insert(use.name).inserted {
                    context.report("template `\(template.id.value)` uses `{\(use.name)}`, which it does not define",
                                   at: ScalarSource.span(of: use.range, in: text),
                                   help: context.didYouMean(use.name, in: defined.sorted())
                                       + ["add `\(use.name)` with its meaning under `placeholders`"],
                                   silences: template.silences)
                }
            }
        }
    }
}
