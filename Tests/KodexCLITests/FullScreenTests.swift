import Foundation
import KodexSupport
import Testing
import TestSupport

/// A `kodex run` in a tmux pane, driven by keys and pastes as an agent would drive it.
final class TmuxRun {
    let name = "kodex-\(UUID().uuidString.prefix(8))"
    let log: TemporaryFolder

    /// Starts `kodex run ARGUMENTS` in an 80×24 pane (or the given size), with journals in a
    /// fresh folder. `environment` is set for the program, such as `TERM=dumb`.
    ///
    /// - Parameter program: the subcommand and its option for the journal folder:
    ///   `kodex run` by default, `quiz take` with `--journal-dir` for an exam.
    /// - Parameter log: the folder of an earlier run, to go on with its journals.
    init(_ arguments: String, program: (command: String, journalOption: String) = ("run", "--log-dir"),
         columns: Int = 80, rows: Int = 24, environment: String = "", log: TemporaryFolder? = nil) throws {
        self.log = try log ?? TemporaryFolder()
        let command = "cd '\(CLITests.fixtures.path)' && \(environment) NO_COLOR=1 KODEX_AGENT=tmux-agent "
            + "XDG_CACHE_HOME='\(self.log.path)/cache' '\(kodexBinary)' \(program.command) \(arguments) "
            + "\(program.journalOption) '\(self.log.path)/log'; echo \"[kodex exited: $?]\"; sleep 30"
        // The tmux server outlives this call, so it must not inherit pipes that are read to their end.
        let start = try startProcess("/usr/bin/env", ["tmux", "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)",
                                                      command], captureOutput: false)
        start.closeInput()
        _ = try start.finish(timeout: 60)
    }

    deinit {
        _ = try? run("/usr/bin/env", ["tmux", "kill-session", "-t", name])
    }

    static var isAvailable: Bool { (try? run("/usr/bin/env", ["tmux", "-V"]))?.status == 0 }

    /// The pane's text, one string per row.
    func screen() throws -> [String] {
        try run("/usr/bin/env", ["tmux", "capture-pane", "-p", "-t", name]).stdout
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Waits up to ten seconds for `text` to show; when it does not, the screen is
    /// printed, so a failure on a CI machine says what the pane showed instead.
    func waitFor(_ text: String) throws -> Bool {
        for _ in 0..<100 {
            if try screen().contains(where: { $0.contains(text) }) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let shown = try screen().joined(separator: "\n")
        FileHandle.standardError.write(Data("«\(text)» never showed; the pane shows:\n\(shown)\n".utf8))
        return false
    }

    /// Sends tmux key names, such as `Space`, `Escape`, `Down`, or literal characters.
    func keys(_ keys: String...) throws {
        _ = try run("/usr/bin/env", ["tmux", "send-keys", "-t", name] + keys)
        Thread.sleep(forTimeInterval: 0.15)
    }

    /// Types text character by character, as a keyboard does.
    func type(_ text: String) throws {
        _ = try run("/usr/bin/env", ["tmux", "send-keys", "-t", name, "-l", text])
        Thread.sleep(forTimeInterval: 0.15)
    }

    /// Kills the program in the pane with SIGKILL, as a crash or a closed laptop would, and
    /// nothing else: only the children of the pane's shell. (A pattern given to `pkill -f`
    /// also matches the tmux server, whose command line is that of the first session it
    /// started, and so killed every other test's pane now and then.)
    func killProgram() throws {
        let shell = try run("/usr/bin/env", ["tmux", "display-message", "-p", "-t", name, "#{pane_pid}"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(Int(shell) != nil, "tmux names the pane's shell: \(shell)")
        _ = try run("/usr/bin/env", ["pkill", "-KILL", "-P", shell])
    }

    /// Pastes text as a terminal does: in one write, marked as a paste when the program
    /// asked for bracketed paste.
    func paste(_ text: String) throws {
        _ = try run("/usr/bin/env", ["tmux", "set-buffer", "-b", name, text])
        _ = try run("/usr/bin/env", ["tmux", "paste-buffer", "-p", "-d", "-b", name, "-t", name])
        Thread.sleep(forTimeInterval: 0.2)
    }

    /// The events of the one journal written, as lines.
    func journal() throws -> [String] {
        let folder = log.path + "/log"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jsonl") }
        let text = try String(contentsOfFile: folder + "/" + (try #require(names.first)), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }
}

/// The full-screen mode in real hands: pastes, stray keys, Esc, undo, small terminals.
@Suite(.serialized) struct FullScreenTests {
    @Test func pastedHungarianTextArrivesWholeInTheNoteAndTheProgramKeepsAnswering() throws {
        try #require(TmuxRun.isAvailable, "tmux is not installed; .ci/install-deps installs it")
        let pane = try TmuxRun("complaint --codex english")
        #expect(try pane.waitFor("Step 1/5"))
        // 63 bytes and then a two-byte letter: the letter straddles the first 64-byte read.
        let text = String(repeating: "x", count: 63) + "é árvíztűrő tükörfúrógép, az ügyfél kérte: hívjuk vissza holnap délelőtt, "
            + "mert most vezet és nem tud beszélni; a számla összege 12 480 Ft, a határidő péntek."
        #expect(text.utf8.count >= 200)
        try pane.keys("a")
        #expect(try pane.waitFor("Note:"))
        try pane.paste(text)
        try pane.keys("Enter")
        #expect(try pane.waitFor("✓ recorded: note"))
        let note = try #require(try pane.journal().first { $0.contains("\"type\":\"note\"") })
        #expect(note.contains("\"text\":\"\(text.trimmingCharacters(in: .whitespaces))\""))
        try pane.keys("?")
        #expect(try pane.waitFor("Any key: back to the step"))
    }

    @Test func pasteOutsideAPromptBecomesANoteAndRunsNoCommand() throws {
        try #require(TmuxRun.isAvailable)
        let pane = try TmuxRun("complaint --codex english")
        #expect(try pane.waitFor("Step 1/5"))
        // Every letter here is a key in the guide: s would skip, q quit, b branch.
        try pane.paste("she said: quit bothering me, 2 times")
        #expect(try pane.waitFor("Pasted text becomes a note"))
        try pane.keys("Escape")
        #expect(try pane.journal().count == 1, "only the start is recorded")
        #expect(try pane.waitFor("Step 1/5"))
    }

    @Test func digitOnABranchStepRecordsNothingWithoutTheSecondKey() throws {
        try #require(TmuxRun.isAvailable)
        let pane = try TmuxRun("complaint --codex english")
        #expect(try pane.waitFor("Step 1/5"))
        try pane.keys("Space", "Down", "Space", "Enter")
        #expect(try pane.waitFor("Step 2/5"))
        let before = try pane.journal().count
        try pane.keys("2")
        try pane.keys("1")
        #expect(try pane.waitFor("Step 2/5"))
        #expect(try pane.journal().count == before, "a digit alone records nothing")
        try pane.keys("b")
        #expect(try pane.waitFor("Branch number"))
        try pane.keys("7")
        #expect(try pane.waitFor("there is no branch 7; choose from 1 to 2"))
        try pane.keys("b", "2")
        #expect(try pane.waitFor("Required items are open: 1. Leave anyway? (y/n)"))
        try pane.keys("n")
        #expect(try pane.waitFor("Stayed on the step"))
        #expect(try pane.journal().last?.contains("\"type\":\"stay\"") == true)
        try pane.keys("Space", "b", "2")
        #expect(try pane.waitFor("Step 4/5"))
        #expect(try pane.journal().contains { $0.contains("\"type\":\"branch\"") && $0.contains("\"to\":\"explain\"") })
    }

    @Test func escapeAnywhereLeavesTheSessionRunning() throws {
        try #require(TmuxRun.isAvailable)
        let pane = try TmuxRun("complaint --codex english")
        #expect(try pane.waitFor("Step 1/5"))
        try pane.keys("Escape")
        try pane.keys("a")
        try pane.type("half a note")
        try pane.keys("Escape")
        try pane.keys("s")
        try pane.type("no reason")
        try pane.keys("Escape")
        try pane.keys("q")
        #expect(try pane.waitFor("Pause the session and quit? (y/n)"))
        try pane.keys("Escape")
        try pane.keys("r", "Escape")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try pane.waitFor("Step 1/5"))
        #expect(try pane.journal().count == 1, "nothing but the start is recorded")
        try pane.keys("q", "y")
        #expect(try pane.waitFor("Session paused; continue with: kodex run --resume"))
    }

    @Test func undoTakesBackTheLastEventByAppendingAnUndo() throws {
        try #require(TmuxRun.isAvailable)
        let pane = try TmuxRun("complaint --codex english")
        #expect(try pane.waitFor("Step 1/5"))
        try pane.keys("Space")
        #expect(try pane.waitFor("▶1. [x] Let the customer finish"))
        try pane.keys("u")
        #expect(try pane.waitFor("Undone: tick: “Let the customer finish”"))
        #expect(try pane.waitFor("▶1. [ ] Let the customer finish"))
        let journal = try pane.journal()
        #expect(journal.count == 3)
        #expect(journal.last?.contains("\"type\":\"undo\",\"undid\":\"check\"") == true)
    }

    @Test func helpOverlayAndKeyBarFitEightyByTwentyFour() throws {
        try #require(TmuxRun.isAvailable)
        let pane = try TmuxRun("complaint --codex english")
        // The key bar replaces the preview's "Checking the codex…" once keys are taken.
        #expect(try pane.waitFor("? help  q quit"))
        let keyBar = try pane.screen()[23]
        #expect(keyBar.hasSuffix("? help  q quit"), "\(keyBar)")
        #expect(!keyBar.contains("branch"), "no branch key on a step without branches")
        try pane.keys("?")
        #expect(try pane.waitFor("Ctrl-C: pause and quit at once"))
        let help = try pane.screen()
        #expect(help.contains { $0.contains("b, then its number: choose a branch") })
        #expect(help.contains { $0.contains("Any key: back to the step") })
    }

    @Test func contentBelowTheFoldIsMarkedAndTheHeaderStays() throws {
        try #require(TmuxRun.isAvailable)
        let pane = try TmuxRun("complaint --codex english", columns: 60, rows: 12)
        #expect(try pane.waitFor("more below"))
        try pane.keys("PageDown")
        #expect(try pane.waitFor("more above"))
        #expect(try pane.screen().first?.contains("Step 1/5") == true)
    }

    @Test func dumbTerminalGetsPlainMode() throws {
        try #require(TmuxRun.isAvailable)
        let pane = try TmuxRun("complaint --codex english", environment: "TERM=dumb")
        #expect(try pane.waitFor("Command (? for help)>"))
        try pane.type("r1")
        try pane.keys("Enter")
        #expect(try pane.waitFor("Listen before you answer"))
    }
}
