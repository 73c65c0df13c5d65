import Foundation
import Testing
import TestSupport

/// `kodex diff` as a trainer runs it: exit codes, formats and a clear error.
@Suite struct DiffCommandTests {
    private static var sample: String { CLITests.repository.path + "/codex" }

    /// A copy of the sample codex with its version raised.
    private func raisedCopy() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Self.sample, toPath: folder.path + "/kodex")
        let manifest = folder.path + "/kodex/codex.yaml"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "version: \"2.0\"", with: "version: \"2.1\"").utf8).write(to: URL(fileURLWithPath: manifest))
        return folder
    }

    @Test func exitCodeIsOneWhenThereAreChanges() throws {
        let copy = try raisedCopy()
        let result = try kodex("diff", Self.sample, copy.path + "/kodex", "--exit-code", "--color", "never")
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("1 változás: 1 módosult.\n"))
    }

    @Test func exitCodeIsZeroWithoutChangesAndWithoutTheFlag() throws {
        let copy = try raisedCopy()
        #expect(try kodex("diff", Self.sample, Self.sample, "--exit-code").status == 0)
        #expect(try kodex("diff", Self.sample, copy.path + "/kodex").status == 0)
    }

    @Test func jsonOutputIsOneDocument() throws {
        let copy = try raisedCopy()
        let result = try kodex("diff", Self.sample, copy.path + "/kodex", "--format", "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let changes = try #require(json["changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["kind"] as? String == "manifest")
    }

    @Test func anUnknownRevisionIsAnErrorInTheCodexsLanguage() throws {
        let result = try kodex("diff", "nincs-ilyen-revizio", "--codex", Self.sample)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("hiba: a régi oldal (nincs-ilyen-revizio) nem mappa, és a git sem ismer ilyen revíziót"))
    }

    @Test func noColorTurnsColourOff() throws {
        let copy = try raisedCopy()
        let result = try kodex("diff", Self.sample, copy.path + "/kodex", "--color", "always")
        #expect(result.stdout.contains("\u{1B}["))
        let plain = try kodex("diff", Self.sample, copy.path + "/kodex", environment: ["NO_COLOR": "1"])
        #expect(!plain.stdout.contains("\u{1B}["))
    }
}

/// `kodex build --since` as a trainer runs it.
@Suite struct BuildSinceTests {
    @Test func anUnknownRevisionStopsTheBuildBeforeAnythingIsWritten() throws {
        let out = try TemporaryFolder()
        let result = try kodex("build", CLITests.repository.path + "/codex", "--out", out.path + "/kezikonyv", "--since", "nincs-ilyen")
        #expect(result.status == 2)
        #expect(result.stderr.contains("hiba: a régi oldal (nincs-ilyen) nem mappa, és a git sem ismer ilyen revíziót"))
        #expect(!FileManager.default.fileExists(atPath: out.path + "/kezikonyv"))
    }

    @Test func aFolderAsTheEarlierVersionAddsTheWhatsNewPage() throws {
        let out = try TemporaryFolder()
        let sample = CLITests.repository.path + "/codex"
        let result = try kodex("build", sample, "--out", out.path + "/kezikonyv", "--since", sample)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOfFile: out.path + "/kezikonyv/md/whats-new.md", encoding: .utf8)
        #expect(page.contains("Nincs változás."))
    }
}
