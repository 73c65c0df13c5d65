import KodexPageTemplates
import Testing

/// A long page is rendered piece by piece as it is written; the pieces must make the page
/// the whole rendering makes, whatever the templates hold.
@Suite struct PieceRenderingTests {
    @Test(arguments: [1, 7, 64, 1 << 16])
    func piecesJoinedAreTheWholePage(pieceSize: Int) throws {
        var generator = SplitMix(seed: 0x7069656365)
        let templates = Generated.templates() + (0 ..< 500).map { _ in Generated.random(using: &generator) }
        var differing: [String] = []
        for text in templates {
            guard let template = try? PageTemplate(text) else { continue }
            var library = PageTemplateLibrary()
            library.register(template, named: "main")
            var joined = ""
            let found = library.render("main", with: Sample.data, inPiecesOf: pieceSize) { piece in
                joined += piece
                return true
            }
            if !found || joined != library.render("main", with: Sample.data) { differing.append(text) }
        }
        #expect(differing.isEmpty, "\(differing.count) differ, such as \(differing.first.debugDescription)")
    }

    @Test func everyPieceButTheLastHoldsAtLeastThePieceSize() throws {
        let library = try Self.list(items: 200)
        var pieces: [String] = []
        #expect(library.render("main", with: Self.items(200), inPiecesOf: 100) { pieces.append($0); return true })
        #expect(pieces.count > 10)
        #expect(pieces.dropLast().allSatisfy { $0.utf8.count >= 100 })
        #expect(pieces.allSatisfy { !$0.isEmpty })
    }

    @Test func anIndentedPartialIsHandedOnWhole() throws {
        var library = try Self.list(items: 0)
        library.register(try PageTemplate("head\n  {{>list}}\ntail\n"), named: "indenting")
        var pieces: [String] = []
        #expect(library.render("indenting", with: Self.items(50), inPiecesOf: 10) { pieces.append($0); return true })
        #expect(pieces.joined() == library.render("indenting", with: Self.items(50)))
        // What the indented partial made is in one piece, though far longer than ten bytes.
        let whole = try #require(library.render("indenting", with: Self.items(50)))
        let partial = try #require(whole.range(of: "  <li>item 0</li>").map { whole[$0.lowerBound...] }
            .flatMap { rest in rest.range(of: "item 49</li>\n").map { rest[..<$0.upperBound] } })
        #expect(pieces.contains { $0.contains(partial) })
    }

    @Test func renderingStopsWhenThePiecesAreRefused() throws {
        let library = try Self.list(items: 0)
        var calls = 0
        #expect(library.render("main", with: Self.items(1000), inPiecesOf: 100) { _ in
            calls += 1
            return calls < 3
        })
        #expect(calls == 3)
    }

    @Test func aMissingTemplateEmitsNothing() {
        var calls = 0
        #expect(!PageTemplateLibrary().render("main", with: Self.items(1), inPiecesOf: 1) { _ in calls += 1; return true })
        #expect(calls == 0)
    }

    /// A library whose `main` lists `items` and whose `list` partial does the same.
    private static func list(items: Int) throws -> PageTemplateLibrary {
        var library = PageTemplateLibrary()
        library.register(try PageTemplate("<ul>\n{{#items}}\n<li>{{name}}</li>\n{{/items}}\n</ul>\n"), named: "main")
        library.register(try PageTemplate("{{#items}}\n<li>{{name}}</li>\n{{/items}}\n"), named: "list")
        return library
    }

    private static func items(_ count: Int) -> PageValue {
        .object(Bag(["items": .list((0 ..< count).map { .object(Bag(["name": .text("item \($0)")])) })]))
    }
}
