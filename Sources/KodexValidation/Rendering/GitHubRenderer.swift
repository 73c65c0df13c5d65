import KodexModel
import KodexYAML

/// Renders diagnostics as GitHub Actions workflow commands, which annotate the lines
/// of a pull request.
public struct GitHubRenderer {
    /// Creates a renderer.
    public init() {}

    /// One `::error` or `::warning` line per diagnostic.
    public func render(_ report: ValidationReport) -> String {
        report.diagnostics.map(render).joined()
    }

    func render(_ diagnostic: Diagnostic) -> String {
        let code = Validator.check(named: diagnostic.rule)?.description.code ?? diagnostic.rule
        var properties: [String] = []
        if let span = diagnostic.span {
            properties.append("file=\(escapeProperty(span.file))")
            if !span.isWholeFile {
                properties.append("line=\(span.start.line)")
                properties.append("col=\(span.start.column)")
                properties.append("endLine=\(span.end.line)")
                properties.append("endColumn=\(span.end.column)")
            }
        }
        properties.append("title=\(escapeProperty("\(code) \(diagnostic.rule)"))")
        var message = diagnostic.message
        for note in diagnostic.notes { message += "\nnote: \(note.message)" }
        for help in diagnostic.help { message += "\nhelp: \(help)" }
        let command = diagnostic.severity == .error ? "error" : "warning"
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    private func escapeData(_ text: String) -> String {
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).split(separator: ":", omittingEmptySubsequences: false).joined(separator: "%3A")
            .split(separator: ",", omittingEmptySubsequences: false).joined(separator: "%2C")
    }
}
