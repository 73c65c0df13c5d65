import ArgumentParser
import Foundation
import KodexChecklist
import KodexModel
import KodexTerminal
import KodexValidation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Step through a situation live, during a call, with a record of the session.",
        discussion: """
            Full-screen in a terminal; line by line with --plain, or when standard input or output is \
            not a terminal. Every change is written to the session's journal before it is shown.
            """)

    @Argument(help: "The situation: its id, or words of its title. Without it, a picker opens.")
    var situation: String?

    @Option(help: "The codex folder, holding codex.yaml.")
    var codex = "."

    @Option(help: "The process to run, when the situation has several.")
    var process: String?

    @Flag(help: "Line-by-line prompts for screen readers and scripts.")
    var plain = false

    @Flag(help: "Continue the latest interrupted or paused session (or the one named by --session).")
    var resume = false

    @Option(help: "The session to resume, by id (see `kodex sessions`).")
    var session: String?

    @Option(help: "Where session journals are kept (default: the XDG state folder).")
    var logDir: String?

    @Option(help: "Colour: auto, always or never. NO_COLOR is respected under auto.")
    var color: ColorChoice = .auto

    func run() throws {
        let store = logDir.map { SessionStore(directory: $0) } ?? SessionStore.standard()
        let resuming = resume || session != nil
        let journal = resuming ? try journalToResume(store) : nil
        let wanted: String? = if let journal, case .start(let id, _, _)? = journal.contents.events.first?.kind { id } else { situation }
        let codex = try loadForRun(wanted: wanted)
        let usePlain = plain || isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1
        // A resumed session is read before the full screen takes the terminal, so that its
        // errors reach the normal screen.
        let resumed = try journal.map { try resumeSession($0, codex: codex, store: store) }
        let frontEnd = try FrontEnd(codex: codex, plain: usePlain, color: color.enabled)
        let started: ChecklistSession
        if let resumed {
            started = resumed
        } else {
            do {
                guard let chosen = try choose(codex: codex, fallback: frontEnd.pickSituation),
                      let process = try chooseProcess(chosen, fallback: { frontEnd.pickProcess(of: chosen) }) else {
                    frontEnd.close()
                    return
                }
                started = try start(chosen, process, codex: codex, store: store)
            } catch let error as RunError {
                // Closed first, so that the message lands on the normal screen.
                frontEnd.close()
                printError(error.message)
                throw ExitCode(2)
            } catch {
                frontEnd.close()
                throw error
            }
        }
        frontEnd.drive(started)
    }

    // MARK: - Steps of the command

    private func choose(codex: Codex, fallback: () -> Situation?) throws -> Situation? {
        guard let situation else { return fallback() }
        if let exact = codex.situations.first(where: { $0.id.value == situation }) { return exact }
        let matches = SituationFilter.matching(situation, in: codex.situations, locale: codex.manifest.locale)
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw RunError("no situation matches `\(situation)`; run `kodex run` without it to pick one")
        }
        return fallback()
    }

    private func chooseProcess(_ situation: Situation, fallback: () -> KodexModel.Process?) throws -> KodexModel.Process? {
        guard let process else { return fallback() }
        guard let found = situation.processes.first(where: { $0.id.value == process }) else {
            throw RunError("situation `\(situation.id.value)` has no process `\(process)`")
        }
        return found
    }

    private func start(_ situation: Situation, _ process: KodexModel.Process, codex: Codex,
                       store: SessionStore) throws -> ChecklistSession {
        do {
            return try ChecklistSession(situation: situation, process: process,
                                        codexTitle: codex.manifest.title?.value ?? "", store: store)
        } catch {
            throw RunError(error.message)
        }
    }

    /// Loads the codex and refuses it when it has errors. When the start-up cache shows
    /// the codex unchanged since a clean check, only the wanted situation's file and the
    /// shared files are read, and the check is not run again.
    private func loadForRun(wanted: String?) throws -> Codex {
        if let wanted, let cache = StartupCache.load(for: codex), let files = cache.files(for: wanted),
           cache.matches(directory: codex) {
            return try loadCodex(codex, only: { files.contains($0) }).codex
        }
        let (loaded, findings) = try loadAndCheckCodex(codex)
        guard findings.errorCount == 0 else {
            write(HumanRenderer(color: color.enabled).render(findings, fileCount: loaded.codex.files.count + 1))
            printError("the codex has errors; fix them before running it")
            throw ExitCode(1)
        }
        return loaded.codex
    }

    private func journalToResume(_ store: SessionStore) throws -> (id: String, contents: JournalContents) {
        let id: String
        if let session {
            id = session
        } else {
            let resumable = store.sessionIDs().compactMap { try? SessionRecord.read($0, in: store) }.filter(\.isResumable)
            guard let latest = resumable.max(by: { $0.lastEventAt < $1.lastEventAt }) else {
                printError("no interrupted or paused session in `\(store.directory)`")
                throw ExitCode(2)
            }
            id = latest.id
        }
        do {
            let contents = try JournalContents.read(store.path(of: id))
            for damage in contents.damaged {
                FileHandle.standardError.write(Data(
                    "warning: journal `\(id)` line \(damage.line) is damaged (\(damage.problem)); the rest is recovered\n".utf8))
            }
            return (id, contents)
        } catch {
            printError(error.message)
            throw ExitCode(2)
        }
    }

    private func resumeSession(_ journal: (id: String, contents: JournalContents), codex: Codex,
                               store: SessionStore) throws -> ChecklistSession {
        do throws(ChecklistError) {
            guard case .start(let situationID, let processID, _)? = journal.contents.events.first?.kind else {
                throw ChecklistError("journal `\(journal.id)` does not begin with a start event")
            }
            guard let situation = codex.situations.first(where: { $0.id.value == situationID }),
                  let process = situation.processes.first(where: { $0.id.value == processID }) else {
                throw ChecklistError("the codex no longer has situation `\(situationID)` with process `\(processID)`")
            }
            return try ChecklistSession(resuming: journal.id, events: journal.contents.events, situation: situation,
                                        process: process, store: store)
        } catch {
            printError(error.message)
            throw ExitCode(2)
        }
    }
}

/// The two ways `kodex run` talks to the agent, behind the steps they share.
private enum FrontEnd {
    case plain(PlainRunner)
    case screen(FullScreenRunner, Codex)

    init(codex: Codex, plain: Bool, color: Bool) throws {
        if plain {
            let console = RunConsole(readLine: { Swift.readLine(strippingNewline: true) }, write: { write($0) })
            self = .plain(PlainRunner(codex: codex, console: console, width: Self.width))
            return
        }
        do { self = .screen(try FullScreenRunner(codex: codex, color: color), codex) } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }

    static var width: Int { max(40, TerminalSize.current?.columns ?? 80) }

    func pickSituation() -> Situation? {
        switch self {
        case .plain(let runner): return runner.pickSituation()
        case .screen(let screen, _): return screen.pickSituation()
        }
    }

    func pickProcess(of situation: Situation) -> KodexModel.Process? {
        switch self {
        case .plain(let runner): return runner.pickProcess(of: situation)
        case .screen(let screen, _): return screen.pickProcess(of: situation)
        }
    }

    func close() {
        if case .screen(let screen, _) = self { screen.close() }
    }

    /// Runs the session; after the full screen closes, the summary or the pause note goes
    /// to the normal screen.
    func drive(_ session: ChecklistSession) {
        switch self {
        case .plain(let runner):
            runner.run(session)
        case .screen(let screen, let codex):
            let ended = screen.run(session)
            screen.close()
            let report = PlainRunner(codex: codex, console: RunConsole(readLine: { nil }, write: { write($0) }), width: Self.width)
            if ended { report.printSummary(session) } else { report.printPaused() }
        }
    }
}
