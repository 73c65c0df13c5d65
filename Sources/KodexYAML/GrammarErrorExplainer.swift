/// Turns libyaml's grammar errors into errors that point at the author's mistake and say
/// how to fix it in plain words: the classic ones are an unquoted `: ` inside text, a
/// trailing colon, text after a closing quote, a key indented a column or two off, and a
/// quote or bracket that is never closed.
struct GrammarErrorExplainer {
    let path: String
    let bytes: UnsafeBufferPointer<UInt8>

    func explain(_ failure: ParserFailure) -> YAMLError {
        let at = failure.mark?.position ?? SourcePosition(line: 1, column: 1)
        let here = span(at)
        var notes: [String] = []
        if let context = failure.context, let mark = failure.contextMark {
            notes.append("\(context) at line \(mark.line), column \(mark.column)")
        }
        let lines = SourceText.lines(of: Array(bytes))
        let line = at.line >= 1 && at.line <= lines.count ? Array(lines[at.line - 1].unicodeScalars) : []
        let found = at.column >= 1 && at.column <= line.count ? line[at.column - 1] : nil
        if found == "\t" {
            return YAMLError(kind: .syntax, message: "tab character where YAML expects indentation or a value",
                             span: here, notes: notes, help: "indent with spaces: YAML does not allow tabs there")
        }
        // A quote or bracket that is never closed: the opener is where the mistake is.
        if let context = failure.context, let mark = failure.contextMark {
            let opener = span(mark.position)
            let endOfFile = failure.problem.contains("end of stream")
            if context.contains("quoted scalar") {
                let quote = scalar(at: mark.position, in: lines).map { "`\($0)`" } ?? "quote"
                var error = YAMLError(kind: .syntax, message: "this \(quote) is never closed", span: opener,
                                      help: "end the text with a closing \(quote), or remove the opening one")
                error.labels = [YAMLError.Label(endOfFile ? "the file ends here" : "expected \(quote) by here", at: here)]
                return error
            }
            if context.contains("flow sequence") || context.contains("flow mapping") {
                let pair = context.contains("sequence") ? ("[", "]") : ("{", "}")
                var error = YAMLError(kind: .syntax, message: "this `\(pair.0)` is never closed", span: opener,
                                      help: "close it with `\(pair.1)` on the same line, and quote any item that holds `,` or `:`")
                error.labels = [YAMLError.Label(endOfFile ? "the file ends here" : "expected `\(pair.1)` by here", at: here)]
                return error
            }
        }
        // A quote left open runs on to the next quote in the file, lines later, and the
        // error surfaces there; the opener is where the mistake is.
        if let opener = openQuote(before: at.line, in: lines) {
            var error = YAMLError(kind: .syntax, message: "this `\"` is never closed on its line", span: span(opener),
                                  help: "end the text with a closing `\"` on the same line")
            error.labels = [YAMLError.Label("YAML read on to the next `\"`, and stopped here", at: here)]
            return error
        }
        if failure.problem.contains("mapping values are not allowed") {
            return colonInText(line: line, at: at, lines: lines, notes: notes)
                ?? misindented(lines: lines, lineNumber: at.line, notes: notes, fallback: failure.problem, here: here)
        }
        if failure.problem.contains("did not find expected key") || failure.problem.contains("did not find expected '-'") {
            if let closing = textAfterQuote(line: line, at: at) {
                return YAMLError(kind: .syntax, message: "text after a closing quote", span: span(at, to: line.count + 1),
                                 help: "put the whole text inside the quotes: \(closing)")
            }
            return misindented(lines: lines, lineNumber: at.line, notes: notes, fallback: failure.problem, here: here)
        }
        return YAMLError(kind: .syntax, message: failure.problem, span: here, notes: notes)
    }

    // MARK: - Mistakes

    /// `key: text: more` or `key: text:`: a colon inside unquoted text.
    private func colonInText(line: [Unicode.Scalar], at: SourcePosition, lines: [Substring],
                             notes: [String]) -> YAMLError? {
        guard let separator = keySeparator(in: line), separator < at.column - 1 else { return nil }
        let key = String(String.UnicodeScalarView(line[..<separator]))
        let text = String(String.UnicodeScalarView(line[(separator + 1)...])).trimmedSpaces
        let escaped = text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        let fix = "`\(key.trimmedSpaces.drop { $0 == "-" || $0 == " " }): \"\(escaped)\"`"
        let rest = line[(at.column)...].allSatisfy { $0 == " " || $0 == "\t" }
        let message = rest ? "text ending in `:` must be quoted" : "text containing `: ` must be quoted"
        let start = SourcePosition(line: at.line, column: separator + 2 + leadingSpaces(line[(separator + 1)...]))
        return YAMLError(kind: .syntax, message: message,
                         span: SourceSpan(file: path, start: start, end: SourcePosition(line: at.line, column: line.count + 1)),
                         notes: ["YAML reads `: ` (and a `:` at the end of a line) as the start of a value"],
                         help: "put the text in quotes: \(fix)")
    }

    /// `key: "text" more`: the quote closed before the text ended.
    private func textAfterQuote(line: [Unicode.Scalar], at: SourcePosition) -> String? {
        var index = at.column - 2
        while index >= 0, line[index] == " " { index -= 1 }
        guard index >= 0, line[index] == "\"" || line[index] == "'" else { return nil }
        guard let separator = keySeparator(in: line) else { return "`\"…\"`" }
        let key = String(String.UnicodeScalarView(line[..<separator])).trimmedSpaces.drop { $0 == "-" || $0 == " " }
        let text = String(String.UnicodeScalarView(line[(separator + 1)...])).trimmedSpaces
        let inner = text.replacing("\"", with: "")
        return "`\(key): \"\(inner.replacing("\\", with: "\\\\"))\"`"
    }

    /// A key whose indentation matches none of the mappings around it.
    private func misindented(lines: [Substring], lineNumber: Int, notes: [String], fallback: String,
                             here: SourceSpan) -> YAMLError {
        guard lineNumber >= 1, lineNumber <= lines.count else {
            return YAMLError(kind: .syntax, message: fallback, span: here, notes: notes)
        }
        let line = Array(lines[lineNumber - 1].unicodeScalars)
        let column = leadingSpaces(line[...]) + 1
        // The nearest line above that holds a key: its key column is where siblings start.
        var sibling: (column: Int, line: Int)?
        var above = lineNumber - 2
        while above >= 0 {
            let candidate = Array(lines[above].unicodeScalars)
            let indent = leadingSpaces(candidate[...])
            if indent < candidate.count, candidate[indent] != "#" {
                var keyColumn = indent + 1
                if candidate[indent] == "-" { keyColumn += 1 + leadingSpaces(candidate[(indent + 1)...]) }
                sibling = (keyColumn, above + 1)
                break
            }
            above -= 1
        }
        let word = String(String.UnicodeScalarView(line[(column - 1)...].prefix { $0 != ":" && $0 != " " }))
        guard let sibling, sibling.column != column, !word.isEmpty else {
            return YAMLError(kind: .syntax, message: fallback, span: here, notes: notes)
        }
        let start = SourcePosition(line: lineNumber, column: column)
        var error = YAMLError(kind: .syntax,
                              message: "`\(word)` is indented to column \(column), which matches no key above it",
                              span: SourceSpan(file: path, start: start,
                                               end: SourcePosition(line: lineNumber, column: column + word.unicodeScalars.count)),
                              help: "the keys on line \(sibling.line) start at column \(sibling.column): indent `\(word)` to the same column, or to the column of the key it belongs under")
        error.labels = [YAMLError.Label("sibling keys start at column \(sibling.column)",
                                        at: span(SourcePosition(line: sibling.line, column: sibling.column)))]
        return error
    }

    // MARK: - Helpers

    /// The last line before `lineNumber` whose value opens a double quote and does not
    /// close it, when a line between them looks like a key: text in quotes may span
    /// lines, but not over the next key.
    private func openQuote(before lineNumber: Int, in lines: [Substring]) -> SourcePosition? {
        var index = min(lineNumber, lines.count) - 1
        var sawKey = false
        while index >= 0 {
            let line = Array(lines[index].unicodeScalars)
            if let separator = keySeparator(in: line) {
                var start = separator + 1
                while start < line.count, line[start] == " " { start += 1 }
                let value = line[start...]
                if value.first == "\"", index + 1 < lineNumber, sawKey {
                    var escaped = false
                    var quotes = 0
                    for scalar in value.dropFirst() {
                        if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { quotes += 1 }
                    }
                    if quotes == 0 { return SourcePosition(line: index + 1, column: start + 1) }
                }
                if index + 1 < lineNumber { sawKey = true }
            }
            index -= 1
            if lineNumber - index > 200 { break }
        }
        return nil
    }

    /// The index of the `:` that ends the line's key, skipping a leading `- `.
    private func keySeparator(in line: [Unicode.Scalar]) -> Int? {
        var index = leadingSpaces(line[...])
        if index < line.count, line[index] == "\"" || line[index] == "'" { return nil }
        while index < line.count {
            if line[index] == ":", index + 1 == line.count || line[index + 1] == " " { return index }
            if line[index] == "\"" || line[index] == "'" || line[index] == "#" { return nil }
            index += 1
        }
        return nil
    }

    private func leadingSpaces(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
        scalars.prefix { $0 == " " }.count
    }

    private func scalar(at position: SourcePosition, in lines: [Substring]) -> Unicode.Scalar? {
        guard position.line >= 1, position.line <= lines.count else { return nil }
        let scalars = Array(lines[position.line - 1].unicodeScalars)
        return position.column >= 1 && position.column <= scalars.count ? scalars[position.column - 1] : nil
    }

    private func span(_ at: SourcePosition) -> SourceSpan {
        SourceSpan(file: path, start: at, end: SourcePosition(line: at.line, column: at.column + 1))
    }

    private func span(_ at: SourcePosition, to column: Int) -> SourceSpan {
        SourceSpan(file: path, start: at, end: SourcePosition(line: at.line, column: max(column, at.column + 1)))
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmedSpaces: String {
        String(unicodeScalars.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed().map(Character.init))
    }
}
