import Foundation
import KodexModel
import KodexYAML

/// Renders diagnostics as one JSON document, for editors and scripts.
public struct JSONRenderer {
    /// Creates a renderer.
    public init() {}

    struct Position: Encodable {
        var line: Int
        var column: Int
    }

    struct Note: Encodable {
        var message: String
        var file: String?
        var start: Position?
        var end: Position?
    }

    struct Entry: Encodable {
        var code: String
        var rule: String
        var severity: String
        var message: String
        var file: String?
        var start: Position?
        var end: Position?
        var notes: [Note]
        var help: [String]
    }

    struct Document: Encodable {
        var diagnostics: [Entry]
        var errors: Int
        var warnings: Int
        var silenced: Int
        var files: Int
    }

    /// The report as pretty-printed JSON with sorted keys, ending with a newline.
    public func render(_ report: ValidationReport, fileCount: Int) -> String {
        let entries = report.diagnostics.map { diagnostic in
            let (file, start, end) = Self.place(diagnostic.span)
            return Entry(code: Validator.rule(named: diagnostic.rule)?.description.code ?? diagnostic.rule,
                         rule: diagnostic.rule, severity: diagnostic.severity.rawValue, message: diagnostic.message,
                         file: file, start: start, end: end,
                         notes: diagnostic.notes.map { note in
                             let (file, start, end) = Self.place(note.span)
                             return Note(message: note.message, file: file, start: start, end: end)
                         },
                         help: diagnostic.help)
        }
        let document = Document(diagnostics: entries, errors: report.errorCount, warnings: report.warningCount,
                                silenced: report.silencedCount, files: fileCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func place(_ span: SourceSpan?) -> (String?, Position?, Position?) {
        guard let span else { return (nil, nil, nil) }
        if span.isWholeFile { return (span.file, nil, nil) }
        return (span.file, Position(line: span.start.line, column: span.start.column),
                Position(line: span.end.line, column: span.end.column))
    }
}
