import ArgumentParser
import Foundation
import KodexChecklist
import KodexStartup
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

    @Option(help: "The codex folder, holding codex.yaml (default: the current folder; on --resume, the session's codex).")
    var codex: String?

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

    @Option(help: "Who runs the session (default: $KODEX_AGENT, else the login name).")
    var agent: String?

    @Option(help: "The customer or ticket reference the session is about.")
    var ref: String?

    @Option(help: "Colour: auto, always or never. NO_COLOR is respected under auto.")
    var color: ColorChoice = .auto

    func run() throws {
        let store = logDir.map { SessionStore(directory: $0) } ?? SessionStore.standard()
        let resuming = resume || session != nil
        let journal = resuming ? try journalToResume(store) : nil
        let wanted: String? = if let journal, case .start(let id, _, _)? = journal.contents.events.first?.kind { id } else { situation }
        // A resumed session finds its codex where it started, from any folder.
        let directory = codex ?? journal.flatMap(codexFolder(of:)) ?? "."
        let usePlain = plain || isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1 || !TerminalSize.canAddressCursor()
        let opening: RunStart.Loaded
        do {
            opening = try RunStart.load(directory, wanted: wanted, process: process, previewing: journal == nil)
        } catch {
            printError(error.message)
            throw ExitCode(2)
        }
        var codex: Codex
        switch opening {
        case .cached(let cached, _): codex = cached
        case .previewing(let partial, _, _): codex = partial
        case .checked(let outcome): codex = try checkedCodex(outcome)
        }
        // A resumed session is read before the full screen takes the terminal, so that its
        // errors reach the normal screen.
        // The codex's fingerprint: the start-up cache's when it was used, else read afresh.
        let codexHash = { if case .cached(_, let known?) = opening { known } else { RunStart.fingerprint(of: directory) } }
        let resumed = try journal.map { try resumeSession($0, codex: codex, codexHash: codexHash(), store: store) }
        var frontEnd: RunFrontEnd
        do {
            frontEnd = try RunFrontEnd(codex: codex, plain: usePlain, color: color.enabled)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        var previewShown = false
        if case .previewing(_, let preview, let check) = opening {
            if let preview {
                frontEnd.preview(preview.situation, preview.process)
                previewShown = true
            }
            codex = try checkedCodex(check.wait(), beforeRefusing: frontEnd.close)
            frontEnd = frontEnd.using(codex)
        } else if journal == nil, let wanted, let found = codex.situations.first(where: { $0.id.value == wanted }),
                  let process = RunStart.settledProcess(of: found, process) {
            // The checked codex's step goes on screen before the journal is created and
            // flushed: the agent reads while the disk works.
            frontEnd.preview(found, process, checking: false)
            previewShown = true
        }
        let started: ChecklistSession
        if let resumed {
            started = resumed
        } else {
            do {
                guard let chosen = try choose(codex: codex, fallback: frontEnd.pickSituation),
                      let process = try chooseProcess(chosen, locale: codex.manifest.locale,
                                                      fallback: { frontEnd.pickProcess(of: chosen) }) else {
                    frontEnd.close()
                    return
                }
                started = try start(chosen, process, codex: codex, directory: directory, codexHash: codexHash(), store: store)
            } catch let error as RunError {
                // Closed first, so that the message lands on the normal screen.
                frontEnd.close()
                printError(error.message, in: codex.manifest.locale)
                throw ExitCode(2)
            } catch {
                frontEnd.close()
                throw error
            }
        }
        frontEnd.drive(started, previewShown: previewShown)
    }

    /// The codex folder a session's journal names, when it still holds a codex.
    private func codexFolder(of journal: (id: String, contents: JournalContents)) -> String? {
        guard case .start(_, _, let who)? = journal.contents.events.first?.kind, let path = who.codexPath,
              FileManager.default.fileExists(atPath: path + "/" + CodexLoader.manifestName) else { return nil }
        return path
    }

    // MARK: - Steps of the command

    private func choose(codex: Codex, fallback: () -> Situation?) throws -> Situation? {
        guard let situation else { return fallback() }
        switch SituationFilter.find(situation, in: codex.situations, locale: codex.manifest.locale) {
        case .found(let found): return found
        case .several: return fallback()
        case .none: throw RunError(RunText.noSituation(situation, codex.manifest.locale))
        }
    }

    private func chooseProcess(_ situation: Situation, locale: Manifest.Locale,
                               fallback: () -> KodexModel.Process?) throws -> KodexModel.Process? {
        guard let process else { return fallback() }
        guard let found = situation.processes.first(where: { $0.id.value == process }) else {
            throw RunError(RunText.noProcess(situation.id.value, process, locale))
        }
        return found
    }

    private func start(_ situation: Situation, _ process: KodexModel.Process, codex: Codex, directory: String,
                       codexHash: String?, store: SessionStore) throws -> ChecklistSession {
        let attribution = SessionAttribution(
            agent: AgentName.resolve(agent), reference: ref.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 },
            codexTitle: codex.manifest.title?.value ?? "", codexVersion: codex.manifest.version?.value,
            codexPath: URL(fileURLWithPath: directory).standardizedFileURL.path,
            codexHash: codexHash)
        do {
            return try ChecklistSession(situation: situation, process: process, attribution: attribution, store: store)
        } catch {
            throw RunError(error.message(in: codex.manifest.locale))
        }
    }

    /// The codex that passed the check, or its refusal: one that cannot be read exits with
    /// 2, one with errors with 1 after its diagnostics. `beforeRefusing` gives a full
    /// screen's terminal back first, so that the message lands on the normal screen.
    private func checkedCodex(_ outcome: CheckOutcome, beforeRefusing: () -> Void = {}) throws -> Codex {
        switch outcome {
        case .failure(let failure):
            beforeRefusing()
            printError(failure.message)
            throw ExitCode(2)
        case .success(let (loaded, findings)):
            guard findings.errorCount == 0 else {
                beforeRefusing()
                write(HumanRenderer(color: color.enabled).render(findings, fileCount: loaded.codex.files.count + 1))
                printError(RunText.codexHasErrors(loaded.codex.manifest.locale), in: loaded.codex.manifest.locale)
                throw ExitCode(1)
            }
            return loaded.codex
        }
    }

    private func journalToResume(_ store: SessionStore) throws -> (id: String, contents: JournalContents) {
        let id: String
        if let session {
            guard SessionStore.isValidID(session) else {
                printError("`\(session)` is not a session id (see `kodex sessions`)")
                throw ExitCode(2)
            }
            id = session
        } else {
            let resumable = store.resumableSessions()
            guard let latest = resumable.last else {
                let locale = codex.map(Self.locale(of:)) ?? Self.locale(of: ".")
                printError(RunText.nothingToResume(store.directory, locale), in: locale)
                throw ExitCode(2)
            }
            id = resumable.count == 1 ? latest.id : try chooseSession(resumable)
        }
        do {
            return (id, try JournalContents.read(store.path(of: id)))
        } catch {
            printError(error.message)
            throw ExitCode(2)
        }
    }

    /// Lists the sessions that can be resumed, newest first, and reads the agent's
    /// choice; without a terminal to ask at, the newest is taken and named.
    private func chooseSession(_ sessions: [SessionRecord]) throws -> String {
        let newestFirst = Array(sessions.reversed())
        // The codex of the newest session gives the language, before any codex is read.
        let locale = codex.map(Self.locale(of:)) ?? newestFirst[0].attribution.codexPath.map(Self.locale(of:)) ?? Self.locale(of: ".")
        let now = ChecklistSession.systemClock()
        var listing = ""
        for (number, record) in newestFirst.enumerated() {
            let who = [record.attribution.reference, record.attribution.agent.isEmpty ? nil : record.attribution.agent]
                .compactMap { $0 }.joined(separator: " · ")
            listing += "  \(number + 1). \(record.situation) · \(RunText.status(record.status, locale)) · "
                + RunText.age(from: record.lastEventAt, to: now, locale) + (who.isEmpty ? "" : " · \(who)") + "\n"
        }
        guard isatty(STDIN_FILENO) == 1 else {
            FileHandle.standardError.write(Data((RunText.takingNewest(locale) + "\n" + listing).utf8))
            return newestFirst[0].id
        }
        write(RunText.sessionsToResume(locale) + "\n" + listing)
        while true {
            write(RunText.whichSession(newestFirst.count, locale))
            guard let answer = readLine()?.trimmed else { throw ExitCode(2) }
            if answer.isEmpty { return newestFirst[0].id }
            if let number = Int(answer), newestFirst.indices.contains(number - 1) { return newestFirst[number - 1].id }
        }
    }

    /// The language of the codex in `directory`, from its manifest alone; English when it
    /// cannot be read.
    private static func locale(of directory: String) -> Manifest.Locale {
        (try? CodexLoader().manifest(directory: directory))?.locale ?? .en
    }

    private func resumeSession(_ journal: (id: String, contents: JournalContents), codex: Codex, codexHash: String?,
                               store: SessionStore) throws -> ChecklistSession {
        do throws(ChecklistError) {
            guard case .start(let situationID, let processID, _)? = journal.contents.events.first?.kind else {
                throw ChecklistError("journal `\(journal.id)` does not begin with a start event")
            }
            guard let situation = codex.situations.first(where: { $0.id.value == situationID }),
                  let process = situation.processes.first(where: { $0.id.value == processID }) else {
                throw ChecklistError("the codex no longer has situation `\(situationID)` with process `\(processID)`")
            }
            return try ChecklistSession(resuming: journal.id, contents: journal.contents, situation: situation,
                                        process: process, codexHash: codexHash, store: store)
        } catch {
            printError(error.message(in: codex.manifest.locale), in: codex.manifest.locale)
            throw ExitCode(2)
        }
    }
}

/// Who runs a session: `--agent`, else `$KODEX_AGENT`, else the login name.
enum AgentName {
    static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for candidate in [option, environment["KODEX_AGENT"], environment["LOGNAME"], environment["USER"]] {
            if let name = candidate?.trimmed, !name.isEmpty { return name }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "?"
    }
}
