import Foundation
import KodexSupport
import Testing
import TestSupport

/// `kodex run`, `kodex sessions` and `kodex checklist` end to end.
@Suite struct RunCommandTests {
    @Test func plainModeWalksAProcessToItsEndAndPrintsTheSummary() throws {
        let folder = try TemporaryFolder()
        let input = "1\n2\na calm caller\nn\n1\nb2\n1\nn\n1\nn\n"
        let result = try kodexWithInput(input, "run", "complaint", "--codex", "english", "--log-dir", folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout.replacingOccurrences(of: try sessionID(in: folder.path), with: "SESSION")
        expectGolden(Self.withoutTimes(output), "run-plain-english.txt")
    }

    @Test func endOfInputPausesAndResumeContinues() throws {
        let folder = try TemporaryFolder()
        let first = try kodexWithInput("1\n", "run", "complaint", "--codex", "english", "--log-dir", folder.path)
        #expect(first.stdout.contains("Session paused; continue with: kodex run --resume"))
        let second = try kodexWithInput("l\n", "run", "--resume", "--codex", "english", "--log-dir", folder.path)
        #expect(second.status == 0)
        #expect(second.stdout.contains("\n1. done: Let the customer finish"))
    }

    @Test func pickerFiltersIgnoringCaseAndAccents() throws {
        let folder = try TemporaryFolder()
        let result = try kodexWithInput("COMPLAIN\nq\n", "run", "--codex", "english", "--log-dir", folder.path)
        #expect(result.stdout.contains("Complaining customer / Handling a complaint / Step 1/5"))
        let hungarian = try kodexWithInput("panaszos UGYFEL\nq\n", "run", "--codex", CLITests.repository.path + "/codex",
                                           "--log-dir", folder.path)
        #expect(hungarian.stdout.contains("Panaszos ügyfél / A panasz kezelése a lezárásig / Lépés 1/7"))
    }

    @Test func leavingWithOpenRequiredItemsAsksAndRecordsTheAnswer() throws {
        let folder = try TemporaryFolder()
        let result = try kodexWithInput("n\ny\nq\n", "run", "complaint", "--codex", "english", "--log-dir", folder.path)
        #expect(result.stdout.contains("Required items are open: 1, 2. Leave anyway? (y/n)"))
        let journal = try String(contentsOfFile: folder.path + "/" + (try sessionID(in: folder.path)) + ".jsonl", encoding: .utf8)
        let leaveOpen = try #require(journal.split(separator: "\n").first { $0.contains("\"type\":\"leave-open\"") })
        #expect(leaveOpen.contains("\"step\":\"listen\""))
        #expect(leaveOpen.split(separator: "\",\"").count >= 3, "two item keys: \(leaveOpen)")
    }

    @Test func codexWithErrorsIsRefused() throws {
        let folder = try TemporaryFolder()
        let result = try kodexWithInput("", "run", "enquiry", "--codex", "broken", "--log-dir", folder.path, "--color", "never")
        #expect(result.status == 1)
        #expect(result.stderr == "error: the codex has errors; fix them before running it\n")
    }

    @Test func killedSessionLosesNothingShownAsRecorded() throws {
        let folder = try TemporaryFolder()
        let child = try startProcess(kodexBinary, ["run", "complaint", "--codex", "english", "--log-dir", folder.path],
                                     directory: CLITests.fixtures)
        try child.write("1\na noted fact\n")
        let seen = child.readOutput(timeout: 60) { $0.contains("Recorded: note") }
        #expect(seen.contains("Recorded: 1. done: Let the customer finish"))
        #expect(seen.contains("Recorded: note"))
        child.send(SIGKILL)
        #expect(try child.finish(timeout: 60).signal == SIGKILL)

        let resumed = try kodexWithInput("l\n", "run", "--resume", "--codex", "english", "--log-dir", folder.path)
        #expect(resumed.stdout.contains("\n1. done: Let the customer finish"))
        let sessions = try kodex("sessions", "--log-dir", folder.path, "--format", "jsonl")
        #expect(sessions.stdout.contains("\"items_checked\":1"))
        #expect(sessions.stdout.contains("\"notes\":1"))
    }

    @Test func sessionsExportAsCSV() throws {
        let folder = try TemporaryFolder()
        _ = try kodexWithInput("1\nq\n", "run", "complaint", "--codex", "english", "--log-dir", folder.path)
        let csv = try kodex("sessions", "--log-dir", folder.path, "--format", "csv").stdout.split(separator: "\n")
        #expect(csv.first == "id,situation,process,started,duration_s,status,agent,ref,codex_version,outcome,steps_visited,items_checked,skips,notes,damaged_lines")
        #expect(csv.count == 2)
        #expect(csv[1].contains(",complaint,complaint-handling,"))
        #expect(csv[1].contains(",paused,test-agent,,1.0,,1,1,0,0,0"))
    }

    @Test func paperChecklistInEachFormat() throws {
        expectGolden(try kodex("checklist", "complaint", "--codex", "english", "--format", "txt").stdout, "checklist-complaint.txt")
        expectGolden(try kodex("checklist", "complaint", "--codex", "english", "--format", "md").stdout, "checklist-complaint.md")
        expectGolden(try kodex("checklist", "complaint", "--codex", "english", "--format", "html").stdout, "checklist-complaint.html")
    }

    @Test func sessionsListsAFolderOfHostileJournalsWithoutCrashing() throws {
        let folder = try TemporaryFolder()
        let start = "{\"type\":\"start\",\"situation\":\"complaint\",\"process\":\"complaint-handling\",\"codex\":\"C\",\"at\":1}\n"
        let journals = [
            "deep": start + "{\"a\":" + String(repeating: "[", count: 1_000_000) + "\n",
            "huge-number": start + "{\"type\":\"pause\",\"at\":1e999}\n{\"type\":\"pause\",\"at\":1e300}\n",
            "nul": start + "{\"type\":\"note\",\"step\":\"listen\",\"text\":\"a\u{0}b\",\"at\":2}\n\u{0}\u{0}\n",
            "long-line": start + "{\"type\":\"note\",\"text\":\"" + String(repeating: "z", count: 10_000_000) + "\"}\n",
            "times-reversed": "{\"type\":\"start\",\"situation\":\"s\",\"process\":\"p\",\"codex\":\"C\",\"at\":9223372036854775807}\n"
                + "{\"type\":\"pause\",\"at\":-9223372036854775808}\n",
            "not-a-journal": "\u{FF}\u{FE}garbage",
        ]
        for (name, text) in journals {
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder.path + "/\(name).jsonl"))
        }
        let result = try kodex("sessions", "--log-dir", folder.path, "--format", "jsonl")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 5)
        #expect(result.stdout.contains("\"damaged_lines\":2"))
        #expect(result.stderr.contains("not-a-journal"))
        let resume = try kodexWithInput("", "run", "--resume", "--session", "deep", "--codex", "english", "--log-dir", folder.path)
        #expect(resume.status == 0, "\(resume.stderr)")
        #expect(resume.stdout.contains("Warning: damaged journal lines were left out (line 2)"))
    }

    @Test func resumeWorksFromAnyFolderAndListsSeveralPausedSessions() throws {
        let folder = try TemporaryFolder()
        _ = try kodexWithInput("1\n", ["run", "complaint", "--codex", "english", "--log-dir", folder.path, "--ref", "T-17"])
        _ = try kodexWithInput("a second call\n", ["run", "problem", "--codex", "english", "--log-dir", folder.path])
        let resumed = try runProcess(kodexBinary, ["run", "--resume", "--log-dir", folder.path], input: "l\n",
                                     environment: ["KODEX_AGENT": "test-agent"], directory: URL(fileURLWithPath: "/"))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("several sessions can be resumed; taking the newest"))
        #expect(resumed.stderr.contains("complaint · paused"))
        #expect(resumed.stderr.contains("T-17 · test-agent"))
        let journal = try String(contentsOfFile: folder.path + "/" + (try sessionID(in: folder.path, containing: "complaint")) + ".jsonl",
                                 encoding: .utf8)
        #expect(journal.contains("\"agent\":\"test-agent\",\"ref\":\"T-17\""))
        #expect(journal.contains("\"codex_path\":\"\(CLITests.fixtures.path)/english\""))
    }

    @Test func messagesAroundAHungarianSessionAreHungarian() throws {
        let folder = try TemporaryFolder()
        let result = try kodexWithInput("", "run", "nincs-ilyen-helyzet", "--codex", CLITests.repository.path + "/codex",
                                        "--log-dir", folder.path)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("hiba: egy helyzet sem illik erre: „nincs-ilyen-helyzet”"), "\(result.stderr)")
        let resume = try kodexWithInput("", "run", "--resume", "--codex", CLITests.repository.path + "/codex", "--log-dir", folder.path)
        #expect(resume.stderr.contains("nincs megszakított vagy szüneteltetett munkamenet"), "\(resume.stderr)")
    }

    @Test func sessionIDThatLeavesTheLogFolderIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("outside.jsonl", "{\"type\":\"start\",\"situation\":\"complaint\",\"process\":\"complaint-handling\",\"codex\":\"C\",\"at\":1}\n")
        try FileManager.default.createDirectory(atPath: folder.path + "/log", withIntermediateDirectories: true)
        let result = try kodexWithInput("", "run", "--resume", "--session", "../outside", "--codex", "english",
                                        "--log-dir", folder.path + "/log")
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not a session id"))
        #expect(try String(contentsOfFile: folder.path + "/outside.jsonl", encoding: .utf8).split(separator: "\n").count == 1)
    }

    @Test func paperChecklistOfACodexWithErrorsIsRefused() throws {
        let result = try kodex("checklist", "enquiry", "--codex", "broken")
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("error: the codex has errors; fix them before printing a checklist\n"))
        #expect(result.stdout.isEmpty)
    }

    @Test func quitInPlainModeAsksAndANoGoesOn() throws {
        let folder = try TemporaryFolder()
        let result = try kodexWithInput("q\nn\n1\nq\ny\n", "run", "complaint", "--codex", "english", "--log-dir", folder.path)
        #expect(result.stdout.contains("Pause the session and quit? (y/n): "))
        #expect(result.stdout.contains("Recorded: 1. done: Let the customer finish"))
        #expect(result.stdout.hasSuffix("Session paused; continue with: kodex run --resume\n"))
    }

    @Test func plainModeExplainsAnUnknownCommandAndAcceptsRuleNumbersBothWays() throws {
        let folder = try TemporaryFolder()
        let result = try kodexWithInput("zap\nr1\nr 1\n", "run", "complaint", "--codex", "english", "--log-dir", folder.path)
        #expect(result.stdout.contains("Unknown command: “zap”. Commands:"))
        #expect(result.stdout.components(separatedBy: "Listen before you answer").count == 4, "shown on the step, then twice")
        #expect(result.stdout.contains("Good example: “So the invoice run stops with an error since this morning — did I get that right?”"))
        #expect(result.stdout.contains("Bad example: “Yes, yes, I know, that happens.”"))
    }

    @Test func secondStartReadsFromTheCacheAndAChangeBringsTheCheckBack() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: CLITests.fixtures.path + "/english", toPath: folder.path + "/codex")
        let environment = ["XDG_CACHE_HOME": folder.path + "/cache"]
        let arguments = ["run", "complaint", "--codex", folder.path + "/codex", "--log-dir", folder.path + "/log"]
        let first = try kodexWithInput("q\n", arguments, environment: environment)
        #expect(first.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/cache/kodex").count == 1)
        let second = try kodexWithInput("q\n", arguments, environment: environment)
        #expect(second.stdout.contains("Complaining customer / Handling a complaint / Step 1/5"))
        // An error in a file the fast start would not even read must still stop the run.
        try Data("situation: {id: broken, title: Broken, kind: complain}\n".utf8)
            .write(to: URL(fileURLWithPath: folder.path + "/codex/situations/broken.yaml"))
        let third = try kodexWithInput("q\n", arguments, environment: environment)
        #expect(third.status == 1)
        #expect(third.stderr == "error: the codex has errors; fix them before running it\n")
    }

    @Test func coldStartShowsTheStepWhileCheckingAndRefusesAnErrorFoundLater() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: CLITests.fixtures.path + "/english", toPath: folder.path + "/codex")
        // The preview does not read this file; only the whole-codex check finds its error.
        try Data("situation: {id: broken, title: Broken, kind: complain}\n".utf8)
            .write(to: URL(fileURLWithPath: folder.path + "/codex/situations/broken.yaml"))
        let result = try kodexWithInput("1\nq\n", ["run", "complaint", "--codex", folder.path + "/codex",
                                                    "--log-dir", folder.path + "/log", "--color", "never"],
                                        environment: ["XDG_CACHE_HOME": folder.path + "/cache"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("\nComplaining customer / Handling a complaint / Step 1/5\n"))
        #expect(result.stdout.contains("Elapsed: 0:00\n"))
        #expect(result.stdout.contains("error[K006]: `complain` is not a valid `kind` of situation `broken`"))
        #expect(!result.stdout.contains("Session:"))
        #expect(result.stderr == "error: the codex has errors; fix them before running it\n")
        let journals = (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/log")) ?? []
        #expect(journals.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/cache/kodex"))
    }

    @Test func cleanCheckPreparesTheCacheAndACheckWithErrorsDoesNot() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: CLITests.fixtures.path + "/english", toPath: folder.path + "/codex")
        try FileManager.default.copyItem(atPath: CLITests.fixtures.path + "/broken", toPath: folder.path + "/broken")
        let environment = ["XDG_CACHE_HOME": folder.path + "/cache"]
        #expect(try kodex("check", folder.path + "/broken", environment: environment).status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/cache/kodex"))
        #expect(try kodex("check", folder.path + "/codex", environment: environment).status == 0)
        let cached = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/cache/kodex")
        #expect(cached.count == 1)
        let run = try kodexWithInput("q\n", ["run", "complaint", "--codex", folder.path + "/codex", "--log-dir", folder.path + "/log"],
                                     environment: environment)
        #expect(run.stdout.contains("Complaining customer / Handling a complaint / Step 1/5"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/cache/kodex") == cached)
    }

    @Test func programThatOutlivesItsDeadlineIsKilledAndReported() throws {
        let start = Date()
        #expect(throws: ChildProcessError.self) {
            _ = try runProcess("/bin/sleep", ["30"], timeout: 0.5)
        }
        #expect(Date().timeIntervalSince(start) < 20)
    }

    // MARK: - Helpers

    private func sessionID(in folder: String, containing part: String = "") throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".jsonl") && (part.isEmpty || $0.contains(part)) }
        return String(try #require(names.first).dropLast(".jsonl".count))
    }

    /// Elapsed times depend on the machine's speed; they are masked.
    static func withoutTimes(_ text: String) -> String {
        text.replacing(try! Regex("[0-9]+:[0-9]{2}"), with: "M:SS")
    }
}

/// Runs `kodex` with `input` on standard input.
func kodexWithInput(_ input: String, _ arguments: String..., environment: [String: String] = [:]) throws -> RunResult {
    try kodexWithInput(input, arguments, environment: environment)
}

/// Runs `kodex` with `input` on standard input and extra environment variables; the
/// start-up cache goes to a temporary folder rather than the real home folder.
func kodexWithInput(_ input: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> RunResult {
    var environment = ["XDG_CACHE_HOME": FileManager.default.temporaryDirectory.path + "/kodex-test-cache",
                       "KODEX_AGENT": "test-agent"]
    for (key, value) in extra { environment[key] = value }
    return try runProcess(kodexBinary, arguments, input: input, environment: environment, directory: CLITests.fixtures)
}
