import Foundation
import KodexEscaping
import KodexModel
import KodexPageTemplates

/// The handbook's page templates (Mustache; a codex's message templates are another
/// thing): the defaults built into the binary, with any a trainer
/// overrides from a folder of their own.
public struct PageTemplateSet: Sendable {
    /// The built-in templates, by path such as `html/page.mustache`.
    public static var defaults: [(path: String, text: String)] { EmbeddedTemplates.files }

    private var texts: [String: String]
    private var origins: [String: String]

    /// The built-in templates only.
    public init() {
        texts = Dictionary(uniqueKeysWithValues: Self.defaults.map { ($0.path, $0.text) })
        origins = Dictionary(uniqueKeysWithValues: Self.defaults.map { ($0.path, "built-in template `\($0.path)`") })
    }

    /// The built-in templates with those in `directory` taking their place.
    ///
    /// - Throws: ``PublishError`` for a folder that cannot be read, or a file in it that
    ///   replaces no built-in template.
    public init(overrides directory: String) throws(PublishError) {
        self.init()
        let root = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PublishError(.pageTemplate, "no templates folder at `\(directory)`")
        }
        guard let walker = FileManager.default.enumerator(atPath: directory) else {
            throw PublishError(.pageTemplate, "cannot read the templates folder `\(directory)`")
        }
        for case let relative as String in walker {
            let path = root.appendingPathComponent(relative).path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                  !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            guard texts[relative] != nil else {
                let known = Self.defaults.map(\.path)
                let hint = Suggestion.closest(to: relative, in: known).map { "; did you mean `\($0)`?" } ?? ""
                throw PublishError(.pageTemplate, "`\(path)` replaces no built-in template\(hint)")
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw PublishError(.pageTemplate, "cannot read template `\(path)` as UTF-8 text")
            }
            texts[relative] = text
            origins[relative] = "`\(path)`"
        }
    }

    /// The site's style sheet, `html/style.css`, as overridden if it is.
    public var styleSheet: String { texts["html/style.css"] ?? "" }

    /// The text of a non-template file, such as `html/style.css`.
    func asset(_ path: String) throws(PublishError) -> String {
        guard let text = texts[path] else { throw PublishError(.pageTemplate, "missing built-in template `\(path)`") }
        return text
    }

    /// Every Mustache template under `folder` (`html` or `md`), parsed and checked: a
    /// template that does not parse, or names a partial or parent that does not exist,
    /// is an error that names the file and line. `{{labels.…}}` tags are replaced by the
    /// label texts in `labels` first (see ``foldingLabels(in:labels:)``).
    func library(_ folder: String, labels: [String: String]) throws(PublishError) -> PageTemplateLibrary {
        var library = PageTemplateLibrary()
        let prefix = folder + "/"
        let names = texts.keys.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".mustache") }.sorted()
        let available = Set(names.map { String($0.dropFirst(prefix.count).dropLast(".mustache".count)) })
        for path in names {
            let name = String(path.dropFirst(prefix.count).dropLast(".mustache".count))
            let text = texts[path] ?? ""
            for (line, reference) in Self.references(in: text) where !available.contains(reference) {
                throw PublishError(.pageTemplate, "\(origins[path] ?? path), line \(line): no template named `\(reference)` in `\(folder)/`")
            }
            do throws(PageTemplateError) {
                // Labels are folded into the text, which keeps its lines: positions stay true.
                library.register(try PageTemplate(Self.foldingLabels(in: text, labels: labels)), named: name)
            } catch {
                throw PublishError(.pageTemplate, "\(origins[path] ?? path), line \(error.line), column \(error.column): \(error.description)")
            }
        }
        return library
    }

    /// The tags of the templates taken from the overrides folder whose names the
    /// handbook's data can never answer, such as a mistyped `{{titel}}`, each as
    /// "`file`: `name`". Built-in templates are checked by the tests.
    func unresolvedNames() throws(PublishError) -> [String] {
        var found: [String] = []
        let overridden = Set(origins.filter { $0.value.hasPrefix("`") }.keys)
        guard !overridden.isEmpty else { return [] }
        let labels = Labels.strings(for: .hu)
        let html = try library("html", labels: labels)
        let bodies = html.names.filter { $0.hasSuffix("-body") }
        var unresolved = html.unresolvedNames(in: "page", root: SitePage.fields, dynamicPartials: ["body": bodies])
            .map { ("html/", $0) }
        unresolved += html.unresolvedNames(in: "nav-item", root: NavigationItem.fields).map { ("html/", $0) }
        let markdown = try library("md", labels: labels)
        for page in ["index", "situation", HandbookData.whatsNewName] + HandbookData.glossaryNames {
            unresolved += markdown.unresolvedNames(in: page, root: MarkdownPage.fields(of: page)).map { ("md/", $0) }
        }
        var seen = Set<String>()
        for (folder, name) in unresolved {
            let path = folder + name.template + ".mustache"
            guard overridden.contains(path), seen.insert(path + name.name).inserted else { continue }
            found.append("\(origins[path] ?? path): `{{\(name.name)}}`")
        }
        return found
    }

    /// Renders `name` from `library` with `page` as its outermost value.
    static func render(_ library: PageTemplateLibrary, _ name: String, _ page: some PageObject) throws(PublishError) -> String {
        guard let output = library.render(name, with: .object(page)) else {
            throw PublishError(.pageTemplate, "no template named `\(name)`")
        }
        return output
    }

    /// A file of `library`'s page `name`, rendered with `page` as it is written.
    ///
    /// A glossary page of a large codex runs to megabytes (each entry lists every step
    /// that uses it): held whole, and copied as it grew, two of them stood beside the
    /// model at a build's peak. Rendered in pieces of 64 KiB, a page costs no more than
    /// its data; it is rendered again each time the file is read.
    static func file(_ path: String, _ library: PageTemplateLibrary, _ name: String, _ page: some PageObject)
        throws(PublishError) -> OutputFile {
        guard library.template(named: name) != nil else {
            throw PublishError(.pageTemplate, "no template named `\(name)`")
        }
        return OutputFile(path: path) { write throws(PublishError) in
            var failure: PublishError?
            _ = library.render(name, with: .object(page), inPiecesOf: 1 << 16) { piece in
                var piece = piece
                let written = piece.withUTF8 { utf8 in
                    Result { () throws(PublishError) in try write(UnsafeRawBufferPointer(utf8)) }
                }
                if case .failure(let error) = written { failure = error }
                return failure == nil
            }
            if let failure { throw failure }
        }
    }

    /// `text` with each `{{labels.name}}`, `{{{labels.name}}}` and `{{&labels.name}}` tag
    /// replaced by the label itself, escaped as the template's content type would.
    ///
    /// The labels are the same on every page, and a dotted name is the slowest lookup a
    /// template makes, searched for through every enclosing context and cast at each
    /// step; a step of the handbook shows a dozen of them. The handbook's data holds
    /// `labels` only as this table, so the output is the same. A template that changes
    /// its delimiters or content type part-way, a label that is not in the table, or a
    /// label whose text holds braces is left alone.
    static func foldingLabels(in text: String, labels: [String: String]) -> String {
        guard !text.contains("{{="), text.components(separatedBy: "{{%").count <= 2 else { return text }
        let escape: (String) -> String
        let firstLine = text.prefix { $0 != "\n" }.filter { !$0.isWhitespace }
        switch firstLine {
        case "{{%CONTENT_TYPE:HTML}}": escape = Escaping.html
        case "{{%CONTENT_TYPE:MARKDOWN}}": escape = Escaping.markdownInline
        default:
            // Without a pragma swift-mustache escapes for HTML; another content type's
            // escaping is not known here.
            guard !text.contains("{{%") else { return text }
            escape = Escaping.html
        }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            rest = rest[open.lowerBound...]
            guard let (length, name, raw) = labelTag(at: rest), let label = labels[name],
                  !label.contains("{{"), !label.contains("}}") else {
                result += "{{"
                rest = rest.dropFirst(2)
                continue
            }
            result += raw ? label : escape(label)
            rest = rest.dropFirst(length)
        }
        return result + rest
    }

    /// The length, label name and rawness of a label tag at the start of `text`.
    private static func labelTag(at text: Substring) -> (length: Int, name: String, raw: Bool)? {
        var tail = text.dropFirst(2)
        let triple = tail.first == "{"
        if triple { tail = tail.dropFirst() }
        tail = tail.drop { $0 == " " }
        let ampersand = !triple && tail.first == "&"
        if ampersand { tail = tail.dropFirst().drop { $0 == " " } }
        guard tail.hasPrefix("labels.") else { return nil }
        tail = tail.dropFirst("labels.".count)
        let name = tail.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard !name.isEmpty else { return nil }
        tail = tail.dropFirst(name.count).drop { $0 == " " }
        let close = triple ? "}}}" : "}}"
        guard tail.hasPrefix(close) else { return nil }
        tail = tail.dropFirst(close.count)
        return (text.count - tail.count, String(name), triple || ampersand)
    }

    /// The partials (`{{>name}}`) and parents (`{{<name}}`) a template names, with lines.
    static func references(in text: String) -> [(line: Int, name: String)] {
        var found: [(Int, String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                rest = rest[open.upperBound...]
                guard let close = rest.range(of: "}}") else { break }
                let tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                rest = rest[close.upperBound...]
                guard let sigil = tag.first, sigil == ">" || sigil == "<" else { continue }
                let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                if !name.hasPrefix("*"), !name.isEmpty { found.append((number + 1, name)) }
            }
        }
        return found
    }
}
