import Foundation
@testable import KodexChecklist
@testable import KodexStartup
import KodexModel
import Testing
import TestSupport

/// A clock that moves only when told to, so timings are exact.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Int64 = 1_700_000_000_000
    func advance(seconds: Int64) { lock.withLock { now += seconds * 1000 } }
    var read: @Sendable () -> Int64 { { [self] in lock.withLock { now } } }
}

let english = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("KodexCLITests/Fixtures/english").path

/// A copy of the English codex, at `codex/` in a folder that lives as long as the
/// returned object.
func copyOfEnglish() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try FileManager.default.copyItem(atPath: english, toPath: folder.path + "/codex")
    return folder
}

func complaint() throws -> (Situation, KodexModel.Process) {
    let codex = try CodexLoader().load(directory: english).codex
    let situation = try #require(codex.situations.first { $0.id.value == "complaint" })
    return (situation, try #require(situation.processes.first))
}

func newSession(_ store: SessionStore, _ clock: ManualClock) throws -> ChecklistSession {
    let (situation, process) = try complaint()
    let attribution = SessionAttribution(agent: "anna", reference: "T-1", codexTitle: "Test", codexVersion: "1.0")
    return try ChecklistSession(situation: situation, process: process, attribution: attribution, store: store, clock: clock.read)
}

@Suite struct ChecklistEngineTests {
    @Test func startsOnTheFirstStep() throws {
        let folder = try TemporaryFolder()
        let session = try newSession(SessionStore(directory: folder.path), ManualClock())
        #expect(session.state.step.id.value == "listen")
        #expect(session.state.trail == [0])
    }

    @Test func stateShownBeforeTheSessionMatchesAFreshStart() throws {
        let folder = try TemporaryFolder()
        let clock = ManualClock()
        let session = try newSession(SessionStore(directory: folder.path), clock)
        let (situation, process) = try complaint()
        let preview = ChecklistState.starting(situation: situation, process: process, at: clock.read())
        #expect(preview.current == session.state.current)
        #expect(preview.enteredAt == session.state.enteredAt)
        #expect(preview.trail == session.state.trail)
    }

    @Test func requiredItemsMustBeDoneOrConfirmedBeforeLeaving() throws {
        let folder = try TemporaryFolder()
        let session = try newSession(SessionStore(directory: folder.path), ManualClock())
        #expect(throws: ChecklistError.self) { try session.next() }
        try session.toggle(0)
        try session.next(confirmOpen: true)
        #expect(session.state.step.id.value == "assess")
        #expect(session.state.leftOpen["listen"] == [1])
    }

    @Test func branchingStepRequiresAChoice() throws {
        let folder = try TemporaryFolder()
        let session = try newSession(SessionStore(directory: folder.path), ManualClock())
        try session.toggle(0); try session.toggle(1); try session.next()
        try session.toggle(0)
        #expect(throws: ChecklistError.self) { try session.next() }
        try session.choose(1)
        #expect(session.state.step.id.value == "explain")
    }

    @Test func nextFollowsAnExplicitNextStep() throws {
        let folder = try TemporaryFolder()
        let session = try newSession(SessionStore(directory: folder.path), ManualClock())
        try session.toggle(0); try session.toggle(1); try session.next()
        try session.toggle(0); try session.choose(0)
        try session.toggle(0); try session.toggle(1); try session.next()
        #expect(session.state.step.id.value == "close")
    }

    @Test func endRecordsTheOutcome() throws {
        let folder = try TemporaryFolder()
        let session = try newSession(SessionStore(directory: folder.path), ManualClock())
        try session.skip(reason: "caller already calm")
        try session.next()
        try session.toggle(0); try session.choose(1)
        try session.toggle(0); try session.next()
        try session.toggle(0); try session.next()
        #expect(session.state.outcome == "Complaint closed by a team lead")
        #expect(session.state.skipped["listen"] == "caller already calm")
        #expect(throws: ChecklistError.self) { try session.toggle(0) }
    }

    @Test func backReturnsToThePreviousStep() throws {
        let folder = try TemporaryFolder()
        let session = try newSession(SessionStore(directory: folder.path), ManualClock())
        #expect(throws: ChecklistError.self) { try session.back() }
        try session.next(confirmOpen: true)
        try session.back()
        #expect(session.state.step.id.value == "listen")
    }

    @Test func timePerStepFollowsTheClock() throws {
        let folder = try TemporaryFolder()
        let clock = ManualClock()
        let session = try newSession(SessionStore(directory: folder.path), clock)
        clock.advance(seconds: 42)
        try session.next(confirmOpen: true)
        clock.advance(seconds: 7)
        #expect(session.state.timeSpent["listen"] == 42_000)
        #expect(session.state.elapsedOnStep(at: clock.read()) == 7_000)
    }

    @Test func skipAndNoteNeedText() throws {
        let folder = try TemporaryFolder()
        let session = try newSession(SessionStore(directory: folder.path), ManualClock())
        #expect(throws: ChecklistError.self) { try session.skip(reason: "  ") }
        #expect(throws: ChecklistError.self) { try session.note("") }
    }

    @Test func unknownItemIsRefused() throws {
        let folder = try TemporaryFolder()
        let session = try newSession(SessionStore(directory: folder.path), ManualClock())
        #expect(throws: ChecklistError.self) { try session.toggle(9) }
        #expect(session.state.checked.isEmpty)
    }
}

/// A session with one tick whose journal then got half a line, as a crash mid-write
/// leaves it; the session itself is closed. Returns its id.
func tornJournal(_ store: SessionStore) throws -> String {
    let session = try newSession(store, ManualClock())
    try session.toggle(0)
    let handle = try #require(FileHandle(forWritingAtPath: store.path(of: session.id)))
    handle.seekToEndOfFile()
    handle.write(Data("{\"type\":\"check\",\"step\":\"listen\",\"ite".utf8))
    try handle.close()
    return session.id
}

@Suite struct JournalTests {
    @Test func everyEventIsInTheJournalAndReplaysToTheSameState() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        let clock = ManualClock()
        let session = try newSession(store, clock)
        try session.toggle(0)
        try session.note("angry about the invoice")
        clock.advance(seconds: 5)
        try session.next(confirmOpen: true)
        let contents = try JournalContents.read(store.path(of: session.id))
        #expect(contents.damaged.isEmpty)
        #expect(contents.events == session.state.events)
        var replayed = ChecklistState(situation: session.state.situation, process: session.state.process)
        for event in contents.events { try replayed.apply(event) }
        #expect(replayed.current == session.state.current)
        #expect(replayed.checked == session.state.checked)
        #expect(replayed.timeSpent == session.state.timeSpent)
    }

    @Test func eventsSurviveJSONRoundTripWithHostileText() throws {
        let event = ChecklistEvent(.note(step: "a", text: "\"quoted\" \\ back\nslash 🎉 ő \u{2028}"), time: 12)
        #expect(try ChecklistEvent(jsonLine: event.jsonLine.utf8) == event)
    }

    @Test func damagedLastLineIsReportedAndTheRestRecovered() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        let id = try tornJournal(store)
        let contents = try JournalContents.read(store.path(of: id))
        #expect(contents.events.count == 2)
        #expect(contents.damaged.map(\.line) == [3])
        let (situation, process) = try complaint()
        let resumed = try ChecklistSession(resuming: id, contents: contents, situation: situation, process: process, store: store)
        #expect(resumed.state.checked["listen"] == [0])
    }

    @Test func resumeContinuesWhereThePauseLeftOff() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        let clock = ManualClock()
        var session: ChecklistSession? = try newSession(store, clock)
        let id = try #require(session?.id)
        try session?.toggle(1)
        clock.advance(seconds: 10)
        try session?.pause()
        session = nil
        clock.advance(seconds: 3600)
        let contents = try JournalContents.read(store.path(of: id))
        let (situation, process) = try complaint()
        let resumed = try ChecklistSession(resuming: id, contents: contents, situation: situation, process: process,
                                           store: store, clock: clock.read)
        clock.advance(seconds: 5)
        #expect(resumed.state.checked["listen"] == [1])
        #expect(resumed.state.elapsedOnStep(at: clock.read()) == 15_000)
    }

    @Test func sessionsInParallelKeepSeparateJournals() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        let first = try newSession(store, ManualClock())
        let second = try newSession(store, ManualClock())
        #expect(first.id != second.id)
        try first.toggle(0)
        try second.toggle(1)
        #expect(try SessionRecord.read(first.id, in: store).actionsChecked == 1)
        #expect(store.sessionIDs().count == 2)
        let key = second.state.key(ofAction: 1, step: 0)
        #expect(try JournalContents.read(store.path(of: second.id)).events.last?.kind == .check(step: "listen", item: key, checked: true))
    }

    @Test func recordExportsAsJSONLinesAndCSV() throws {
        let folder = try TemporaryFolder()
        let store = SessionStore(directory: folder.path)
        let session = try newSession(store, ManualClock())
        try session.note("=SUM(A1)")
        let record = try SessionRecord.read(session.id, in: store)
        #expect(record.jsonLine.hasPrefix("{\"id\":\"\(session.id)\",\"situation\":\"complaint\""))
        #expect(record.csvRow.hasPrefix("\(session.id),complaint,complaint-handling,2023-11-14T22:13:20Z,0,interrupted,"))
    }

    @Test func standardStoreFollowsXDG() {
        #expect(SessionStore.standard(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/h"]).directory == "/x/state/kodex/sessions")
        #expect(SessionStore.standard(environment: ["HOME": "/h"]).directory == "/h/.local/state/kodex/sessions")
    }
}

@Suite struct StartupCacheTests {
    @Test func cacheNamesTheSituationFileAndTheSharedFiles() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        let directory = folder.path + "/codex"
        let before = StartupCache.stamps(of: directory)
        let codex = try CodexLoader().load(directory: directory).codex
        let cache = try #require(StartupCache(codex: codex, directory: directory, stampsBeforeReading: before))
        #expect(cache.files(for: "complaint") == ["shared.yaml", "situations/complaint.yaml"])
        #expect(cache.files(for: "nope") == nil)
        #expect(cache.matches(directory: directory))
    }

    @Test func cacheNamesAFileThatMixesSituationsWithSharedContent() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        let directory = folder.path + "/codex"
        let mixed = """
            situations:
              - id: other
                title: Other
                kind: custom
                processes:
                  - id: only
                    title: Only
                    steps:
                      - {id: one, title: One, goal: A goal, effect: An effect, end: done}
            tools:
              - {id: extra, title: Extra tool}

            """
        try Data(mixed.utf8).write(to: URL(fileURLWithPath: directory + "/situations/mixed.yaml"))
        let cache = try #require(try checkedCache(directory))
        #expect(cache.files(for: "complaint") == ["shared.yaml", "situations/complaint.yaml", "situations/mixed.yaml"])
    }

    @Test func fileChangedWhileTheCodexWasReadIsNotCached() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        let directory = folder.path + "/codex"
        let before = StartupCache.stamps(of: directory)
        let codex = try CodexLoader().load(directory: directory).codex
        try Data("tools: []\n".utf8).write(to: URL(fileURLWithPath: directory + "/shared.yaml"))
        #expect(StartupCache(codex: codex, directory: directory, stampsBeforeReading: before) == nil)
    }

    private func checkedCache(_ directory: String) throws -> StartupCache? {
        let before = StartupCache.stamps(of: directory)
        return StartupCache(codex: try CodexLoader().load(directory: directory).codex, directory: directory,
                            stampsBeforeReading: before)
    }

    @Test func anyChangedFileInvalidatesTheCache() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        let directory = folder.path + "/codex"
        let cache = try #require(try checkedCache(directory))
        let handle = try #require(FileHandle(forWritingAtPath: directory + "/shared.yaml"))
        handle.seekToEndOfFile()
        handle.write(Data("\n".utf8))
        try handle.close()
        #expect(!cache.matches(directory: directory))
    }

    @Test func cacheOfAnotherKodexVersionIsNotTrusted() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        let directory = folder.path + "/codex"
        var cache = try #require(try checkedCache(directory))
        #expect(cache.matches(directory: directory))
        cache.checkedBy = "0.0.1"
        #expect(!cache.matches(directory: directory), "an upgrade may bring checks the old version did not run")
    }

    @Test func aNewFileInvalidatesTheCache() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        let directory = folder.path + "/codex"
        let cache = try #require(try checkedCache(directory))
        try Data("tools: []\n".utf8).write(to: URL(fileURLWithPath: directory + "/situations/new.yaml"))
        #expect(!cache.matches(directory: directory))
    }

    @Test func cacheRoundTripsThroughItsFile() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        let directory = folder.path + "/codex"
        let cache = try #require(try checkedCache(directory))
        setenv("XDG_CACHE_HOME", folder.path + "/cache", 1)
        defer { unsetenv("XDG_CACHE_HOME") }
        cache.save(for: directory)
        #expect(StartupCache.load(for: directory) == cache)
        #expect(StartupCache.path(for: directory).hasPrefix(folder.path + "/cache/kodex/run-"))
    }
}

@Suite struct PreviewFilesTests {
    private func verdict(_ text: String, _ id: String) -> PreviewFiles.Verdict {
        Array(text.utf8).withUnsafeBytes { PreviewFiles.verdict(for: $0, id: Array(id.utf8)) }
    }

    @Test func previewReadsTheSharedFilesAndTheSituationsOwnFile() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        #expect(PreviewFiles.files(for: "complaint", in: folder.path + "/codex") == ["shared.yaml", "situations/complaint.yaml"])
    }

    @Test func fileMixingSituationsWithSharedContentIsRead() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        let mixed = "situations:\n  - id: other\n    title: Other\nrules:\n  - id: extra\n    title: Extra\n"
        try Data(mixed.utf8).write(to: URL(fileURLWithPath: folder.path + "/codex/situations/mixed.yaml"))
        #expect(PreviewFiles.files(for: "complaint", in: folder.path + "/codex")
                == ["shared.yaml", "situations/complaint.yaml", "situations/mixed.yaml"])
    }

    @Test(.timeLimit(.minutes(1))) func fifoAmongTheFilesIsLeftToTheLoaderUnopened() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        #expect(mkfifo(folder.path + "/codex/situations/pipe.yaml", 0o600) == 0)
        #expect(PreviewFiles.files(for: "complaint", in: folder.path + "/codex")
                == ["shared.yaml", "situations/complaint.yaml", "situations/pipe.yaml"])
    }

    @Test func situationNobodyMentionsGivesNoPreview() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        #expect(PreviewFiles.files(for: "no-such-situation", in: folder.path + "/codex") == nil)
    }

    @Test func idMentionedByManyFilesGivesNoPreview() throws {
        let folder = try copyOfEnglish()
        defer { withExtendedLifetime(folder) {} }
        for index in 0...PreviewFiles.mentioningFilesAtMost {
            try Data("situation:\n  id: other-\(index)\n  title: Listen to a complaint\n".utf8)
                .write(to: URL(fileURLWithPath: folder.path + "/codex/situations/other-\(index).yaml"))
        }
        #expect(PreviewFiles.files(for: "a", in: folder.path + "/codex") == nil)
    }

    @Test func idThatIsPartOfALongerIdIsNoMention() {
        #expect(verdict("situation:\n  id: complaint-2\n  next: xcomplaint\n", "complaint") == .unrelated)
        #expect(verdict("situation:\n  id: 'complaint'\n", "complaint") == .mentions)
    }

    @Test func fileWhoseTopLevelCannotBeToldIsRead() {
        #expect(verdict("{situation: {id: other}}\n", "complaint") == .needed)
        #expect(verdict("\"situation\": {id: other}\n", "complaint") == .needed)
        #expect(verdict("# no keys at all\n", "complaint") == .needed)
    }

    @Test func anyBytesGetAVerdictWithoutATrap() {
        // Short random files built from the pieces the scanner looks for, so that line
        // ends, markers, keys and the id meet each other and the ends of the buffer in
        // every way.
        var generator = SystemRandomNumberGenerator()
        let pieces = ["situation:", "situations:", "rules:", " ", "\n", "\r", "#", "-", "---", ".", "...", ":", "s", "s-1",
                      "'", "é", "\t"].map { Array($0.utf8) }
        var verdicts = Set<PreviewFiles.Verdict>()
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...10, using: &generator)
            let bytes = (0..<count).flatMap { _ in pieces.randomElement(using: &generator) ?? [] }
            verdicts.insert(bytes.withUnsafeBytes { PreviewFiles.verdict(for: $0, id: Array("s".utf8)) })
        }
        #expect(verdicts == [.needed, .mentions, .unrelated])
    }

    @Test func commentsAndDocumentMarkersDoNotHideSituationOnlyFiles() {
        #expect(verdict("# situations of the shop\n---\nsituation:\n  id: other\n...\n", "complaint") == .unrelated)
    }
}
