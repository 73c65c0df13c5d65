import KodexModel
import KodexSupport

/// The entries the handbook's client-side search looks through: every situation, step
/// and glossary entry, with its link and the text to match.
struct SearchIndex {
    let data: HandbookData

    /// The index as a JSON array; `<`, `>` and `&` are escaped, so the text can sit
    /// inside a `<script>` element.
    var json: String {
        var whole: [UInt8] = []
        // Collecting pieces cannot fail.
        try? write(prefix: "", suffix: "", reserving: textSize) { piece throws(PublishError) in whole.append(contentsOf: piece) }
        return String(decoding: whole, as: UTF8.self)
    }

    /// The index as `html/assets/search-index.js`, which sets `window.KODEX_INDEX`,
    /// made piece by piece: on a large codex it is as big as the codex itself.
    func script(_ emit: (UnsafeRawBufferPointer) throws(PublishError) -> Void) throws(PublishError) {
        try write(prefix: "window.KODEX_INDEX = ", suffix: ";\n", reserving: 0, emit)
    }

    /// The size of one piece of the index handed on.
    private static let pieceSize = 1 << 16

    /// The UTF-8 size of the model's text, which the index holds nearly all of.
    private var textSize: Int {
        var size = 0
        let codex = data.codex
        for situation in codex.situations {
            for process in situation.processes {
                for step in process.steps {
                    size += 120 + (step.title?.value.utf8.count ?? 0) + (step.goal?.value.utf8.count ?? 0)
                        + (step.effect?.value.utf8.count ?? 0)
                    for action in step.actions { size += action.text.value.utf8.count + 1 }
                    for touchpoint in step.touchpoints { size += touchpoint.detail.value.utf8.count + 1 }
                    for phrase in step.say + step.avoid { size += phrase.value.utf8.count + 1 }
                }
            }
        }
        for rule in codex.rules { size += 120 + (rule.text?.value.utf8.count ?? 0) }
        for template in codex.templates { size += 120 + (template.body?.value.utf8.count ?? 0) }
        return size
    }

    /// The index written straight into a buffer that is handed to `emit` whenever it
    /// fills: it holds nearly all of a handbook's text, and building a tree of values and
    /// then a string of it held it three times.
    ///
    /// - Parameter textSize: the size to reserve for a caller that keeps every piece, so
    ///   that the buffer does not double as it grows; 0 for a caller that writes them out.
    private func write(prefix: String, suffix: String, reserving textSize: Int,
                       _ emit: (UnsafeRawBufferPointer) throws(PublishError) -> Void) throws(PublishError) {
        var output = Array(prefix.utf8)
        // Room for the text, and a fifth more for quotes, escapes and links.
        output.reserveCapacity(textSize == 0 ? Self.pieceSize + 4096 : textSize + textSize / 5 + 4096)
        var first = true
        func flush() throws(PublishError) {
            try output.withUnsafeBytes { piece in Result { () throws(PublishError) in try emit(piece) } }.get()
        }
        func add(_ title: String, _ section: String, _ href: String, _ text: [String]) throws(PublishError) {
            if textSize == 0, output.count >= Self.pieceSize {
                try flush()
                output.removeAll(keepingCapacity: true)
            }
            output.append(contentsOf: first ? "[{\"t\":".utf8 : ",{\"t\":".utf8)
            first = false
            JSONValue.quote(title, into: &output)
            output.append(contentsOf: ",\"s\":".utf8)
            JSONValue.quote(section, into: &output)
            output.append(contentsOf: ",\"u\":".utf8)
            JSONValue.quote(href, into: &output)
            output.append(contentsOf: ",\"x\":\"".utf8)
            for (index, piece) in text.enumerated() {
                if index > 0 { output.append(0x20) }
                JSONValue.appendEscaped(piece, to: &output)
            }
            output.append(contentsOf: "\"}".utf8)
        }
        let codex = data.codex
        for situation in codex.situations {
            let title = situation.title?.value ?? situation.id.value
            try add(title, data.labels["situation"] ?? "", data.linker.situation(situation.id.value),
                [situation.appliesWhen?.value ?? ""])
            for process in situation.processes {
                for step in process.steps {
                    var text = [step.goal?.value ?? "", step.effect?.value ?? ""]
                    text += step.actions.map(\.text.value) + step.touchpoints.map(\.detail.value)
                    text += step.say.map(\.value) + step.avoid.map(\.value)
                    try add(step.title?.value ?? step.id.value, title,
                        data.linker.step(situation: situation.id.value, process: process.id.value, step: step.id.value), text)
                }
            }
        }
        for expectation in codex.expectations {
            try add(expectation.title?.value ?? expectation.id.value, data.labels["expectations"] ?? "",
                data.linker.glossaryEntry("expectations", kind: "expectation", id: expectation.id.value),
                [expectation.description?.value ?? ""])
        }
        for rule in codex.rules {
            try add(rule.title?.value ?? rule.id.value, data.labels["rules"] ?? "",
                data.linker.glossaryEntry("rules", kind: "rule", id: rule.id.value),
                [rule.text?.value ?? ""] + rule.goodExamples.map(\.value))
        }
        for tool in codex.tools {
            try add(tool.title?.value ?? tool.id.value, data.labels["tools"] ?? "",
                data.linker.glossaryEntry("tools", kind: "tool", id: tool.id.value), [tool.description?.value ?? ""])
        }
        for template in codex.templates {
            try add(template.title?.value ?? template.id.value, data.labels["templates"] ?? "",
                data.linker.glossaryEntry("templates", kind: "template", id: template.id.value),
                [template.subject?.value ?? "", template.body?.value ?? ""])
        }
        output.append(contentsOf: first ? "[]".utf8 : "]".utf8)
        output.append(contentsOf: suffix.utf8)
        try flush()
    }
}
