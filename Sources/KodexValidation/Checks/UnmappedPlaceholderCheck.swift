import KodexModel
import KodexYAML

/// Reports template placeholders that a helpdesk the manifest enables has no text for.
struct UnmappedPlaceholderCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unmapped-placeholder", code: "K310", name: "Unmapped placeholder", category: .hygiene,
        defaultSeverity: .error,
        summary: "a template's `{placeholder}` has no mapping for a helpdesk the manifest enables",
        explanation: """
            `kodex export` turns message templates into helpdesk macros, canned responses and saved \
            replies. Every helpdesk writes its variables its own way (`{{ticket.id}}` in Zendesk, \
            `{%customer.firstName%}` in Help Scout), and one it does not know reaches the customer \
            as it stands. So for each helpdesk under `helpdesk` in `codex.yaml`, every placeholder a \
            template uses needs a mapping under that helpdesk's `placeholders`. A template the \
            helpdesk sends by itself (a `notice`, a Zendesk trigger) has no agent to fill in the \
            gaps, so there each mapping must be one of the helpdesk's own variables.
            """,
        triggering: [CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + """
                helpdesk:
                  zendesk:
                    placeholders: {customer: "{{ticket.requester.first_name}}"}

                """),
            ("content.yaml", """
                templates:
                  - id: ack
                    title: Acknowledgement
                    body: "Dear {customer}, we registered your request as {ticket}."
                    placeholders: {customer: The customer's name, ticket: The ticket number}

                """),
        ]), CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + """
                helpdesk:
                  zendesk:
                    placeholders: {customer: "{{ticket.requester.first_name}}", due: "[date]"}

                """),
            ("content.yaml", """
                templates:
                  - id: ack
                    title: Acknowledgement
                    notice: acknowledgement
                    body: "Dear {customer}, we will answer by {due}."
                    placeholders: {customer: The customer's name, due: The promised date}

                """),
        ])],
        passing: [CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + """
                helpdesk:
                  zendesk:
                    placeholders: {customer: "{{ticket.requester.first_name}}", ticket: "{{ticket.id}}"}

                """),
            ("content.yaml", """
                templates:
                  - id: ack
                    title: Acknowledgement
                    notice: acknowledgement
                    body: "Dear {customer}, we registered your request as {ticket}."
                    placeholders: {customer: The customer's name, ticket: The ticket number}

                """),
        ])])

    func check(_ context: CheckContext) {
        for target in context.codex.manifest.helpdesk.enabled {
            let mapped = Dictionary(target.placeholders.map { ($0.placeholder.value, $0) }, uniquingKeysWith: { first, _ in first })
            // One missing mapping is one mistake, however many templates use the placeholder:
            // it is reported once, at its first use, with the other templates as notes.
            var unmapped: [(name: String, uses: [(template: MessageTemplate, span: SourceSpan?)])] = []
            for template in context.codex.templates {
                // A placeholder the template does not define is reported as undefined; its
                // mappings follow from that mistake.
                var seen = Set<String>()
                let defined = Set(template.placeholders.map(\.id.value))
                for text in template.texts {
                    for use in MessageTemplate.placeholders(in: text.value) where defined.contains(use.name) && seen.insert(use.name).inserted {
                        let span = ScalarSource.span(of: use.range, in: text)
                        guard let mapping = mapped[use.name] else {
                            if let index = unmapped.firstIndex(where: { $0.name == use.name }) {
                                unmapped[index].uses.append((template, span))
                            } else {
                                unmapped.append((use.name, [(template, span)]))
                            }
                            continue
                        }
                        // Zendesk sends notices as triggers, with no agent to replace a gap.
                        if target.kind == .zendesk, template.notice != nil, !target.kind.holdsVariable(mapping.value.value) {
                            context.report("template `\(template.id.value)` is sent by \(target.kind.title) by itself, so `{\(use.name)}` would reach the customer as `\(mapping.value.value)`",
                                           at: span, notes: [Diagnostic.Note("mapped here", at: mapping.value.span)],
                                           help: ["map `\(use.name)` to a \(target.kind.title) variable such as `{{ticket.id}}`, or drop it from the template"],
                                           silences: template.silences)
                        }
                    }
                }
            }
            for (name, uses) in unmapped {
                guard let first = uses.first else { continue }
                let others = uses.dropFirst()
                var notes = others.prefix(3).map { Diagnostic.Note("template `\($0.template.id.value)` uses it too", at: $0.span) }
                if others.count > 3 { notes.append(Diagnostic.Note("and \(others.count - 3) more templates")) }
                notes.append(Diagnostic.Note("\(target.kind.title) is enabled here", at: target.span))
                context.report("template `\(first.template.id.value)` uses `{\(name)}`, which has no \(target.kind.title) mapping",
                               at: first.span, notes: notes,
                               help: context.didYouMean(name, in: mapped.keys.sorted())
                                   + ["add `\(name)` under `helpdesk.\(target.kind.rawValue).placeholders` in `codex.yaml`, with the \(target.kind.title) text that replaces it"],
                               silences: first.template.silences)
            }
        }
    }
}
