/// Reads a template's text into nodes, with swift-mustache's rules for standalone lines:
/// a section, comment, partial or pragma tag alone on its line takes the line with it.
struct TemplateParser {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// Where a section's parsing stands: its name, the delimiters, and whether the
    /// current tag starts a line.
    struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: Int?
        var startDelimiter: [Character] = ["{", "{"]
        var endDelimiter: [Character] = ["}", "}"]

        func section(_ name: String, newLine: Bool, transforms: [String] = []) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func parent(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }

        func delimiters(start: [Character], end: [Character]) -> State {
            var state = self
            state.startDelimiter = start
            state.endDelimiter = end
            state.isPartialDefinitionTopLevel = false
            return state
        }
    }

    /// Running out of text in the middle of something.
    private struct Overflow: Error {}

    // MARK: - Reading characters

    private var atEnd: Bool { position >= characters.count }
    private var current: Character { atEnd ? "\0" : characters[position] }

    private mutating func advance() { position += 1 }

    @discardableResult
    private mutating func readWhile(_ accepts: (Character) -> Bool) -> String {
        let start = position
        while !atEnd, accepts(characters[position]) { position += 1 }
        return String(characters[start ..< position])
    }

    private mutating func skipWhitespace() {
        readWhile(\.isWhitespace)
    }

    /// Reads `character` if it comes next.
    private mutating func read(_ character: Character) throws(Overflow) -> Bool {
        guard !atEnd else { throw Overflow() }
        guard characters[position] == character else { return false }
        position += 1
        return true
    }

    /// Reads `string` if it comes next; fewer characters left than it has is an overflow.
    private mutating func read(string: [Character]) throws(Overflow) -> Bool {
        guard !string.isEmpty else { return true }
        guard characters.count - position >= string.count else { throw Overflow() }
        guard characters[position ..< position + string.count].elementsEqual(string) else { return false }
        position += string.count
        return true
    }

    /// Reads up to the first character `stops` accepts; reaching the end is an overflow.
    private mutating func readUntil(_ stops: (Character) -> Bool) throws(Overflow) -> String {
        let start = position
        while !atEnd {
            if stops(characters[position]) { return String(characters[start ..< position]) }
            position += 1
        }
        position = start
        throw Overflow()
    }

    // MARK: - Templates

    mutating func parse(state: State) throws -> PageTemplate {
        var nodes: [PageTemplate.Node] = []
        var state = state
        var whiteSpaceBefore = ""
        while !atEnd {
            if state.newLine {
                let whiteSpace = readWhile { $0 == " " || $0 == "\t" }
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = String(whiteSpace.dropFirst(indent))
                    } else {
                        state.partialDefinitionIndent = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilDelimiterOrNewline(state)
            if current.isNewline {
                nodes.append(.text(whiteSpaceBefore + text + String(current)))
                state.newLine = true
                advance()
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if atEnd { break }

            // Leading white space is kept as text unless the tag stands alone on its line.
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
            }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                advance()
                let (name, transforms, written) = try parseName(state)
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                let section = try parse(state: state.section(name, newLine: setNewLine, transforms: transforms))
                let pageName = PageName(name, transforms: transforms, written: written)
                nodes.append(inverted ? .invertedSection(pageName, section) : .section(pageName, section))

            case "/":
                advance()
                let start = position
                let (name, transforms, _) = try parseName(state)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    position = start
                    throw PageTemplateError.Reason.sectionClosedWithWrongName
                }
                if !isStandalone(state) { flushWhiteSpace() }
                return PageTemplate(nodes: nodes)

            case "!":
                advance()
                try skipComment(state)
                setNewLine = isStandalone(state)

            case "{":
                flushWhiteSpace()
                advance()
                let (name, transforms, written) = try parseName(state)
                guard try read("}") else { throw PageTemplateError.Reason.unfinishedTag }
                nodes.append(.variable(PageName(name, transforms: transforms, written: written), escaped: false))

            case "&":
                flushWhiteSpace()
                advance()
                let (name, transforms, written) = try parseName(state)
                nodes.append(.variable(PageName(name, transforms: transforms, written: written), escaped: false))

            case ">":
                advance()
                skipWhitespace()
                let dynamic = current == "*"
                if dynamic { advance() }
                let name = try parsePartialName(state)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                var indentation: String?
                if isStandalone(state) {
                    setNewLine = true
                    indentation = whiteSpaceBefore
                }
                nodes.append(Self.partial(name, dynamic: dynamic, indentation: indentation, overrides: nil))
                whiteSpaceBefore = ""

            case "<":
                advance()
                skipWhitespace()
                let sectionName = try parsePartialName(state)
                let dynamic = sectionName.first == "*"
                let name = dynamic ? String(sectionName.dropFirst()) : sectionName
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) { setNewLine = true }
                let content = try parse(state: state.parent(sectionName))
                var overrides: [String: PageTemplate] = [:]
                for node in content.nodes {
                    switch node {
                    case .blockDefinition(let block, let template): overrides[block] = template
                    case .text: break
                    default: throw PageTemplateError.Reason.notABlockInParent
                    }
                }
                nodes.append(Self.partial(name, dynamic: dynamic, indentation: whiteSpaceBefore, overrides: overrides))
                whiteSpaceBefore = ""

            case "$":
                advance()
                let (name, transforms, _) = try parseName(state)
                guard transforms.isEmpty else { throw PageTemplateError.Reason.transformOnBlock }
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let block = try parse(state: state.section(name, newLine: setNewLine))
                    nodes.append(.blockDefinition(name, block))
                } else {
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                    if isStandalone(state) { setNewLine = true }
                    let block = try parse(state: state.section(name, newLine: setNewLine))
                    nodes.append(.blockExpansion(name, block, indentation: whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }

            case "=":
                advance()
                state = try parseSetDelimiter(state)
                setNewLine = isStandalone(state)

            case "%":
                advance()
                nodes.append(.contentType(try parsePragma(state)))
                setNewLine = isStandalone(state)

            default:
                flushWhiteSpace()
                let (name, transforms, written) = try parseName(state)
                nodes.append(.variable(PageName(name, transforms: transforms, written: written), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw PageTemplateError.Reason.sectionNeverClosed }
        return PageTemplate(nodes: nodes)
    }

    /// A partial (`{{>name}}`, `{{<name}}`), or a dynamic one whose name is looked up.
    private static func partial(_ name: String, dynamic: Bool, indentation: String?,
                                overrides: [String: PageTemplate]?) -> PageTemplate.Node {
        dynamic
            ? .dynamicPartial(PageName(name, transforms: [], written: name), indentation: indentation, overrides: overrides)
            : .partial(name, indentation: indentation, overrides: overrides)
    }

    /// Text up to a line break or the opening delimiter, which is read too.
    private mutating func readUntilDelimiterOrNewline(_ state: State) throws(Overflow) -> String {
        guard let first = state.startDelimiter.first else { return "" }
        var text = ""
        while !atEnd {
            text += readWhile { $0 != "\n" && $0 != "\r\n" && $0 != first }
            if current.isNewline { break }
            if current == first {
                if try read(string: state.startDelimiter) { break }
                text.append(first)
                advance()
            }
        }
        return text
    }

    /// Whether the tag just read stands alone on its line; if so, the rest of the line
    /// and its break are read too.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var end = position
        while end < characters.count, characters[end] == " " || characters[end] == "\t" { end += 1 }
        guard end < characters.count, characters[end].isNewline else { return false }
        position = end + 1
        return true
    }

    // MARK: - Tags

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = nameCharacters.union("()/")

    /// A tag's name up to the closing delimiter, split into the name proper and its
    /// transforms, outermost first: `a(b(c))` is `c` with `[a, b]`.
    private mutating func parseName(_ state: State) throws -> (String, [String], String) {
        skipWhitespace()
        let text = readWhile { Self.nameCharacters.contains($0) || $0 == "(" || $0 == ")" }
        skipWhitespace()
        guard try read(string: state.endDelimiter) else { throw PageTemplateError.Reason.unfinishedTag }
        let characters = Array(text)
        var index = 0
        func word() -> String {
            let start = index
            while index < characters.count, Self.nameCharacters.contains(characters[index]) { index += 1 }
            return String(characters[start ..< index])
        }
        var transforms = [word()]
        guard index < characters.count else { return (text, [], text) }
        while true {
            guard index < characters.count, characters[index] == "(" else { throw PageTemplateError.Reason.unfinishedTag }
            index += 1
            let name = word()
            if index < characters.count, characters[index] == ")" {
                var closing = 0
                while index < characters.count, characters[index] == ")" {
                    closing += 1
                    index += 1
                }
                guard closing == transforms.count, index == characters.count else {
                    throw PageTemplateError.Reason.unfinishedTag
                }
                return (name, transforms, text)
            }
            transforms.append(name)
        }
    }

    private mutating func parsePartialName(_ state: State) throws -> String {
        skipWhitespace()
        let name = readWhile { Self.partialNameCharacters.contains($0) }
        skipWhitespace()
        guard try read(string: state.endDelimiter) else { throw PageTemplateError.Reason.unfinishedTag }
        return name
    }

    private mutating func skipComment(_ state: State) throws(Overflow) {
        let end = state.endDelimiter
        var index = position
        while index + end.count <= characters.count {
            if characters[index ..< index + end.count].elementsEqual(end) {
                position = index + end.count
                return
            }
            index += 1
        }
        throw Overflow()
    }

    private mutating func parseSetDelimiter(_ state: State) throws -> State {
        let start: String, end: String
        do {
            skipWhitespace()
            start = try readUntil(\.isWhitespace)
            skipWhitespace()
            end = try readUntil { $0 == "=" || $0.isWhitespace }
            skipWhitespace()
        } catch {
            throw PageTemplateError.Reason.invalidSetDelimiter
        }
        guard try read("="), try read(string: state.endDelimiter), !start.isEmpty, !end.isEmpty else {
            throw PageTemplateError.Reason.invalidSetDelimiter
        }
        return state.delimiters(start: Array(start), end: Array(end))
    }

    private mutating func parsePragma(_ state: State) throws -> PageContentType {
        let word: (Character) -> Bool = { Self.nameCharacters.contains($0) }
        skipWhitespace()
        let setting = readWhile(word)
        skipWhitespace()
        guard (try? read(":")) == true else { throw PageTemplateError.Reason.invalidPragma }
        skipWhitespace()
        let value = readWhile(word)
        skipWhitespace()
        guard (try? read(string: state.endDelimiter)) == true, !setting.isEmpty, !value.isEmpty else {
            throw PageTemplateError.Reason.invalidPragma
        }
        guard setting == "CONTENT_TYPE", let contentType = PageContentType(pragmaValue: value) else {
            throw PageTemplateError.Reason.unknownPragma
        }
        return contentType
    }

    // MARK: - Errors

    /// `error` as a ``PageTemplateError`` at the line and column where parsing stopped.
    func error(_ error: any Error) -> PageTemplateError {
        var line = 1, column = 1
        for character in characters[..<min(position, characters.count)] {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        let reason = error as? PageTemplateError.Reason ?? .unfinishedTag
        return PageTemplateError(reason: reason, line: line, column: column)
    }
}

extension PageTemplateError.Reason: Error {}
