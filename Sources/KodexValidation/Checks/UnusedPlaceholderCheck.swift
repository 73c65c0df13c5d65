import KodexModel

/// Reports placeholders a template defines but never uses.
struct UnusedPlaceholderCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unused-placeholder", code: "K304", name: "Unused placeholder", category: .hygiene,
        defaultSeverity: .warning,
        summary: "a template defines a placeholder its subject and body never use",
        explanation: """
            Whoever sends a message fills in every placeholder the template lists. One that the \
            text never uses is work for nothing, and often a sign that the text lost it by a typo \
            (`{munkatas}` for `{munkatars}`).
            """,
        triggering: [CheckExample("""
            templates:
              - id: ack
                title: Acknowledgement
                body: "Dear {customer}, we received your request."
                placeholders: {customer: The customer's name, ticket: The ticket number}

            """)],
        passing: [CheckExample("""
            templates:
              - id: ack
                title: Acknowledgement
                subject: "Request {ticket}"
                body: "Dear {customer}, we received your request."
                placeholders: {customer: The customer's name, ticket: The ticket number}

            """)])

    func check(_ context: CheckContext) {
        for template in context.codex.templates {
            var used = Set<String>()
            for text in template.texts {
                used.formUnion(MessageTemplate.placeholders(in: text.value).map(\.name))
            }
            for placeholder in template.placeholders where !used.contains(placeholder.id.value) {
                context.report("template `\(template.id.value)` defines `{\(placeholder.id.value)}` but never uses it",
                               at: placeholder.id.span,
                               help: ["use `{\(placeholder.id.value)}` in the subject or body, or remove it from `placeholders`"],
                               silences: template.silences)
            }
        }
    }
}
