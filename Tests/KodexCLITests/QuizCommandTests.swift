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

    @Test func aBankNoIncludePatternCoversIsNamedAndNotFilledTwice() throws {
        let folder = try TemporaryFolder()
        let codex = folder.path + "/english"
        try FileManager.default.copyItem(atPath: CLITests.fixtures.path + "/english", toPath: codex)
        let first = try kodex("quiz", "generate", codex)
        #expect(first.status == 0)
        #expect(first.stdout.contains("warning: no `include` pattern of `codex.yaml` covers this file"), "\(first.stdout)")
        let bank = try String(contentsOfFile: codex + "/questions.yaml", encoding: .utf8)
        let again = try kodex("quiz", "generate", codex)
        #expect(again.stdout.hasPrefix("`\(codex)/questions.yaml`: 0 new questions"), "\(again.stdout)")
        #expect(try String(contentsOfFile: codex + "/questions.yaml", encoding: .utf8) == bank)
    }

    /// The sample with its bank generated and every question ready, and `qualification`
    /// added to its manifest.
    private func sampleWithExam(qualification: String) throws -> (folder: TemporaryFolder, codex: String) {
        let copy = try sampleCopy()
        _ = try kodex("quiz", "generate", copy.codex)
        let bank = copy.codex + "/kerdesek.yaml"
        let text = try String(contentsOfFile: bank, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "status: draft", with: "status: ready").utf8).write(to: URL(fileURLWithPath: bank))
        let manifest = try String(contentsOfFile: copy.codex + "/codex.yaml", encoding: .utf8)
        try Data((manifest + qualification).utf8).write(to: URL(fileURLWithPath: copy.codex + "/codex.yaml"))
        return copy
    }

    private func plainExam(_ codex: String, state: String, agent: String, input: String) throws -> RunResult {
        try runProcess(kodexBinary, ["quiz", "take", "panaszos-ugyfel", "--codex", codex, "--agent", agent, "--plain"], input: input,
                       environment: ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": state + "/cache"])
    }

    @Test func aPlainExamRecordsOnlyWhatIsAValidAnswer() throws {
        let copy = try sampleWithExam(qualification: "")
        let state = copy.folder.path + "/state"
        let result = try plainExam(copy.codex, state: state, agent: "Kiss Anna", input: "9\nabc\n\n1 2\n2\n")
        #expect(result.status == 0)
        #expect(result.stdout.components(separatedBy: "Egy számot írjon 1 és 4 között.").count - 1 == 4, "\(result.stdout)")
        #expect(result.stdout.contains("A vizsga megállt 1/"))
        let folder = state + "/kodex/exams"
        let journal = try String(contentsOfFile: folder + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)),
                                 encoding: .utf8)
        #expect(journal.components(separatedBy: "\"type\":\"answer\"").count - 1 == 1)
    }

    @Test func theExamFindsTheSituationByWordsOfItsTitleAndNamesAMiss() throws {
        let copy = try sampleWithExam(qualification: "")
        let state = copy.folder.path + "/state"
        let environment = ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": state + "/cache"]
        let found = try runProcess(kodexBinary, ["quiz", "take", "panaszos", "--codex", copy.codex, "--plain"], input: "", environment: environment)
        #expect(found.stdout.hasPrefix("Vizsga: Panaszos ügyfél – "), "\(found.stdout.prefix(200))")
        let missed = try runProcess(kodexBinary, ["quiz", "take", "nincs ilyen", "--codex", copy.codex, "--plain"], input: "", environment: environment)
        #expect(missed.status == 2)
        #expect(missed.stderr == "hiba: egyetlen helyzet sem illik erre: „nincs ilyen” (azonosító vagy a cím szavai)\n")
    }

    @Test func runWarnsAboutAnAgentWithoutAPassAndStillRuns() throws {
        let copy = try sampleWithExam(qualification: "qualification:\n  situations:\n    panaszos-ugyfel: 70\n")
        let result = try runProcess(kodexBinary, ["run", "panaszos-ugyfel", "--codex", copy.codex, "--plain", "--agent", "Kiss Anna",
                                                  "--log-dir", copy.folder.path + "/log"], input: "q\n",
                                    environment: ["XDG_STATE_HOME": copy.folder.path + "/state", "XDG_CACHE_HOME": copy.folder.path + "/cache"])
        #expect(result.stderr.contains("figyelem: Kiss Anna még nem tett sikeres vizsgát ebből a helyzetből: „Panaszos ügyfél” (követelmény 70%)"),
                "\(result.stderr)")
        #expect(result.stdout.contains("Panaszos ügyfél /"))
    }

    @Test func runRefusesAnAgentWithoutAPassWhenTheCodexSaysSoAndAdmitsOneWithIt() throws {
        let copy = try sampleWithExam(qualification: "qualification:\n  enforce: refuse\n  situations:\n    panaszos-ugyfel: 0\n")
        let state = copy.folder.path + "/state"
        let arguments = ["run", "panaszos-ugyfel", "--codex", copy.codex, "--plain", "--agent", "Kiss Anna", "--log-dir", copy.folder.path + "/log"]
        let refused = try runProcess(kodexBinary, arguments, input: "q\n", environment: ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": state + "/cache"])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("hiba: Kiss Anna még nem tett sikeres vizsgát"), "\(refused.stderr)")
        // A pass mark of 0 passes any finished exam: finish one, and the run is admitted.
        let exam = try plainExam(copy.codex, state: state, agent: "Kiss Anna", input: String(repeating: "1\n", count: 200) + String(repeating: "1 2 3 4 5 6 7\n", count: 5))
        #expect(exam.stdout.contains("MEGFELELT"), "\(exam.stdout.suffix(300))")
        let admitted = try runProcess(kodexBinary, arguments, input: "q\n", environment: ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": state + "/cache"])
        #expect(!admitted.stderr.contains("vizsgát"), "\(admitted.stderr)")
        let status = try runProcess(kodexBinary, ["status", copy.codex], environment: ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": state + "/cache"])
        #expect(status.stdout.contains("qualified"))
        let row = try #require(status.stdout.split(separator: "\n").first { $0.hasPrefix("panaszos-ugyfel") })
        #expect(row.hasSuffix(" 1"), "\(row)")
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let result = try kodex("quiz", "export", ExportCommandTests.sample, "--format", "scorm")
        #expect(result.status == 2)
    }
}
