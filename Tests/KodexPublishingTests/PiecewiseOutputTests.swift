import Foundation
import KodexPageTemplates
@testable import KodexPublishing
import Testing
import TestSupport

/// A file made piece by piece (the search index) is written without being held whole,
/// and compared with the earlier build's file the same way.
@Suite struct PiecewiseOutputTests {
    /// A file of `count` pieces of 1,000 bytes, the last one `last`.
    private func file(_ count: Int, last: UInt8 = 0x61) -> OutputFile {
        OutputFile(path: "html/assets/index.js") { emit throws(PublishError) in
            for index in 0..<count {
                let piece = [UInt8](repeating: index == count - 1 ? last : 0x61, count: 1_000)
                try piece.withUnsafeBytes { raw in Result { () throws(PublishError) in try emit(raw) } }.get()
            }
        }
    }

    private func inode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
    }

    @Test func piecesAreWrittenInOrderAsOneFile() throws {
        let folder = try TemporaryFolder()
        let summary = try OutputWriter(directory: folder.path + "/out").write([file(3, last: 0x62)])
        #expect(summary == WriteSummary(written: 1, unchanged: 0, removed: 0))
        let written = try #require(FileManager.default.contents(atPath: folder.path + "/out/html/assets/index.js"))
        #expect(Array(written) == file(3, last: 0x62).bytes)
        #expect(written.count == 3_000 && written.last == 0x62)
    }

    @Test func samePiecesAsTheEarlierBuildKeepTheEarlierFile() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write([file(3)])
        let before = try inode(folder.path + "/out/html/assets/index.js")
        #expect(try writer.write([file(3)]) == WriteSummary(written: 0, unchanged: 1, removed: 0))
        #expect(try inode(folder.path + "/out/html/assets/index.js") == before)
    }

    @Test(arguments: [(3, UInt8(0x62)), (2, UInt8(0x61)), (4, UInt8(0x61))])
    func piecesThatDifferOrEndElsewhereAreWrittenAnew(count: Int, last: UInt8) throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write([file(3)])
        #expect(try writer.write([file(count, last: last)]) == WriteSummary(written: 1, unchanged: 0, removed: 0))
        let written = try #require(FileManager.default.contents(atPath: folder.path + "/out/html/assets/index.js"))
        #expect(Array(written) == file(count, last: last).bytes)
    }

    @Test func filesMadeInPiecesAreEqualByTheirBytes() {
        #expect(file(3) == OutputFile(path: "html/assets/index.js", bytes: [UInt8](repeating: 0x61, count: 3_000)))
        #expect(file(3) != file(3, last: 0x62))
    }

    /// A page of `count` rows of twenty bytes each.
    private struct Rows: PageObject {
        let count: Int
        func value(named name: String) -> PageValue? {
            name == "rows" ? .list((0 ..< count).map { .text(String(repeating: "x", count: 19) + "\($0 % 10)") }) : nil
        }
        static var fields: [String: PageShape] { [:] }
    }

    @Test func aPageRenderedAsItIsWrittenStopsAtAFailedWriteAndSaysWhy() throws {
        var library = PageTemplateLibrary()
        library.register(try PageTemplate("{{#rows}}{{.}}\n{{/rows}}"), named: "page")
        let file = try PageTemplateSet.file("html/page.html", library, "page", Rows(count: 20_000))
        var pieces = 0
        let outcome = Result { () throws(PublishError) in
            try file.forEachPiece { _ throws(PublishError) in
                pieces += 1
                if pieces == 2 { throw PublishError(.cannotWrite, "a lemez megtelt") }
            }
        }
        #expect(pieces == 2, "a page of 420,000 bytes is six or seven pieces; none is rendered after the failure")
        guard case .failure(let error) = outcome else {
            Issue.record("the failed write was not reported")
            return
        }
        #expect(error.message == "a lemez megtelt")
        #expect(file.bytes.count == 20_000 * 21)
    }

    @Test func aPageOfATemplateThatDoesNotExistIsRefusedBeforeWriting() throws {
        let outcome = Result { () throws(PublishError) in
            try PageTemplateSet.file("html/page.html", PageTemplateLibrary(), "page", Rows(count: 1))
        }
        guard case .failure(let error) = outcome else {
            Issue.record("a missing template was taken")
            return
        }
        #expect(error.message.contains("page"))
    }
}
