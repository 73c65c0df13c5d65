import KodexModel

/// Reports a `{` that is never closed, or a `}` that closes nothing, in a template.
struct UnbalancedBraceCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unbalanced-brace", code: "K305", name: "Unbalanced brace", category: .hygiene, defaultSeverity: .error,
        summary: "a template's subject or body has a `{` that is never closed or a `}` that closes nothing",
        explanation: """
            Placeholders are written `{name}`. A brace without its partner is either a placeholder \
            whose other half was lost, which would reach the customer as `{ugyfel_neve` or \
            `ugyfel_neve}`, or a brace meant as text. Close the placeholder, or reword the text.
            """,
        triggering: [
            CheckExample("""
                templates:
                  - id: ack
                    title: Acknowledgement
                    body: "Dear {customer, we received your request."
                    placeholders: {customer: The customer's name}

                """),
            CheckExample("""
                templates:
                  - id: ack
                    title: Acknowledgement
                    body: "Dear customer}, we received your request."

                """),
        ],
        passing: [CheckExample("""
            templates:
              - id: ack
                title: Acknowledgement
                body: "Dear {customer}, we received your request."
                placeholders: {customer: The customer's name}

            """)])

    func check(_ context: CheckContext) {
        for template in context.codex.templates {
            for text in template.texts {
                var open: Int?
                for (offset, scalar) in text.value.unicodeScalars.enumerated() {
                    if scalar == "{" {
                        if let unclosed = open { report(unclosed, "`{` is never closed", in: text, template, context) }
                        open = offset
                    } else if scalar == "}" {
                        if open == nil { report(offset, "`}` closes no `{`", in: text, template, context) }
                        open = nil
                    } else if scalar == "\n", let unclosed = open {
                        // A placeholder never spans lines.
                        report(unclosed, "`{` is never closed", in: text, template, context)
                        open = nil
                    }
                }
                if let unclosed = open { report(unclosed, "`{` is never closed", in: text, template, context) }
            }
        }
    }

    private func report(_ offset: Int, _ what: String, in text: Located<String>, _ template: MessageTemplate,
                        _ context: CheckContext) {
        context.report("in template `\(template.id.value)`, \(what)", at: ScalarSource.span(of: offset ..< offset + 1, in: text),
                       help: ["write a placeholder as `{name}`, on one line"], silences: template.silences)
    }
}
