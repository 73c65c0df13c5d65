import Foundation
import KodexSupport
import Testing
import TestSupport

/// Paths of one character, on which Foundation's `deletingLastPathComponent` crashes on
/// Linux: `kodex build --out o` once died with an illegal instruction.
@Suite struct OneLetterPathTests {
    @Test(arguments: [("o", ""), ("a/b", "a"), ("/a", "/"), ("/", "/"), ("a/", ""), ("x/y/", "x"), ("x//y", "x"), ("", "")])
    func parentFolderAgreesWithFoundationWithoutCrashing(_ path: String, _ parent: String) {
        #expect(parentFolder(of: path) == parent)
    }

    @Test func buildAndExportIntoAOneLetterFolder() throws {
        let folder = try TemporaryFolder()
        let build = try runProcess(kodexBinary, ["build", CLITests.repository.path + "/codex", "--out", "o", "--format", "md"],
                                   directory: URL(fileURLWithPath: folder.path))
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/o/md/index.md"))
        let export = try runProcess(kodexBinary, ["export", "bpmn", CLITests.repository.path + "/codex", "--out", "e"],
                                    directory: URL(fileURLWithPath: folder.path))
        #expect(export.status == 0, "\(export.stderr)")
    }
}
