import Foundation
import KodexChecklist
import KodexTerminal
import Synchronization
import Testing
import TestSupport

private let sampleCodex = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("codex").path

/// `kodex run` from its options, in this process: the launcher, not the binary.
@Suite struct RunLauncherTests {
    /// A request on the sample codex whose journals and start-up cache live in `folder`.
    private func request(_ folder: TemporaryFolder) -> RunRequest {
        var request = RunRequest()
        request.codexDirectory = sampleCodex
        request.journalDirectory = folder.path + "/sessions"
        request.plain = true
        request.agent = "Teszt Elek"
        request.environment = ["XDG_CACHE_HOME": folder.path + "/cache", "HOME": folder.path]
        return request
    }

    @Test func unknownSituationStopsWithTwoInTheCodexLanguage() throws {
        let folder = try TemporaryFolder()
        var request = request(folder)
        request.situation = "nincs-ilyen-helyzet"
        let errors = Mutex<[String]>([])
        let status = RunLauncher.launch(request, console: RunConsole(readLine: { nil }, write: { _ in }),
                                        errors: { line in errors.withLock { $0.append(line) } })
        #expect(status == 2)
        let lines = errors.withLock { $0 }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("hiba: ") == true, "\(lines)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/sessions"), "no journal for a session never started")
    }

    @Test func sessionRunsInPlainModeAndEndOfInputPausesItWithItsJournal() throws {
        let folder = try TemporaryFolder()
        var request = request(folder)
        request.situation = "akvizicio"
        request.reference = "T-1"
        let output = Mutex("")
        let status = RunLauncher.launch(request, console: RunConsole(readLine: { nil }, write: { text in output.withLock { $0 += text } }),
                                        errors: { _ in })
        #expect(status == 0)
        #expect(output.withLock { $0 }.contains("Akvizíció"))
        let journals = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/sessions").filter { $0.hasSuffix(".jsonl") }
        #expect(journals.count == 1)
        let journal = try String(contentsOfFile: folder.path + "/sessions/" + journals[0], encoding: .utf8)
        #expect(journal.contains("\"agent\":\"Teszt Elek\""))
        #expect(journal.contains("\"ref\":\"T-1\""))
        #expect(journal.contains("\"pause\""), "end of input pauses the session: \(journal)")
    }

    @Test func malformedSessionIDIsRefusedBeforeTheCodexIsRead() throws {
        let folder = try TemporaryFolder()
        var request = request(folder)
        request.codexDirectory = folder.path + "/no-codex-here"
        request.session = "../../etc/passwd"
        let errors = Mutex<[String]>([])
        let status = RunLauncher.launch(request, console: RunConsole(readLine: { nil }, write: { _ in }),
                                        errors: { line in errors.withLock { $0.append(line) } })
        #expect(status == 2)
        #expect(errors.withLock { $0 } == ["error: `../../etc/passwd` is not a session id (see `kodex sessions`)"])
    }
}
