extension CodexSchema {
    /// The format as Markdown tables, one per kind of mapping, for consultants.
    ///
    /// `codex/FORMAT.md` carries this text; a test keeps the two identical.
    public static var markdownReference: String {
        var output = ""
        for object in all {
            output += "### \(object.name)\n\n\(object.summary)\n\n"
            output += "| key | value | required | meaning |\n|---|---|---|---|\n"
            for field in object.fields {
                let required = field.required ? "yes" : ""
                output += "| `\(field.name)` | \(describe(field.type)) | \(required) | \(field.summary) |\n"
            }
            output += "\n"
        }
        return output
    }

    private static func describe(_ type: FieldType) -> String {
        switch type {
        case .text: return "text"
        case .markdown: return "Markdown"
        case .identifier: return "id"
        case .reference(let kind): return "id of a \(kind)"
        case .duration: return "duration (`20 s`, `24 h`)"
        case .integer: return "whole number"
        case .boolean: return "`true` or `false`"
        case .choice(let options): return "one of " + options.map { "`\($0)`" }.joined(separator: ", ")
        case .list(let element): return "list of " + describe(element)
        case .object(let name): return "[\(name)](#\(name.split(separator: " ").joined(separator: "-")))"
        case .map(let key, let value): return "mapping of \(key) to \(describe(value))"
        case .oneOf(let types): return types.map(describe).joined(separator: " or ")
        }
    }
}
