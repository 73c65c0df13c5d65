import Foundation
@testable import KodexChecklist
@testable import KodexStartup
import KodexModel
import Testing
import TestSupport

/// A journal loses nothing and never crashes its reader, whatever happened to it.
@Suite struct JournalRobustnessTests {
    @Test func tornLastLineIsEndedSoEveryLaterLineParses() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        let id = try tornJournal(store)
        let (situation, process) = try complaint()
        let resumed = try ChecklistSession(resuming: id, contents: try JournalContents.read(store.path(of: id)),
                                           situation: situation, process: process, store: store)
        try resumed.toggle(1)
        #expect(resumed.resumeNotices.contains(.tornLineEnded))
        let contents = try JournalContents.read(store.path(of: id))
        #expect(contents.damaged.map(\.line) == [3], "only the torn line itself")
        #expect(contents.events.map(\.type) == ["start", "check", "resume", "check"])
    }

    @Test func secondWriterOnOneSessionIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        let first = try newSession(store, ManualClock())
        let (situation, process) = try complaint()
        #expect {
            _ = try ChecklistSession(resuming: first.id, contents: try JournalContents.read(store.path(of: first.id)),
                                     situation: situation, process: process, store: store)
        } throws: { error in
            (error as? ChecklistError)?.message.contains("open in another kodex process") == true
        }
        try first.toggle(0)
        #expect(try JournalContents.read(store.path(of: first.id)).events.count == 2)
    }

    @Test func lockIsReleasedWhenTheWriterGoesAway() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        var first: ChecklistSession? = try newSession(store, ManualClock())
        let id = try #require(first?.id)
        first = nil
        let (situation, process) = try complaint()
        let resumed = try ChecklistSession(resuming: id, contents: try JournalContents.read(store.path(of: id)),
                                           situation: situation, process: process, store: store)
        #expect(resumed.state.events.last?.type == "resume")
    }

    @Test func writeToADeletedJournalIsAnErrorNotARecord() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path + "/log")
        let session = try newSession(store, ManualClock())
        try FileManager.default.removeItem(atPath: folder.path + "/log")
        #expect(throws: ChecklistError.self) { try session.toggle(0) }
        #expect(session.state.checked.isEmpty, "the state moves only once the event is on disk")
    }

    @Test func tickFollowsItsItemWhenTheCodexIsReorderedBetweenPauseAndResume() throws {
        let folder = try copyOfEnglish()
        let store = SessionStore(directory: folder.path + "/log")
        let codexPath = folder.path + "/codex"
        var session: ChecklistSession? = try startSession(codexPath, store)
        let id = try #require(session?.id)
        try session?.toggle(1) // "Thank them for telling us"
        try session?.pause()
        session = nil
        let file = codexPath + "/situations/complaint.yaml"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        let swapped = original.replacingOccurrences(of: "            - Let the customer finish\n            - Thank them for telling us\n",
                                                    with: "            - Thank them for telling us\n            - Let the customer finish\n")
        #expect(swapped != original)
        try swapped.write(toFile: file, atomically: true, encoding: .utf8)
        let resumed = try resume(id, codexPath, store)
        #expect(resumed.state.checked["listen"] == [0], "the tick moved with its item")
        #expect(resumed.resumeNotices.contains { if case .codexChanged = $0 { true } else { false } })
    }

    @Test func tickOfAnItemThatIsGoneIsReportedNotMoved() throws {
        let folder = try copyOfEnglish()
        let store = SessionStore(directory: folder.path + "/log")
        let codexPath = folder.path + "/codex"
        var session: ChecklistSession? = try startSession(codexPath, store)
        let id = try #require(session?.id)
        try session?.toggle(0)
        try session?.pause()
        session = nil
        let file = codexPath + "/situations/complaint.yaml"
        let edited = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: "- Let the customer finish", with: "- Let the customer finish speaking")
        try edited.write(toFile: file, atomically: true, encoding: .utf8)
        let resumed = try resume(id, codexPath, store)
        #expect(resumed.state.checked["listen", default: []].isEmpty)
        #expect(resumed.resumeNotices.contains(.ticksLost(["listen"])))
    }

    @Test func noToLeavingWithOpenItemsIsRecorded() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        let session = try newSession(store, ManualClock())
        try session.stay()
        guard case .stay(let step, let items)? = session.state.events.last?.kind else {
            Issue.record("no stay event: \(session.state.events.last.map(\.type) ?? "none")")
            return
        }
        #expect(step == "listen")
        #expect(items.count == 2)
    }

    @Test func undoOfAMoveReturnsToTheStepAndDropsItsLeaveOpenConfirmation() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        let session = try newSession(store, ManualClock())
        try session.toggle(0)
        try session.next(confirmOpen: true)
        #expect(session.state.current == 1)
        let undone = try session.undo()
        #expect(undone.type == "enter")
        #expect(session.state.current == 0)
        #expect(session.state.leftOpen.isEmpty)
        #expect(session.state.checked["listen"] == [0])
        #expect(try session.undo().type == "check")
        #expect(session.state.checked["listen", default: []].isEmpty)
        #expect(throws: ChecklistError(.nothingToUndo)) { try session.undo() }
        let replayed = try ChecklistState.replaying(try JournalContents.read(store.path(of: session.id)).events,
                                                    situation: session.state.situation, process: session.state.process).0
        #expect(replayed.current == 0)
        #expect(replayed.checked["listen", default: []].isEmpty)
    }

    @Test func branchNumberIsCheckedBeforeAnyQuestion() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        let session = try newSession(store, ManualClock())
        try session.next(confirmOpen: true)
        #expect(throws: ChecklistError(.noSuchBranch(number: 5, count: 2))) { try session.validateBranch(4) }
    }

    @Test func hostileLinesAreReportedAndTheGoodOnesKept() {
        let good = ChecklistEvent(.pause, time: 5).jsonLine
        let lines: [String] = [
            ChecklistEvent(.enter(step: "a"), time: 1).jsonLine,
            "{\"type\":\"enter\",\"step\":\"a\",\"at\":1e999}",
            "{\"type\":\"enter\",\"step\":\"a\",\"at\":1e300}",
            "{\"type\":\"enter\",\"step\":\"a\",\"at\":-9223372036854775809}",
            "{\"type\":\"note\",\"step\":\"a\",\"text\":\"nul \u{0} byte\",\"at\":1}",
            "{\"type\":\"check\",\"step\":\"a\",\"item\":99999999999999999999,\"checked\":true,\"at\":1}",
            "{\"a\":" + String(repeating: "[", count: 1_000_000),
            "{\"type\":\"note\",\"step\":\"a\",\"text\":\"" + String(repeating: "z", count: 10_000_000) + "\",\"at\":1}",
            "\u{0}\u{0}\u{0}",
            good,
        ]
        let contents = JournalContents.parse(Array(lines.joined(separator: "\n").utf8))
        #expect(contents.events.map(\.type) == ["enter", "pause"])
        #expect(contents.damaged.map(\.line) == Array(2...9))
    }

    @Test func sessionRecordOfEventsWithTimesOutOfOrderDoesNotTrap() throws {
        let start = ChecklistEvent(.start(situation: "s", process: "p", attribution: SessionAttribution(agent: "a", codexTitle: "c")),
                                   time: Int64.max)
        let record = try SessionRecord.read("x", contents: JournalContents(events: [start, ChecklistEvent(.pause, time: Int64.min)],
                                                                         damaged: []))
        #expect(record.durationSeconds == 0)
        #expect(record.status == "paused")
    }

    @Test func legacyJournalWithItemPositionsStillResumes() throws {
        let (situation, process) = try complaint()
        let legacy = """
            {"type":"start","situation":"complaint","process":"complaint-handling","codex":"Test","at":1}
            {"type":"check","step":"listen","item":1,"checked":true,"at":2}
            """
        let contents = JournalContents.parse(Array(legacy.utf8))
        let (state, lost) = try ChecklistState.replaying(contents.events, situation: situation, process: process)
        #expect(state.checked["listen"] == [1])
        #expect(lost.isEmpty)
    }

    // MARK: - Helpers

    private func startSession(_ codexPath: String, _ store: SessionStore) throws -> ChecklistSession {
        let codex = try CodexLoader().load(directory: codexPath).codex
        let situation = try #require(codex.situations.first { $0.id.value == "complaint" })
        let attribution = SessionAttribution(agent: "a", codexTitle: "Test", codexPath: codexPath,
                                             codexHash: CodexFingerprint.of(directory: codexPath))
        return try ChecklistSession(situation: situation, process: try #require(situation.processes.first),
                                    attribution: attribution, store: store)
    }

    private func resume(_ id: String, _ codexPath: String, _ store: SessionStore) throws -> ChecklistSession {
        let codex = try CodexLoader().load(directory: codexPath).codex
        let situation = try #require(codex.situations.first { $0.id.value == "complaint" })
        return try ChecklistSession(resuming: id, contents: try JournalContents.read(store.path(of: id)), situation: situation,
                                    process: try #require(situation.processes.first),
                                    codexHash: CodexFingerprint.of(directory: codexPath), store: store)
    }
}
