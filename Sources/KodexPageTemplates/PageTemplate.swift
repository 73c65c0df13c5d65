/// A Mustache page template, parsed once into a tree of nodes and rendered against
/// ``PageValue``s.
///
/// The dialect is swift-mustache's, which Kodex rendered with before, byte for byte on
/// every well-formed template: interpolation (`{{name}}`, `{{{name}}}`, `{{&name}}`),
/// sections and inverted sections, dotted names, the implicit iterator `{{.}}`, comments,
/// set delimiters, partials with their indentation, dynamic partials (`{{>*name}}`),
/// parents and blocks (`{{<parent}}{{$block}}`), transforms (`{{#empty(list)}}`,
/// `{{^last()}}`) and the `{{% CONTENT_TYPE: HTML|TEXT|MARKDOWN}}` pragma. A differential
/// test renders with both. Lambdas have no place in data that is only values, and are not
/// supported.
public struct PageTemplate: Sendable {
    enum Node: Sendable {
        case text(String)
        case variable(PageName, escaped: Bool)
        case section(PageName, PageTemplate)
        case invertedSection(PageName, PageTemplate)
        /// A block's content inside a parent tag; only collected, never rendered.
        case blockDefinition(String, PageTemplate)
        case blockExpansion(String, PageTemplate, indentation: String?)
        case partial(String, indentation: String?, overrides: [String: PageTemplate]?)
        case dynamicPartial(PageName, indentation: String?, overrides: [String: PageTemplate]?)
        case contentType(PageContentType)
    }

    let nodes: [Node]

    init(nodes: [Node]) {
        self.nodes = nodes
    }

    /// Parses `text`.
    ///
    /// - Throws: ``PageTemplateError`` with the line and column where parsing stopped.
    public init(_ text: String) throws(PageTemplateError) {
        var parser = TemplateParser(text)
        do {
            self = try parser.parse(state: .init())
        } catch {
            throw parser.error(error)
        }
    }
}

/// How text is escaped when a template shows it, chosen by the `CONTENT_TYPE` pragma.
public enum PageContentType: Sendable {
    /// HTML text and attribute values: `&`, `<`, `>`, `"` and `'` become entities.
    case html
    /// As it is.
    case text
    /// Inline Markdown: see `Escaping.markdownInline`.
    case markdown

    /// The content type a pragma names, if any.
    init?(pragmaValue: String) {
        switch pragmaValue {
        case "HTML": self = .html
        case "TEXT": self = .text
        case "MARKDOWN": self = .markdown
        default: return nil
        }
    }
}

/// A name as a tag writes it: where its lookup starts, the path of names, and the
/// transforms to apply, innermost first. A class, so that rendering a tag shares the
/// parsed name rather than copying its parts.
final class PageName: Sendable {
    enum Start: Sendable, Equatable {
        /// `{{.}}`: the innermost value.
        case current
        /// `{{^last()}}`: the position in the list being iterated.
        case sequence
        /// `{{.a.b}}`: looked up in the innermost value only.
        case innermost
        /// `{{a.b}}`: the first name looked up from the innermost value outwards.
        case stack
    }

    let start: Start
    let path: [PageKey]
    /// Transforms in the order they apply: `a(b(c))` applies `b`, then `a`.
    let transforms: [String]
    /// The name as written, such as `empty(say)`.
    let written: String
    /// The key of a plain one-word name such as `{{title}}`, most tags of a page, which
    /// the renderer looks up without the general walk.
    let simpleKey: PageKey?

    init(_ name: String, transforms: [String], written: String) {
        if name == "." {
            start = .current
        } else if name.isEmpty, !transforms.isEmpty {
            start = .sequence
        } else if name.first == "." {
            start = .innermost
        } else {
            start = .stack
        }
        path = start == .current || start == .sequence ? [] : name.split(separator: ".").map { PageKey(String($0)) }
        self.transforms = transforms.reversed()
        self.written = written
        simpleKey = start == .stack && path.count == 1 && transforms.isEmpty ? path[0] : nil
    }
}

/// Why a template could not be parsed, and where.
public struct PageTemplateError: Error, Sendable, Equatable {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// `{{/name}}` closes a section opened under another name.
        case sectionClosedWithWrongName
        /// A tag is not finished, or holds characters a name cannot.
        case unfinishedTag
        /// A section is never closed.
        case sectionNeverClosed
        /// `{{=… …=}}` is malformed.
        case invalidSetDelimiter
        /// A block (`{{$name}}`) is given a transform.
        case transformOnBlock
        /// A parent tag (`{{<name}}`) holds something other than blocks.
        case notABlockInParent
        /// `{{%…}}` is malformed.
        case invalidPragma
        /// `{{%…}}` names an unknown setting or content type.
        case unknownPragma
    }

    /// What went wrong.
    public let reason: Reason
    /// The line, from 1.
    public let line: Int
    /// The column, from 1.
    public let column: Int

    /// The reason in words.
    public var description: String {
        switch reason {
        case .sectionClosedWithWrongName: return "a section is closed with the wrong name"
        case .unfinishedTag: return "a tag is not finished"
        case .sectionNeverClosed: return "a section is never closed"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformOnBlock: return "a block cannot take a transform"
        case .notABlockInParent: return "a parent tag may only hold blocks"
        case .invalidPragma: return "a pragma is malformed"
        case .unknownPragma: return "a pragma names an unknown setting or content type"
        }
    }
}
