import KodexModel

/// The entries the handbook's client-side search looks through: every situation, step
/// and glossary entry, with its link and the text to match.
struct SearchIndex {
    let data: HandbookData

    /// The index as a JSON array; `JSONValue` escapes `<`, `>` and `&`, so the text can
    /// sit inside a `<script>` element.
    var json: String {
        var entries: [JSONValue] = []
        func add(_ title: String, _ section: String, _ href: String, _ text: [String]) {
            entries.append(.object([
                ("t", .string(title)), ("s", .string(section)), ("u", .string(href)),
                ("x", .string(text.joined(separator: " "))),
            ]))
        }
        let codex = data.codex
        for situation in codex.situations {
            let title = situation.title?.value ?? situation.id.value
            add(title, data.labels["situation"] ?? "", data.linker.situation(situation.id.value),
                [situation.appliesWhen?.value ?? ""])
            for process in situation.processes {
                for step in process.steps {
                    var text = [step.goal?.value ?? "", step.effect?.value ?? ""]
                    text += step.actions.map(\.text.value) + step.touchpoints.map(\.detail.value)
                    text += step.say.map(\.value) + step.avoid.map(\.value)
                    add(step.title?.value ?? step.id.value, title,
                        data.linker.step(situation: situation.id.value, process: process.id.value, step: step.id.value), text)
                }
            }
        }
        for expectation in codex.expectations {
            add(expectation.title?.value ?? expectation.id.value, data.labels["expectations"] ?? "",
                data.linker.glossaryEntry("expectations", kind: "expectation", id: expectation.id.value),
                [expectation.description?.value ?? ""])
        }
        for rule in codex.rules {
            add(rule.title?.value ?? rule.id.value, data.labels["rules"] ?? "",
                data.linker.glossaryEntry("rules", kind: "rule", id: rule.id.value),
                [rule.text?.value ?? ""] + rule.goodExamples.map(\.value))
        }
        for tool in codex.tools {
            add(tool.title?.value ?? tool.id.value, data.labels["tools"] ?? "",
                data.linker.glossaryEntry("tools", kind: "tool", id: tool.id.value), [tool.description?.value ?? ""])
        }
        for template in codex.templates {
            add(template.title?.value ?? template.id.value, data.labels["templates"] ?? "",
                data.linker.glossaryEntry("templates", kind: "template", id: template.id.value),
                [template.subject?.value ?? "", template.body?.value ?? ""])
        }
        return JSONValue.array(entries).compact
    }
}
