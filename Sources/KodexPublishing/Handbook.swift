import Foundation
import KodexModel
import KodexPageTemplates
import Synchronization
import KodexSupport

/// A file of the published handbook, by path relative to the output folder.
public struct OutputFile: Sendable {
    /// The path, such as `html/situations/complaint.html`.
    public var path: String
    private var content: Content

    /// A page keeps the text it was rendered as, and is written from that text's own
    /// bytes: a large site's pages are not copied once more on their way to the disk.
    private enum Content: Sendable {
        case text(String)
        case bytes([UInt8])
        case pieces(Pieces)
    }

    /// A file made and written piece by piece: the search index holds nearly all of a
    /// handbook's text, and held whole it stood beside the model at the build's peak.
    struct Pieces: Sendable {
        /// Makes the file, handing each piece in order to its argument.
        let make: @Sendable ((UnsafeRawBufferPointer) throws(PublishError) -> Void) throws(PublishError) -> Void
    }

    /// Creates a file.
    public init(path: String, text: String) {
        self.path = path
        content = .text(text)
    }

    /// Creates a file of any bytes, such as a PDF.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        content = .bytes(bytes)
    }

    /// A file whose content `make` hands over piece by piece, so that it is never held
    /// whole on its way to the disk.
    init(path: String, pieces make: @escaping @Sendable ((UnsafeRawBufferPointer) throws(PublishError) -> Void)
         throws(PublishError) -> Void) {
        self.path = path
        content = .pieces(Pieces(make: make))
    }

    /// Whether the file is made piece by piece as it is written.
    var isMadeInPieces: Bool {
        if case .pieces = content { return true }
        return false
    }

    /// The content.
    public var bytes: [UInt8] {
        switch content {
        case .text(let text): return Array(text.utf8)
        case .bytes(let bytes): return bytes
        case .pieces(let pieces):
            var whole: [UInt8] = []
            // Collecting pieces cannot fail: only the disk's writer throws.
            try? pieces.make { piece throws(PublishError) in whole.append(contentsOf: piece) }
            return whole
        }
    }

    /// Hands the content to `body` piece by piece, in order: in one piece unless the
    /// file was made piece by piece.
    public func forEachPiece(_ body: (UnsafeRawBufferPointer) throws(PublishError) -> Void) throws(PublishError) {
        switch content {
        case .text, .bytes: try withBytes(body)
        case .pieces(let pieces):
            try pieces.make(body)
        }
    }

    /// Calls `body` with the content's bytes in place.
    public func withBytes<Value, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Value)
        throws(Failure) -> Value {
        let outcome: Result<Value, Failure>
        switch content {
        case .text(var text):
            outcome = text.withUTF8 { utf8 in Result { () throws(Failure) in try body(UnsafeRawBufferPointer(utf8)) } }
        case .bytes(let bytes):
            outcome = bytes.withUnsafeBytes { raw in Result { () throws(Failure) in try body(raw) } }
        case .pieces:
            outcome = bytes.withUnsafeBytes { raw in Result { () throws(Failure) in try body(raw) } }
        }
        return try outcome.get()
    }
}

extension OutputFile: Hashable {
    /// Files are equal when their paths and bytes are.
    public static func == (left: OutputFile, right: OutputFile) -> Bool {
        left.path == right.path && left.withBytes { a in right.withBytes { b in a.elementsEqual(b) } }
    }

    /// Hashes the path and the bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        withBytes { hasher.combine(bytes: $0) }
    }
}

/// Renders a codex into the handbook's files, in memory: nothing is written here, so
/// a failure leaves any earlier output untouched.
public struct Handbook: Sendable {
    /// The outputs a build can produce.
    public enum Format: String, Sendable, CaseIterable {
        /// GitHub-flavoured Markdown under `md/`.
        case markdown = "md"
        /// A self-contained HTML site under `html/`.
        case html
    }

    let codex: Codex
    let templates: PageTemplateSet
    /// What changed since an earlier version, marked on the pages and listed on a page of
    /// its own; nil for a handbook that does not compare.
    let changes: HandbookChanges?

    /// Where a step stands in the HTML site, relative to its `html/` folder: what a page
    /// outside the site, such as the session report, links a step by.
    public static func stepPath(situation: String, process: String, step: String) -> String {
        Linker(fileExtension: "html", singlePage: false).step(situation: situation, process: process, step: step)
    }

    /// Creates a handbook renderer; with `changes`, new and changed steps and glossary
    /// entries carry a badge, and a "what's new" page lists every change.
    public init(codex: Codex, templates: PageTemplateSet, changes: HandbookChanges? = nil) {
        self.codex = codex
        self.templates = templates
        self.changes = changes
    }

    /// Every file of the handbook in the given formats, sorted by path.
    ///
    /// - Parameter singleFile: write the HTML handbook as one file, `html/handbook.html`.
    public func render(_ formats: Set<Format>, singleFile: Bool) throws(PublishError) -> [OutputFile] {
        let collected = Mutex<[OutputFile]>([])
        try render(formats, singleFile: singleFile) { file in collected.withLock { $0.append(file) } }
        return collected.withLock { $0 }.sorted { $0.path < $1.path }
    }

    /// Renders the handbook in the given formats, handing each file to `deliver` as soon
    /// as it is made, from whichever core made it, so that a large site need not be held
    /// whole. The first error, by file order, is thrown once every file has been tried.
    ///
    /// - Parameter singleFile: write the HTML handbook as one file, `html/handbook.html`.
    public func render(_ formats: Set<Format>, singleFile: Bool,
                       into deliver: @Sendable (OutputFile) throws(PublishError) -> Void) throws(PublishError) {
        if formats.contains(.markdown) { try markdown(deliver) }
        if formats.contains(.html) {
            if singleFile { try htmlSingleFile(deliver) } else { try htmlSite(deliver) }
        }
    }

    // MARK: - Markdown

    private func markdown(_ deliver: @Sendable (OutputFile) throws(PublishError) -> Void) throws(PublishError) {
        let library = try templates.library("md", labels: Labels.strings(for: codex.manifest.locale))
        let data = HandbookData(codex: codex, linker: Linker(fileExtension: "md", singlePage: false), html: false,
                                changes: changes)
        let common = data.common
        let pages: [(path: String, template: String, content: PageContent)] =
            [("md/index.md", "index", .index)]
            + data.situations.indices.map { ("md/situations/\(data.situations[$0].id).md", "situation", .situation($0)) }
            + HandbookData.glossaryNames.map { ("md/\($0).md", $0, .glossary($0)) }
            + (changes == nil ? [] : [("md/\(HandbookData.whatsNewName).md", HandbookData.whatsNewName, .whatsNew)])
        // Each page's data is made on the core that renders it, and dropped with it.
        try Self.concurrently(pages.count, deliver: deliver) { index throws(PublishError) -> OutputFile in
            var page = MarkdownPage(common: common, root: "")
            switch pages[index].content {
            case .index: break
            case .situation(let situation):
                page.root = "../"
                page.situation = data.situations[situation]
            case .glossary(let name):
                page.entries = data.glossaryValue(name)
                if name == "rules" { page.bannedPhrases = data.bannedPhrases }
            case .whatsNew: page.whatsNew = data.whatsNew
            }
            return try PageTemplateSet.file(pages[index].path, library, pages[index].template, page)
        }
        releaseInBackground((consume data, consume pages))
    }

    /// What a page shows besides what every page shows.
    fileprivate enum PageContent: Sendable {
        case index
        /// The situation at this place in `HandbookData.situations`.
        case situation(Int)
        case glossary(String)
        /// Every change since the version `kodex build --since` names.
        case whatsNew
    }

    // MARK: - HTML

    private func htmlSite(_ deliver: @Sendable (OutputFile) throws(PublishError) -> Void) throws(PublishError) {
        let site = try HandbookSite(handbook: self)
        // A glossary page links every step that uses each entry, which makes it the
        // longest to render: glossaries start first, so that no core is left with one
        // at the end. Nothing in the output depends on the order.
        let order = site.pages.indices.filter { !site.pages[$0].path.hasPrefix("situations/") }
            + site.pages.indices.filter { site.pages[$0].path.hasPrefix("situations/") }
        try Self.concurrently(order.count, alongside: site.searchIndex, deliver: deliver) {
            job throws(PublishError) -> OutputFile in
            try site.page(order[job])
        }
        try deliver(try site.asset(HandbookSite.stylePath))
        try deliver(try site.asset(HandbookSite.searchScriptPath))
        releaseInBackground(consume site)
    }

    private func htmlSingleFile(_ deliver: @Sendable (OutputFile) throws(PublishError) -> Void) throws(PublishError) {
        let library = try templates.library("html", labels: Labels.strings(for: codex.manifest.locale))
        let linker = Linker(fileExtension: "html", singlePage: true)
        let data = HandbookData(codex: codex, linker: linker, html: true, changes: changes)
        var page = SitePage(common: data.common, root: "", pageTitle: data.labels["handbook"] ?? "", body: "single-body",
                            homeHref: "#main",
                            navigation: try navigation(data, NavigationItems(data, library: library, roots: [""]),
                                                       current: "", root: ""))
        page.glossary = data.allGlossaries
        page.situationPages = PageList(data.situations.map { SituationSection(situation: $0) })
        page.whatsNew = data.whatsNew
        page.inlineAssets = InlineAssets(css: try templates.asset("html/style.css"),
                                         searchJS: try templates.asset("html/search.js"),
                                         searchIndexJSON: SearchIndex(data: data).json)
        try deliver(try PageTemplateSet.file("html/handbook.html", library, "page", page))
    }

    /// Makes each file on its own thread and hands it to `deliver` there: pages share
    /// nothing but read-only data, and rendering is most of a build's time. A file made
    /// `alongside` them is taken first and shares the cores too. The first failure, by
    /// file order, is thrown.
    static func concurrently(
        _ count: Int, alongside extra: OutputFile? = nil,
        deliver: @Sendable (OutputFile) throws(PublishError) -> Void,
        _ make: @Sendable (Int) throws(PublishError) -> OutputFile
    ) throws(PublishError) {
        let offset = extra == nil ? 0 : 1
        let failures = concurrentMap(count + offset) { job -> PublishError? in
            do throws(PublishError) {
                if let extra, job == 0 {
                    try deliver(extra)
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

    fileprivate func navigation(_ data: HandbookData, _ items: NavigationItems, current: String, root: String)
        throws(PublishError) -> Navigation {
        Navigation(
            situations: items.links, current: items.position(of: current),
            situationItems: try items.html(current: current, root: root),
            glossaries: PageList(data.glossaries.map { glossary in
                var link = glossary
                link.current = current == "glossary:\(glossary.name)"
                return link
            }))
    }
}

/// The sidebar's links to every situation, which every page of the site carries.
///
/// Each link is rendered once per link root with `html/nav-item.mustache`, and once more
/// for the page it marks as current: rendering the whole list on every page made a
/// site's build time grow with the square of its situations.
private struct NavigationItems: Sendable {
    private let library: PageTemplateLibrary
    private let labels: PageTable
    /// Each link's place in `items`, by the navigation key of the page it leads to.
    private let positions: [String: Int]
    private let items: [NavigationLink]
    /// Each link rendered, by link root.
    private let rendered: [String: [String]]

    /// The links of `data`'s situations, rendered for each of `roots`.
    init(_ data: HandbookData, library: PageTemplateLibrary, roots: [String]) throws(PublishError) {
        self.library = library
        labels = PageTable(data.labels)
        positions = Dictionary(data.situations.enumerated().map { ("situation:\($1.id)", $0) },
                               uniquingKeysWith: { first, _ in first })
        items = data.situations.map { NavigationLink(title: $0.title, href: $0.href, current: false) }
        var rendered: [String: [String]] = [:]
        for root in roots {
            var lines: [String] = []
            for item in items { lines.append(try Self.render(item, root: root, library, labels)) }
            rendered[root] = lines
        }
        self.rendered = rendered
    }

    /// The links, none marked.
    var links: [NavigationLink] { items }

    /// The place of the link to the page `current` names, if it is a situation's.
    func position(of current: String) -> Int? { positions[current] }

    /// The links as HTML, relative to `root`, with the one for `current` marked.
    func html(current: String, root: String) throws(PublishError) -> String {
        var lines = rendered[root] ?? []
        if let index = positions[current], lines.indices.contains(index) {
            var item = items[index]
            item.current = true
            lines[index] = try Self.render(item, root: root, library, labels)
        }
        var html = lines.joined()
        // The list sits on a line of its own in the page template, which adds the last newline.
        if html.hasSuffix("\n") { html.removeLast() }
        return html
    }

    private static func render(_ link: NavigationLink, root: String, _ library: PageTemplateLibrary, _ labels: PageTable)
        throws(PublishError) -> String {
        try PageTemplateSet.render(library, "nav-item", NavigationItem(link: link, root: root, labels: labels))
    }
}

/// The HTML site of a handbook, each file made when it is asked for.
///
/// `kodex build` asks for every file; `kodex serve` only for the pages a browser opens,
/// so that after an edit the page in view is ready long before a whole site would be.
/// A page made alone is byte for byte the page of a whole build, since both are made
/// here.
public struct HandbookSite: Sendable {
    /// A page of the site: where it stands, its title, the body template it shows, and
    /// what it shows besides what every page shows.
    fileprivate struct Page: Sendable {
        var path: String
        var title: String
        var body: String
        var navigationKey: String
        var content: Handbook.PageContent
    }

    /// The style sheet's path below the site's root.
    public static let stylePath = "assets/style.css"
    /// The search script's path below the site's root.
    public static let searchScriptPath = "assets/search.js"
    /// The search index's path below the site's root.
    public static let searchIndexPath = "assets/search-index.js"

    private let handbook: Handbook
    private let library: PageTemplateLibrary
    private let linker: Linker
    private let data: HandbookData
    private let common: CommonData
    private let navigationItems: NavigationItems
    fileprivate let pages: [Page]
    private let pageNumbers: [String: Int]

    /// Prepares the site of `handbook`: what every page shares is made now, each page
    /// when it is asked for.
    public init(handbook: Handbook) throws(PublishError) {
        self.handbook = handbook
        library = try handbook.templates.library("html", labels: Labels.strings(for: handbook.codex.manifest.locale))
        let linker = Linker(fileExtension: "html", singlePage: false)
        self.linker = linker
        data = HandbookData(codex: handbook.codex, linker: linker, html: true, changes: handbook.changes)
        common = data.common
        let labels = data.labels
        navigationItems = try NavigationItems(data, library: library, roots: ["", "../"])
        var pages: [Page] = [Page(path: linker.indexPage, title: labels["overview"] ?? "", body: "index-body",
                                  navigationKey: "index", content: .index)]
        for (index, situation) in data.situations.enumerated() {
            pages.append(Page(path: linker.situationPage(situation.id), title: situation.title, body: "situation-body",
                              navigationKey: "situation:\(situation.id)", content: .situation(index)))
        }
        for name in HandbookData.glossaryNames {
            pages.append(Page(path: linker.glossaryPage(name), title: labels[name] ?? name, body: "\(name)-body",
                              navigationKey: "glossary:\(name)", content: .glossary(name)))
        }
        if handbook.changes != nil {
            let name = HandbookData.whatsNewName
            pages.append(Page(path: linker.glossaryPage(name), title: labels["whatsNew"] ?? name, body: "\(name)-body",
                              navigationKey: "glossary:\(name)", content: .whatsNew))
        }
        self.pages = pages
        pageNumbers = Dictionary(pages.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every file's path below the site's root, pages first, in the order of the site.
    public var paths: [String] {
        pages.map(\.path) + [Self.searchIndexPath, Self.stylePath, Self.searchScriptPath]
    }

    /// The file at `path` below the site's root, such as `situations/panaszos-ugyfel.html`,
    /// with its path below the handbook's output folder (`html/…`); `nil` for a path that
    /// is no file of the site.
    public func file(at path: String) throws(PublishError) -> OutputFile? {
        if let number = pageNumbers[path] { return try page(number) }
        switch path {
        case Self.searchIndexPath: return searchIndex
        case Self.stylePath, Self.searchScriptPath: return try asset(path)
        default: return nil
        }
    }

    /// The search index, written as it is read.
    var searchIndex: OutputFile {
        OutputFile(path: "html/" + Self.searchIndexPath) { [data] emit throws(PublishError) in
            try SearchIndex(data: data).script(emit)
        }
    }

    /// The style sheet or the search script, from the page templates.
    fileprivate func asset(_ path: String) throws(PublishError) -> OutputFile {
        OutputFile(path: "html/" + path, text: try handbook.templates.asset("html/" + (path.split(separator: "/").last.map(String.init) ?? path)))
    }

    /// The page at `number` in the site's order, rendered.
    fileprivate func page(_ number: Int) throws(PublishError) -> OutputFile {
        let description = pages[number]
        let root = description.path.contains("/") ? "../" : ""
        var page = SitePage(
            common: common, root: root, pageTitle: description.title, body: description.body, homeHref: linker.indexPage,
            navigation: try handbook.navigation(data, navigationItems, current: description.navigationKey, root: root),
            pager: Pager(
                previous: number > 0 ? PageLink(title: pages[number - 1].title, href: pages[number - 1].path) : nil,
                next: number + 1 < pages.count ? PageLink(title: pages[number + 1].title, href: pages[number + 1].path) : nil))
        switch description.content {
        case .index: break
        case .situation(let situation): page.situation = data.situations[situation]
        case .glossary(let name): page.glossary = data.glossary(name)
        case .whatsNew: page.whatsNew = data.whatsNew
        }
        return try PageTemplateSet.file("html/" + description.path, library, "page", page)
    }
}
