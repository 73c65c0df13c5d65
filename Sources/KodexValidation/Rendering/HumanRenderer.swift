import KodexModel
import KodexYAML
import KodexSupport

/// Renders diagnostics the way rustc does: a headline, the location, the source line
/// with the span underlined, then notes and help.
public struct HumanRenderer {
    /// Whether to use ANSI colours.
    public var color: Bool
    private let sources = SourceCache()

    /// Creates a renderer.
    public init(color: Bool) {
        self.color = color
    }

    /// The whole report, ending with a summary line.
    public func render(_ report: ValidationReport, fileCount: Int) -> String {
        var output = ""
        var named = Set<String>()
        for diagnostic in report.diagnostics {
            // As rustc names the lint once, the first finding of each check names the id
            // an author needs to silence it or change its severity.
            output += render(diagnostic, namingCheck: named.insert(diagnostic.rule).inserted)
            output += "\n"
        }
        output += summary(report, fileCount: fileCount)
        return output
    }

    /// One diagnostic, ending with a newline.
    ///
    /// - Parameter namingCheck: whether to add a note naming the check's id and how to
    ///   silence it, for a check that can be silenced.
    public func render(_ diagnostic: Diagnostic, namingCheck: Bool = false) -> String {
        var diagnostic = diagnostic
        if namingCheck, let description = Validator.check(named: diagnostic.rule)?.description,
           description.category != .integrity {
            let id = description.id
            diagnostic.notes.append(Diagnostic.Note(diagnostic.severity == description.defaultSeverity
                ? "check `\(id)`, on by default; silence one finding with `silence: {\(id): why}` on its element"
                : "check `\(id)`, set to \(diagnostic.severity.rawValue) in `codex.yaml`"))
        }
        let code = Validator.check(named: diagnostic.rule)?.description.code ?? diagnostic.rule
        let label = diagnostic.severity == .error ? paint("error[\(code)]", .red) : paint("warning[\(code)]", .yellow)
        var lines = [label + paint(": \(diagnostic.message)", .bold)]
        let spans = ([diagnostic.span] + diagnostic.notes.map(\.span)).compactMap { $0 }.filter { !$0.isWholeFile }
        let gutter = String(spans.map(\.start.line).max() ?? 0).count
        let pad = String(repeating: " ", count: gutter)
        if let span = diagnostic.span {
            lines.append("\(pad)\(paint("-->", .blue)) \(location(span))")
            lines += snippet(span, marker: "^", label: nil, gutter: gutter, primary: true)
        }
        for note in diagnostic.notes {
            guard let span = note.span else { continue }
            lines.append("\(pad)\(paint(":::", .blue)) \(location(span))")
            lines += snippet(span, marker: "-", label: note.message, gutter: gutter, primary: false)
        }
        let plainNotes = diagnostic.notes.filter { $0.span == nil }
        if !plainNotes.isEmpty || !diagnostic.help.isEmpty {
            if diagnostic.span?.isWholeFile == false || diagnostic.notes.contains(where: { $0.span != nil }) {
                lines.append("\(pad) \(paint("|", .blue))")
            }
            for note in plainNotes {
                lines.append("\(pad) \(paint("=", .blue)) \(paint("note", .bold)): \(note.message)")
            }
            for help in diagnostic.help {
                lines.append("\(pad) \(paint("=", .blue)) \(paint("help", .bold)): \(help)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func location(_ span: SourceSpan) -> String {
        span.isWholeFile ? span.file : "\(span.file):\(span.start.line):\(span.start.column)"
    }

    private func snippet(_ span: SourceSpan, marker: Character, label: String?, gutter: Int, primary: Bool) -> [String] {
        guard !span.isWholeFile, let text = sources.line(span.start.line, of: span.file) else { return [] }
        let pad = String(repeating: " ", count: gutter)
        let number = String(span.start.line)
        let scalars = Array(text.unicodeScalars)
        let startIndex = min(max(span.start.column - 1, 0), scalars.count)
        let endIndex = span.end.line == span.start.line ? min(max(span.end.column - 1, startIndex), scalars.count) : scalars.count
        let shown = scalars.map { $0 == "\t" ? "    " : String($0) }.joined()
        let indent = TerminalWidth.of(scalars[0..<startIndex])
        let width = max(1, TerminalWidth.of(scalars[startIndex..<endIndex]))
        var underline = String(repeating: " ", count: indent) + String(repeating: marker, count: width)
        if let label { underline += " " + label }
        let colour: Style = primary ? .red : .blue
        return [
            "\(pad) \(paint("|", .blue))",
            "\(paint(String(repeating: " ", count: gutter - number.count) + number, .blue)) \(paint("|", .blue)) \(shown)",
            "\(pad) \(paint("|", .blue)) \(paint(underline, colour))",
        ]
    }

    /// The closing line: how many errors and warnings, or that the codex is clean.
    public func summary(_ report: ValidationReport, fileCount: Int) -> String {
        let files = fileCount == 1 ? "1 file" : "\(fileCount) files"
        let silenced = report.silencedCount > 0 ? ", \(report.silencedCount) silenced" : ""
        if report.diagnostics.isEmpty {
            return paint("ok", .green) + ": no findings in \(files)\(silenced)\n"
        }
        let errors = report.errorCount == 1 ? "1 error" : "\(report.errorCount) errors"
        let warnings = report.warningCount == 1 ? "1 warning" : "\(report.warningCount) warnings"
        let word = report.errorCount > 0 ? paint("error", .red) : paint("warning", .yellow)
        return "\(word): \(errors) and \(warnings) in \(files)\(silenced)\n"
    }

    // MARK: - Colour

    enum Style: String {
        case red = "\u{1B}[1;31m", yellow = "\u{1B}[1;33m", blue = "\u{1B}[1;34m", green = "\u{1B}[1;32m", bold = "\u{1B}[1m"
    }

    func paint(_ text: String, _ style: Style) -> String {
        color ? style.rawValue + text + "\u{1B}[0m" : text
    }
}
