import Foundation
import KodexPublishing
import Testing
import TestSupport

@Suite struct OutputWriterTests {
    private let files = [OutputFile(path: "html/index.html", text: "one"), OutputFile(path: "md/index.md", text: "two")]

    private func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func writesFilesAndALedgerIntoANewFolder() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out"
        let summary = try OutputWriter(directory: out).write(files)
        #expect(summary == WriteSummary(written: 2, unchanged: 0, removed: 0))
        #expect(read(out + "/html/index.html") == "one")
        #expect(read(out + "/" + OutputWriter.ledgerName) == "html/index.html\nmd/index.md\n")
    }

    @Test func leavesUnchangedFilesUntouched() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files)
        let before = try FileManager.default.attributesOfItem(atPath: folder.path + "/out/md/index.md")[.systemFileNumber] as? Int
        let summary = try writer.write([files[0], OutputFile(path: "md/index.md", text: "two")])
        let after = try FileManager.default.attributesOfItem(atPath: folder.path + "/out/md/index.md")[.systemFileNumber] as? Int
        #expect(summary == WriteSummary(written: 0, unchanged: 2, removed: 0))
        #expect(before == after)
    }

    @Test func refusesAFolderWithFilesKodexDidNotWriteAndKeepsThem() throws {
        let folder = try TemporaryFolder()
        try folder.write("notes.txt", "mine")
        #expect(throws: PublishError.self) { try OutputWriter(directory: folder.path).write(files) }
        #expect(read(folder.path + "/notes.txt") == "mine")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/html"))
    }

    @Test func refusesAFileAddedToAnEarlierBuild() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files)
        try folder.write("out/html/extra.html", "added by hand")
        do {
            _ = try writer.write(files)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message.contains("`html/extra.html`"))
        }
        #expect(read(folder.path + "/out/html/extra.html") == "added by hand")
    }

    @Test func removesOnlyItsOwnFilesThatABuildNoLongerProduces() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files)
        let summary = try writer.write([files[0]])
        #expect(summary.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/md/index.md"))
        #expect(read(folder.path + "/out/" + OutputWriter.ledgerName) == "html/index.html\n")
    }

    @Test func refusesAFileAsOutputFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("file", "x")
        #expect(throws: PublishError.self) { try OutputWriter(directory: folder.path + "/file").write(files) }
        #expect(read(folder.path + "/file") == "x")
    }

    @Test func failedWriteLeavesEarlierOutputWhole() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files)
        // A folder where a new file must go makes staging fail part-way.
        try FileManager.default.createDirectory(atPath: folder.path + "/out/md/.index.md.kodex-tmp",
                                                withIntermediateDirectories: true)
        try folder.write("out/md/.index.md.kodex-tmp/keep", "x")
        try? FileManager.default.removeItem(atPath: folder.path + "/out/" + OutputWriter.ledgerName)
        try Data("html/index.html\nmd/index.md\nmd/.index.md.kodex-tmp/keep\n".utf8)
            .write(to: URL(fileURLWithPath: folder.path + "/out/" + OutputWriter.ledgerName))
        #expect(throws: PublishError.self) {
            try writer.write([OutputFile(path: "html/index.html", text: "new one"), OutputFile(path: "md/index.md", text: "new two")])
        }
        #expect(read(folder.path + "/out/html/index.html") == "one")
        #expect(read(folder.path + "/out/md/index.md") == "two")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/html/.index.html.kodex-tmp"))
    }
}
