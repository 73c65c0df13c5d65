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
        let error = #expect(throws: PublishError.self) { try OutputWriter(directory: folder.path).write(files) }
        #expect(error?.reason == .outputFolderRefused)
        #expect(read(folder.path + "/notes.txt") == "mine")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/html"))
    }

    /// A file added by hand is refused and kept, even one named like a file Kodex stages,
    /// when it stages none of Kodex's files.
    @Test(arguments: ["html/extra.html", "html/.notes.txt.kodex-tmp"])
    func refusesAFileAddedToAnEarlierBuild(_ path: String) throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files)
        try folder.write("out/" + path, "added by hand")
        do {
            _ = try writer.write(files)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message.contains("`\(path)`"))
        }
        #expect(read(folder.path + "/out/" + path) == "added by hand")
    }

    @Test func subfolderReplacedByALinkIsRefusedAndItsTargetUntouched() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files)
        try folder.write("elsewhere/index.md", "not Kodex's")
        try FileManager.default.removeItem(atPath: folder.path + "/out/md")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/out/md", withDestinationPath: folder.path + "/elsewhere")
        do {
            _ = try writer.write([files[0], OutputFile(path: "md/index.md", text: "changed")])
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message.contains("symbolic links (`md`)"), "\(error.message)")
        }
        #expect(read(folder.path + "/elsewhere/index.md") == "not Kodex's")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/elsewhere") == ["index.md"])
    }

    @Test func linkToAFileIsRefusedToo() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files)
        try folder.write("secret.txt", "keep")
        try FileManager.default.removeItem(atPath: folder.path + "/out/html/index.html")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/out/html/index.html",
                                                   withDestinationPath: folder.path + "/secret.txt")
        #expect(throws: PublishError.self) { try writer.write(files) }
        #expect(read(folder.path + "/secret.txt") == "keep")
    }

    @Test func secondBuildIntoAFolderBeingWrittenIsRefused() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        let first = try writer.begin()
        try first.stage(files[0])
        do {
            _ = try writer.write(files)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message.contains("another kodex build is writing"), "\(error.message)")
        }
        #expect(try first.commit() == WriteSummary(written: 1, unchanged: 0, removed: 0))
        #expect(try writer.write(files).written == 1, "the folder is free again once the first build is done")
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

    @Test func filesStagedByAnInterruptedBuildAreRemovedByTheNext() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files)
        // What a build killed while staging leaves: a staged copy of one of its files,
        // and of a file only the new build produces.
        try folder.write("out/html/.index.html.kodex-tmp", "half")
        try folder.write("out/html/.new.html.kodex-tmp", "half")
        let summary = try writer.write(files + [OutputFile(path: "html/new.html", text: "three")])
        #expect(summary == WriteSummary(written: 1, unchanged: 2, removed: 0))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/html/.index.html.kodex-tmp"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/html/.new.html.kodex-tmp"))
    }

    @Test func folderCheckBeforeABuildLeavesStagedLookingFilesForTheWriteToJudge() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files)
        try folder.write("out/html/.new.html.kodex-tmp", "half")
        try writer.checkFolder()
        #expect(read(folder.path + "/out/html/.new.html.kodex-tmp") == "half")
        try folder.write("out/html/extra.html", "added by hand")
        #expect(throws: PublishError.self) { try writer.checkFolder() }
    }

    @Test func eachTopFolderIsReplacedWholeWhileUnchangedFilesKeepTheirIdentity() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files + [OutputFile(path: "md/other.md", text: "three")])
        func inode(_ path: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: folder.path + "/out/" + path)[.systemFileNumber] as? Int
        }
        let (mdBefore, fileBefore) = (try inode("md"), try inode("md/index.md"))
        let summary = try writer.write(files + [OutputFile(path: "md/other.md", text: "changed")])
        #expect(summary == WriteSummary(written: 1, unchanged: 2, removed: 0))
        #expect(try inode("md") != mdBefore, "the folder was replaced as a whole")
        #expect(try inode("md/index.md") == fileBefore, "an unchanged file is linked, not rewritten")
        #expect(read(folder.path + "/out/md/other.md") == "changed")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/" + OutputWriter.stageName))
    }

    @Test func stagingLeftByAKilledBuildIsClearedByTheNext() throws {
        let folder = try TemporaryFolder()
        let writer = OutputWriter(directory: folder.path + "/out")
        _ = try writer.write(files)
        try folder.write("out/\(OutputWriter.stageName)/html/index.html", "half of a killed build")
        #expect(try writer.write(files) == WriteSummary(written: 0, unchanged: 2, removed: 0))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/" + OutputWriter.stageName))
        #expect(read(folder.path + "/out/html/index.html") == "one")
    }

    @Test func abandonedBuildTakesAwayItsStagedFilesAndTheFoldersItMade() throws {
        let folder = try TemporaryFolder()
        let staging = try OutputWriter(directory: folder.path + "/out/site").begin()
        try staging.stage(OutputFile(path: "html/situations/one.html", text: "one"))
        staging.abandon()
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
        #expect(FileManager.default.fileExists(atPath: folder.path))
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
        // A file and a folder of the same name cannot both be staged: the build fails
        // part-way through staging.
        #expect(throws: PublishError.self) {
            try writer.write([OutputFile(path: "html/index.html", text: "new one"), OutputFile(path: "md/index.md", text: "new two"),
                              OutputFile(path: "md/index.md/inside.md", text: "clash")])
        }
        #expect(read(folder.path + "/out/html/index.html") == "one")
        #expect(read(folder.path + "/out/md/index.md") == "two")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/" + OutputWriter.stageName))
        #expect(try writer.write(files).unchanged == 2, "the next build finds the folder as the last good build left it")
    }
}
