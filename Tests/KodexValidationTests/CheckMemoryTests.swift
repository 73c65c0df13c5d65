import Foundation
import KodexModel
import KodexValidation
import Testing
import TestSupport

/// The memory `kodex serve` and `kodex check --watch` keep between checks: only the
/// situations that changed are checked again, and the report is the one a fresh check gives.
@Suite struct CheckMemoryTests {
    /// A copy of the sample codex, whose files a test edits.
    private func sampleCopy() throws -> TemporaryFolder {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("codex").path
        let folder = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: sample, toPath: folder.path)
        return folder
    }

    private func replace(_ old: String, with new: String, in file: String, of folder: TemporaryFolder) throws {
        let path = folder.path + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "the sample still has `\(old)`")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: path))
    }

    private func messages(_ report: ValidationReport) -> [String] { report.diagnostics.map { "\($0.rule) \($0.message)" } }

    @Test func situationsLeftAloneAreTakenFromTheMemoryAndTheEditedOneIsCheckedAgain() throws {
        let folder = try sampleCopy()
        let memory = CheckMemory()
        let first = try CodexLoader().load(directory: folder.path)
        _ = Validator().validate(first, memory: memory)
        #expect(memory.situationsReused == 0, "the first check has nothing to take")
        // A banned phrase put into a phrase to say: a finding the edited situation gains.
        try replace("say: [\"Láttam, hogy idén", with: "say: [\"Hívása fontos számunkra. Láttam, hogy idén",
                    in: "helyzetek/akvizicio.yaml", of: folder)
        let edited = try CodexLoader().load(directory: folder.path)
        let report = Validator().validate(edited, memory: memory)
        #expect(memory.situationsReused == edited.codex.situations.count - 1)
        #expect(messages(report).contains { $0.hasPrefix("banned-phrase") })
        #expect(messages(report) == messages(Validator().validate(edited)))
    }

    @Test func aBannedPhraseAddedToTheSharedFileIsFoundInSituationsLeftAlone() throws {
        let folder = try sampleCopy()
        let memory = CheckMemory()
        _ = Validator().validate(try CodexLoader().load(directory: folder.path), memory: memory)
        // Nothing in the situation's file changes; what it is checked against does.
        try replace("banned_phrases:\n", with: "banned_phrases:\n  - phrase: új raktárat nyitottak\n    instead: bővültek\n",
                    in: "tiltott-kifejezesek.yaml", of: folder)
        let edited = try CodexLoader().load(directory: folder.path)
        let report = Validator().validate(edited, memory: memory)
        #expect(memory.situationsReused == 0, "a change to what the codex shares checks every situation again")
        #expect(messages(report).contains { $0.contains("új raktárat nyitottak") })
        #expect(messages(report) == messages(Validator().validate(edited)))
    }

    @Test func twoSituationsOfOneIDAreNeverTakenFromTheMemory() throws {
        let folder = try sampleCopy()
        let memory = CheckMemory()
        _ = Validator().validate(try CodexLoader().load(directory: folder.path), memory: memory)
        try FileManager.default.copyItem(atPath: folder.path + "/helyzetek/akvizicio.yaml",
                                         toPath: folder.path + "/helyzetek/akvizicio-masolat.yaml")
        let edited = try CodexLoader().load(directory: folder.path)
        let report = Validator().validate(edited, memory: memory)
        #expect(memory.situationsReused == 0)
        #expect(messages(report) == messages(Validator().validate(edited)))
    }
}
