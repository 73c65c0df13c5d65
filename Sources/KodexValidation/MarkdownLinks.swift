import KodexModel

/// Finds the links, images and raw HTML in a Markdown text without rendering it: enough
/// to tell an author, with the exact place, what the handbook would not publish or would
/// fetch from another host.
struct MarkdownLinks {
    /// One thing found, with where it stands in the text, in scalars.
    struct Found {
        enum Kind { case link, image, html }
        var kind: Kind
        /// The destination of a link or image; the tag of raw HTML.
        var target: String
        var range: Range<Int>
    }

    static func scan(_ text: String) -> [Found] {
        let scalars = Array(text.unicodeScalars)
        var found: [Found] = []
        var index = 0
        var openBrackets: [Int] = []
        var lineStart = true
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "`" {
                // Code spans publish their text as text.
                var run = 0
                while index + run < scalars.count, scalars[index + run] == "`" { run += 1 }
                if let close = closingBackticks(scalars, from: index + run, run: run) {
                    index = close + run
                    continue
                }
                index += run
                continue
            }
            if scalar == "\\" {
                index += 2
                continue
            }
            if lineStart, scalar == "[", let definition = referenceDefinition(scalars, at: index) {
                found.append(definition)
                index = definition.range.upperBound
                continue
            }
            lineStart = scalar == "\n" || (lineStart && scalar == " ")
            if scalar == "[" {
                openBrackets.append(index)
            } else if scalar == "]", let open = openBrackets.popLast(), index + 1 < scalars.count, scalars[index + 1] == "(" {
                let isImage = open > 0 && scalars[open - 1] == "!"
                if let (destination, end) = inlineDestination(scalars, from: index + 2) {
                    found.append(Found(kind: isImage ? .image : .link, target: destination,
                                       range: (isImage ? open - 1 : open) ..< end))
                    index = end
                    continue
                }
            } else if scalar == "<", let tag = angle(scalars, at: index) {
                found.append(tag)
                index = tag.range.upperBound
                continue
            }
            index += 1
        }
        return found
    }

    private static func closingBackticks(_ scalars: [Unicode.Scalar], from start: Int, run: Int) -> Int? {
        var index = start
        while index < scalars.count {
            if scalars[index] == "`" {
                var length = 0
                while index + length < scalars.count, scalars[index + length] == "`" { length += 1 }
                if length == run { return index }
                index += length
            } else {
                index += 1
            }
        }
        return nil
    }

    /// `(destination "title")` after a link's text; the destination and where the link ends.
    private static func inlineDestination(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
        var index = start
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\n" { index += 1 }
        var destination = String.UnicodeScalarView()
        if index < scalars.count, scalars[index] == "<" {
            index += 1
            while index < scalars.count, scalars[index] != ">", scalars[index] != "\n" {
                destination.append(scalars[index])
                index += 1
            }
            index += 1
        } else {
            var depth = 0
            while index < scalars.count, !scalars[index].properties.isWhitespace {
                if scalars[index] == "(" { depth += 1 }
                if scalars[index] == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                destination.append(scalars[index])
                index += 1
            }
        }
        // Skip a title, up to the closing parenthesis.
        while index < scalars.count, scalars[index] != ")" { index += 1 }
        guard index < scalars.count else { return nil }
        return (String(destination), index + 1)
    }

    /// `[label]: destination` at the start of a line.
    private static func referenceDefinition(_ scalars: [Unicode.Scalar], at start: Int) -> Found? {
        var index = start + 1
        while index < scalars.count, scalars[index] != "]", scalars[index] != "\n" { index += 1 }
        guard index + 1 < scalars.count, scalars[index] == "]", scalars[index + 1] == ":" else { return nil }
        index += 2
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        var destination = String.UnicodeScalarView()
        while index < scalars.count, !scalars[index].properties.isWhitespace {
            destination.append(scalars[index])
            index += 1
        }
        guard !destination.isEmpty else { return nil }
        return Found(kind: .link, target: String(destination), range: start ..< index)
    }

    /// An autolink `<scheme:…>` or a raw HTML tag, comment or declaration.
    private static func angle(_ scalars: [Unicode.Scalar], at start: Int) -> Found? {
        var index = start + 1
        var inside = String.UnicodeScalarView()
        while index < scalars.count, scalars[index] != ">", scalars[index] != "<", index - start < 2_000 {
            inside.append(scalars[index])
            index += 1
        }
        let body = String(inside)
        guard index < scalars.count, scalars[index] == ">", let first = inside.first else { return nil }
        let range = start ..< index + 1
        if !body.contains(" "), !body.contains("\n"), let colon = body.firstIndex(of: ":"),
           body[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "." || $0 == "-" }),
           body[..<colon].count >= 2 {
            return Found(kind: .link, target: body, range: range)
        }
        if body.contains("@"), !body.contains(" ") { return nil }  // an e-mail autolink
        if first.properties.isAlphabetic || first == "/" || first == "!" || first == "?" {
            let name = body.prefix { !$0.isWhitespace && $0 != ">" }
            return Found(kind: .html, target: "<\(name)>", range: range)
        }
        return nil
    }
}

extension Codex {
    /// Every Markdown field of the codex, with its silences and how to name it in a
    /// message: a closure, so that the name is made only for a field with a finding.
    func forEachMarkdown(_ body: (Located<String>, () -> String, [Silence]) -> Void) {
        for expectation in expectations {
            if let text = expectation.description {
                body(text, { "the description of expectation `\(expectation.id.value)`" }, expectation.silences)
            }
        }
        for rule in rules {
            if let text = rule.text { body(text, { "the text of rule `\(rule.id.value)`" }, rule.silences) }
        }
        for tool in tools {
            if let text = tool.description { body(text, { "the description of tool `\(tool.id.value)`" }, tool.silences) }
        }
    }
}
