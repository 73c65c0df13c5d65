import Foundation
import Testing
import TestSupport

/// `kodex export` end to end: what it prints, where it writes, and how it refuses.
@Suite struct ExportCommandTests {
    static let sample = CLITests.repository.path + "/codex"

    @Test func exportWritesIntoTheFolderGivenAndSaysWhatInTheCodexLanguage() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("export", "zendesk", Self.sample, "--out", folder.path + "/z")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "`\(folder.path)/z`: 6 makró, 1 SLA-szabályzat, 2 eseményindító (10 fájl kiírva, 0 változatlan, 0 törölve)\n")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/z/macros/panasz-lezaras.json"))
    }

    @Test func exportWithoutOutWritesToExportSlashTarget() throws {
        let folder = try TemporaryFolder()
        let result = try runProcess(kodexBinary, ["export", "bpmn", Self.sample, "--situation", "panaszos-ugyfel"],
                                    directory: URL(fileURLWithPath: folder.path))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/export/bpmn").filter { !$0.hasPrefix(".") }.sorted()
                == ["kodex-export.json", "panaszos-ugyfel.bpmn"])
    }

    @Test func secondExportListsWhatChangedSinceTheFirst() throws {
        let folder = try TemporaryFolder()
        _ = try kodex("export", "freshdesk", Self.sample, "--out", folder.path + "/f")
        let again = try kodex("export", "freshdesk", Self.sample, "--out", folder.path + "/f")
        #expect(again.status == 0)
        #expect(again.stdout.hasSuffix("az előző export óta semmi sem változott: a helpdesken nincs teendő\n"), "\(again.stdout)")
    }

    @Test func codexWithErrorsPrintsTheFindingsAndWritesNothing() throws {
        let codex = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: codex.path)
        try FileManager.default.copyItem(atPath: Self.sample, toPath: codex.path)
        let manifest = codex.path + "/codex.yaml"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "      megoldas: \"[a megoldás egy mondatban]\"\n      csoportvezeto: \"{{current_user.name}}\"",
                                           with: "      csoportvezeto: \"{{current_user.name}}\"").utf8)
            .write(to: URL(fileURLWithPath: manifest))
        let result = try kodex("export", "zendesk", codex.path, "--out", codex.path + "-out", "--color", "never")
        #expect(result.status == 1)
        #expect(result.stdout.contains("error[K310]: template `lezaras` uses `{megoldas}`, which has no Zendesk mapping"), "\(result.stdout)")
        #expect(result.stderr == "hiba: a kódexben hibák vannak; semmi sem íródott ki\n")
        #expect(!FileManager.default.fileExists(atPath: codex.path + "-out"))
    }

    @Test func situationOptionBelongsToTheBPMNExportOnly() throws {
        let result = try kodex("export", "zendesk", Self.sample, "--situation", "panaszos-ugyfel")
        #expect(result.status == 2)
        #expect(result.stderr.contains("--situation applies to the bpmn export only"), "\(result.stderr)")
    }

    @Test func unknownTargetListsTheTargets() throws {
        let result = try kodex("export", "jira", Self.sample)
        #expect(result.status == 2)
        #expect(result.stderr.contains("zendesk"), "\(result.stderr)")
    }

    @Test func outputFolderOfSomeoneElseIsRefusedInHungarian() throws {
        let folder = try TemporaryFolder()
        try folder.write("sajat.txt", "az enyém")
        let result = try kodex("export", "helpscout", Self.sample, "--out", folder.path)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("hiba: `\(folder.path)` olyan fájlokat tartalmaz, amelyeket nem a Kodex írt (`sajat.txt`)"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sajat.txt"])
    }
}
