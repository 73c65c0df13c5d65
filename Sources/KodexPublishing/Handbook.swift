import Foundation
import KodexModel
import Mustache

/// A file of the published handbook, by path relative to the output folder.
public struct OutputFile: Sendable, Hashable {
    /// The path, such as `html/situations/complaint.html`.
    public var path: String
    /// The content.
    public var bytes: [UInt8]

    /// Creates a file.
    public init(path: String, text: String) {
        self.path = path
        bytes = Array(text.utf8)
    }

    /// Creates a file of any bytes, such as a PDF.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Renders a codex into the handbook's files, in memory: nothing is written here, so
/// a failure leaves any earlier output untouched.
public struct Handbook {
    /// The outputs a build can produce.
    public enum Format: String, Sendable, CaseIterable {
        /// GitHub-flavoured Markdown under `md/`.
        case markdown = "md"
        /// A self-contained HTML site under `html/`.
        case html
    }

    let codex: Codex
    let templates: TemplateSet

    /// Creates a handbook renderer.
    public init(codex: Codex, templates: TemplateSet) {
        self.codex = codex
        self.templates = templates
    }

    /// Every file of the handbook in the given formats, sorted by path.
    ///
    /// - Parameter singleFile: write the HTML handbook as one file, `html/handbook.html`.
    public func render(_ formats: Set<Format>, singleFile: Bool) throws(PublishError) -> [OutputFile] {
        let collected = CollectedFiles()
        try render(formats, singleFile: singleFile, into: collected.add)
        return collected.files.sorted { $0.path < $1.path }
    }

    /// Renders the handbook in the given formats, handing each file to `deliver` as soon
    /// as it is made, from whichever core made it, so that a large site need not be held
    /// whole. `deliver` must take files from several threads at once. The first error,
    /// by file order, is thrown once every file has been tried.
    ///
    /// - Parameter singleFile: write the HTML handbook as one file, `html/handbook.html`.
    public func render(_ formats: Set<Format>, singleFile: Bool,
                       into deliver: (OutputFile) throws(PublishError) -> Void) throws(PublishError) {
        if formats.contains(.markdown) { try markdown(deliver) }
        if formats.contains(.html) {
            if singleFile { try htmlSingleFile(deliver) } else { try htmlSite(deliver) }
        }
    }

    private static let glossaryNames = ["expectations", "rules", "tools", "templates", "roles", "channels", "coverage"]

    // MARK: - Markdown

    private func markdown(_ deliver: (OutputFile) throws(PublishError) -> Void) throws(PublishError) {
        let library = try templates.library("md", labels: Labels.strings(for: codex.manifest.locale))
        let data = HandbookData(codex: codex, linker: Linker(fileExtension: "md", singlePage: false), html: false)
        var common = data.common
        common["root"] = ""
        var pages: [(path: String, template: String, context: [String: Any])] = [("md/index.md", "index", common)]
        for situation in data.situations {
            var page = common
            page["root"] = "../"
            page["situation"] = situation
            pages.append(("md/situations/\(situation["id"] ?? "").md", "situation", page))
        }
        for name in Self.glossaryNames {
            var page = common
            page["entries"] = entries(name, data)
            if name == "rules" { page["bannedPhrases"] = data.bannedPhrases }
            pages.append(("md/\(name).md", name, page))
        }
        try Self.concurrently(pages.count, deliver: deliver) { index throws(PublishError) -> OutputFile in
            OutputFile(path: pages[index].path, text: try TemplateSet.render(library, pages[index].template, pages[index].context))
        }
        releaseInBackground((consume data, consume common, consume pages))
    }

    private func entries(_ glossary: String, _ data: HandbookData) -> [[String: Any]] {
        switch glossary {
        case "expectations": return data.expectations
        case "rules": return data.rules
        case "tools": return data.tools
        case "roles": return data.roles
        case "channels": return data.channels
        case "coverage": return data.coverage
        default: return data.templates
        }
    }

    // MARK: - HTML

    private struct Page {
        var path: String
        var title: String
        var body: String
        var extra: [String: Any]
        var navKey: String
    }

    private func htmlSite(_ deliver: (OutputFile) throws(PublishError) -> Void) throws(PublishError) {
        let library = try templates.library("html", labels: Labels.strings(for: codex.manifest.locale))
        let linker = Linker(fileExtension: "html", singlePage: false)
        let data = HandbookData(codex: codex, linker: linker, html: true)
        let common = data.common
        let labels = data.labels
        var pages: [Page] = [Page(path: linker.indexPage, title: labels["overview"] ?? "", body: "index-body",
                                  extra: [:], navKey: "index")]
        for situation in data.situations {
            let id = situation["id"] as? String ?? ""
            pages.append(Page(path: linker.situationPage(id), title: situation["title"] as? String ?? id,
                              body: "situation-body", extra: ["situation": situation], navKey: "situation:\(id)"))
        }
        for name in Self.glossaryNames {
            var extra: [String: Any] = [name: entries(name, data)]
            if name == "rules" { extra["bannedPhrases"] = data.bannedPhrases }
            pages.append(Page(path: linker.glossaryPage(name), title: labels[name] ?? name,
                              body: "\(name)-body", extra: extra, navKey: "glossary:\(name)"))
        }

        let navigationItems = NavigationItems(data, library: library)
        var contexts: [(path: String, context: [String: Any])] = []
        for (index, page) in pages.enumerated() {
            var context = common
            for (key, value) in page.extra { context[key] = value }
            let root = page.path.contains("/") ? "../" : ""
            context["root"] = root
            context["pageTitle"] = page.title
            context["body"] = page.body
            context["homeHref"] = linker.indexPage
            context["nav"] = try navigation(data, navigationItems, current: page.navKey, root: root)
            var pager: [String: Any] = [:]
            if index > 0 { pager["previous"] = ["title": pages[index - 1].title, "href": pages[index - 1].path] }
            if index + 1 < pages.count { pager["next"] = ["title": pages[index + 1].title, "href": pages[index + 1].path] }
            context["pager"] = pager
            contexts.append(("html/" + page.path, context))
        }
        // A glossary page links every step that uses each entry, which makes it the
        // longest to render: glossaries start first, so that no core is left with one
        // at the end. Nothing in the output depends on the order.
        let order = contexts.indices.filter { !contexts[$0].path.hasPrefix("html/situations/") }
            + contexts.indices.filter { contexts[$0].path.hasPrefix("html/situations/") }
        let searchIndex = { "window.KODEX_INDEX = " + SearchIndex(data: data).json + ";\n" }
        try Self.concurrently(order.count, alongside: ("html/assets/search-index.js", searchIndex), deliver: deliver) {
            job throws(PublishError) -> OutputFile in
            let page = contexts[order[job]]
            return OutputFile(path: page.path, text: try TemplateSet.render(library, "page", page.context))
        }
        releaseInBackground((consume data, consume common, consume pages, consume contexts, consume searchIndex,
                             consume navigationItems))
        try deliver(OutputFile(path: "html/assets/style.css", text: try templates.asset("html/style.css")))
        try deliver(OutputFile(path: "html/assets/search.js", text: try templates.asset("html/search.js")))
    }

    private func htmlSingleFile(_ deliver: (OutputFile) throws(PublishError) -> Void) throws(PublishError) {
        let library = try templates.library("html", labels: Labels.strings(for: codex.manifest.locale))
        let linker = Linker(fileExtension: "html", singlePage: true)
        let data = HandbookData(codex: codex, linker: linker, html: true)
        var context = data.common
        context["root"] = ""
        context["pageTitle"] = data.labels["handbook"] ?? ""
        context["body"] = "single-body"
        context["homeHref"] = "#main"
        context["nav"] = try navigation(data, NavigationItems(data, library: library), current: "", root: "")
        for name in Self.glossaryNames { context[name] = entries(name, data) }
        context["bannedPhrases"] = data.bannedPhrases
        context["situationPages"] = data.situations.map { ["situation": $0] }
        context["inlineAssets"] = [
            "css": try templates.asset("html/style.css"),
            "searchJS": try templates.asset("html/search.js"),
            "searchIndexJSON": SearchIndex(data: data).json,
        ]
        try deliver(OutputFile(path: "html/handbook.html", text: try TemplateSet.render(library, "page", context)))
    }

    /// Makes each file on its own thread and hands it to `deliver` there: pages share
    /// nothing but read-only data, and rendering is most of a build's time. A file made
    /// `alongside` them is taken first and shares the cores too. The first failure, by
    /// file order, is thrown.
    private static func concurrently(
        _ count: Int, alongside extra: (path: String, text: () -> String)? = nil,
        deliver: (OutputFile) throws(PublishError) -> Void, _ make: (Int) throws(PublishError) -> OutputFile
    ) throws(PublishError) {
        let offset = extra == nil ? 0 : 1
        let failures = concurrentMap(count + offset) { job -> PublishError? in
            do throws(PublishError) {
                if let extra, job == 0 {
                    try deliver(OutputFile(path: extra.path, text: extra.text()))
                } else {
                    try deliver(try make(job - offset))
                }
                return nil
            } catch {
                return error
            }
        }
        // The pages' failures come first, the file made alongside them last.
        if let failure = (failures.dropFirst(offset) + failures.prefix(offset)).compactMap({ $0 }).first {
            throw failure
        }
    }

    private func navigation(_ data: HandbookData, _ items: NavigationItems, current: String, root: String)
        throws(PublishError) -> [String: Any] {
        [
            "situations": items.data(current: current),
            "situationItems": try items.html(current: current, root: root),
            "glossaries": data.glossaries.map { glossary -> [String: Any] in
                var entry = glossary
                entry["current"] = current == "glossary:\(glossary["name"] as? String ?? "")"
                return entry
            },
        ]
    }
}

/// Files handed over from several threads, kept in one list.
private final class CollectedFiles: @unchecked Sendable {
    // Guards `files`.
    private let lock = NSLock()
    private(set) var files: [OutputFile] = []

    func add(_ file: OutputFile) {
        lock.withLock { files.append(file) }
    }
}

/// The sidebar's links to every situation, which every page of the site carries.
///
/// Each link is rendered once per link root with `html/nav-item.mustache`, and once more
/// for the page it marks as current: rendering the whole list on every page made a
/// site's build time grow with the square of its situations.
private final class NavigationItems {
    private let library: MustacheLibrary
    private let labels: [String: String]
    /// Each link's place in `items`, by the navigation key of the page it leads to.
    private let positions: [String: Int]
    private let items: [[String: Any]]
    private var rendered: [String: [String]] = [:]

    init(_ data: HandbookData, library: MustacheLibrary) {
        self.library = library
        labels = data.labels
        positions = Dictionary(data.situations.enumerated().map { ("situation:\($1["id"] as? String ?? "")", $0) },
                               uniquingKeysWith: { first, _ in first })
        items = data.situations.map { situation -> [String: Any] in
            ["title": situation["title"] ?? "", "href": situation["href"] ?? "", "current": false]
        }
    }

    /// The links as data, with the one for `current` marked.
    func data(current: String) -> [[String: Any]] {
        var marked = items
        if let index = positions[current] { marked[index]["current"] = true }
        return marked
    }

    /// The links as HTML, relative to `root`, with the one for `current` marked.
    func html(current: String, root: String) throws(PublishError) -> String {
        if rendered[root] == nil {
            var lines: [String] = []
            for item in items { lines.append(try render(item, root: root)) }
            rendered[root] = lines
        }
        var lines = rendered[root] ?? []
        if let index = positions[current] {
            var item = items[index]
            item["current"] = true
            lines[index] = try render(item, root: root)
        }
        var html = lines.joined()
        // The list sits on a line of its own in the page template, which adds the last newline.
        if html.hasSuffix("\n") { html.removeLast() }
        return html
    }

    private func render(_ item: [String: Any], root: String) throws(PublishError) -> String {
        var context = item
        context["root"] = root
        context["labels"] = labels
        return try TemplateSet.render(library, "nav-item", context)
    }
}
