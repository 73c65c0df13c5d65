import KodexModel
import KodexYAML
import KodexSupport

/// Renders diagnostics as one JSON document, for editors and scripts.
///
/// Keys come in a fixed, readable order; a whole-file finding has a `file` but no
/// `start` or `end`.
public struct JSONRenderer {
    /// Creates a renderer.
    public init() {}

    /// The report as pretty-printed JSON, ending with a newline.
    public func render(_ report: ValidationReport, fileCount: Int) -> String {
        let entries = report.diagnostics.map { diagnostic -> JSONValue in
            var fields: [(String, JSONValue)] = [
                ("code", .string(Validator.check(named: diagnostic.rule)?.description.code ?? diagnostic.rule)),
                ("rule", .string(diagnostic.rule)),
                ("severity", .string(diagnostic.severity.rawValue)),
                ("message", .string(diagnostic.message)),
            ]
            fields += place(diagnostic.span)
            fields.append(("notes", .array(diagnostic.notes.map { note in
                .object([("message", .string(note.message))] + place(note.span))
            })))
            fields.append(("help", .array(diagnostic.help.map { .string($0) })))
            return .object(fields)
        }
        return JSONValue.object([
            ("diagnostics", .array(entries)),
            ("errors", .integer(report.errorCount)),
            ("warnings", .integer(report.warningCount)),
            ("silenced", .integer(report.silencedCount)),
            ("files", .integer(fileCount)),
        ]).pretty
    }

    private func place(_ span: SourceSpan?) -> [(String, JSONValue)] {
        guard let span else { return [] }
        var fields: [(String, JSONValue)] = [("file", .string(span.file))]
        if !span.isWholeFile {
            fields.append(("start", position(span.start)))
            fields.append(("end", position(span.end)))
        }
        return fields
    }

    private func position(_ position: SourcePosition) -> JSONValue {
        .object([("line", .integer(position.line)), ("column", .integer(position.column))])
    }
}
