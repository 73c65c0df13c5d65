import Foundation
import Testing
import TestSupport

/// `kodex quiz generate` and `kodex quiz export` end to end.
@Suite struct QuizCommandTests {
    /// A copy of the sample codex in a folder of its own, removed with the folder.
    private func sampleCopy() throws -> (folder: TemporaryFolder, codex: String) {
        let folder = try TemporaryFolder()
        let codex = folder.path + "/kodex"
        try FileManager.default.copyItem(atPath: ExportCommandTests.sample, toPath: codex)
        return (folder, codex)
    }

    @Test func generateWritesTheBankIntoTheCodexAndSaysSoInItsLanguage() throws {
        let copy = try sampleCopy(), codex = copy.codex
        let result = try kodex("quiz", "generate", codex)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("`\(codex)/kerdesek.yaml`: 263 új kérdés, 0 meglévő változatlanul megtartva\n"), "\(result.stdout)")
        let check = try kodex("check", codex)
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func generatingTwiceAddsNothingAndLeavesTheFileAsItWas() throws {
        let copy = try sampleCopy(), codex = copy.codex
        _ = try kodex("quiz", "generate", codex)
        let first = try Data(contentsOf: URL(fileURLWithPath: codex + "/kerdesek.yaml"))
        let again = try kodex("quiz", "generate", codex)
        #expect(again.status == 0)
        #expect(again.stdout == "`\(codex)/kerdesek.yaml`: 0 új kérdés, 263 meglévő változatlanul megtartva\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: codex + "/kerdesek.yaml")) == first)
    }

    @Test func exportRefusesABankWithoutReviewedQuestionsAndTakesDraftsWhenAsked() throws {
        let copy = try sampleCopy(), folder = copy.folder, codex = copy.codex
        _ = try kodex("quiz", "generate", codex)
        let out = folder.path + "/quiz.xml"
        let refused = try kodex("quiz", "export", codex, "--format", "moodle-xml", "--out", out)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("hiba: a bankban nincs `status: ready` kérdés, csak 263 vázlat"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let drafts = try kodex("quiz", "export", codex, "--format", "moodle-xml", "--out", out, "--drafts")
        #expect(drafts.status == 0, "\(drafts.stderr)")
        #expect(drafts.stdout == "`\(out)`: 263 kérdés (moodle-xml)\n")
    }

    @Test func exportLeavesOutDraftsAndDroppedQuestionsAndSaysHowMany() throws {
        let copy = try sampleCopy(), folder = copy.folder, codex = copy.codex
        _ = try kodex("quiz", "generate", codex)
        let bank = codex + "/kerdesek.yaml"
        var text = try String(contentsOfFile: bank, encoding: .utf8)
        // Two reviewed, one dropped, the rest still drafts.
        for (index, id) in ["banned-instead.kevesen-vagyunk", "banned-instead.majd-jelentkezunk", "banned-instead.ezt-mindenki-tudja"].enumerated() {
            let status = index == 2 ? "dropped" : "ready"
            text = text.replacingOccurrences(of: "  - id: \"\(id)\"\n    kind: banned-instead\n    status: draft",
                                             with: "  - id: \"\(id)\"\n    kind: banned-instead\n    status: \(status)")
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: bank))
        let out = folder.path + "/quiz.txt"
        let result = try kodex("quiz", "export", codex, "--format", "anki", "--out", out)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "`\(out)`: 2 kérdés (anki), 260 vázlat kihagyva (--drafts)\n")
    }

    @Test func aCodexWithErrorsIsRefusedAndNoBankWritten() throws {
        let copy = try sampleCopy(), codex = copy.codex
        let situation = codex + "/helyzetek/panaszos-ugyfel.yaml"
        let text = try String(contentsOfFile: situation, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "to: orvoslas", with: "to: nincs-ilyen").utf8).write(to: URL(fileURLWithPath: situation))
        let result = try kodex("quiz", "generate", codex)
        #expect(result.status == 1)
        #expect(result.stdout.contains("nincs-ilyen"))
        #expect(!FileManager.default.fileExists(atPath: codex + "/kerdesek.yaml"))
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let result = try kodex("quiz", "export", ExportCommandTests.sample, "--format", "scorm")
        #expect(result.status == 2)
    }
}
