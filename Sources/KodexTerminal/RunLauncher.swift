import Foundation
import KodexChecklist
import KodexModel
import KodexQuiz
import KodexStartup
import KodexSupport
import KodexValidation

/// What `kodex run` was asked for, as its options say.
public struct RunRequest: Sendable {
    /// The situation: its id, or words of its title; `nil` opens a picker.
    public var situation: String?
    /// The codex folder; `nil` is the current folder, or a resumed session's codex.
    public var codexDirectory: String?
    /// The process, when the situation has several.
    public var process: String?
    /// Line-by-line mode, whatever the terminal.
    public var plain = false
    /// Continue the latest interrupted or paused session, or the one `session` names.
    public var resume = false
    /// The session to resume, by id.
    public var session: String?
    /// Where session journals are kept; `nil` is the XDG state folder.
    public var journalDirectory: String?
    /// Who runs the session; `nil` is `$KODEX_AGENT`, else the login name.
    public var agent: String?
    /// The customer or ticket reference the session is about.
    public var reference: String?
    /// Whether to colour the full screen and the findings.
    public var color = false
    /// The environment, which locates the start-up cache and names the agent.
    public var environment = ProcessInfo.processInfo.environment
    /// Where exam journals are kept, for the qualification a situation may require; nil is
    /// the standard folder of the environment.
    public var examStore: ExamStore?

    /// A request with every option at its default.
    public init() {}
}

/// `kodex run` from its options to its exit status: which codex to read and how fast,
/// which journal to resume, which situation and process to start, and which front end
/// drives the session. The command only parses its options and calls ``launch(_:console:errors:)``.
public enum RunLauncher {
    /// Runs the request; returns the exit status: 0 when the session ran (or the agent
    /// quit the picker), 1 when the codex has errors, 2 when the run could not start.
    ///
    /// - Parameters:
    ///   - console: where plain mode, findings and the session list are read and written.
    ///   - errors: where failures go, one line each, already prefixed (`hiba:`/`error:`).
    public static func launch(_ request: RunRequest, console: RunConsole = .standard,
                              errors: @escaping (String) -> Void = standardError) -> Int32 {
        let launch = Launch(request: request, console: console, errors: errors)
        do {
            try launch.run()
            return 0
        } catch {
            return error.status
        }
    }

    /// Writes a line to standard error.
    public static func standardError(_ line: String) {
        StandardStream.error.write(line + "\n")
    }
}

/// Why a launch stopped, as an exit status; the message has been written.
private struct Stop: Error {
    var status: Int32
}

private struct Launch {
    let request: RunRequest
    let console: RunConsole
    let errors: (String) -> Void

    func fail(_ message: String, in locale: Manifest.Locale = .en) {
        errors(locale.failure(message))
    }

    func run() throws(Stop) {
        let environment = request.environment
        let store = request.journalDirectory.map { SessionStore(directory: $0) } ?? SessionStore.standard(environment: environment)
        let resuming = request.resume || request.session != nil
        let journal = resuming ? try journalToResume(store) : nil
        let wanted: String? = if let journal, case .start(let id, _, _)? = journal.contents.events.first?.kind { id }
            else { request.situation }
        // A resumed session finds its codex where it started, from any folder.
        let directory = request.codexDirectory ?? journal.flatMap(Self.codexFolder(of:)) ?? "."
        let usePlain = !TerminalSize.allowsFullScreen(plainAsked: request.plain, environment: request.environment)
        let opening: RunStart.Loaded
        do {
            opening = try RunStart.load(directory, wanted: wanted, process: request.process, previewing: journal == nil,
                                        environment: request.environment)
        } catch {
            fail(error.message)
            throw Stop(status: 2)
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
        let codexHash = { if case .cached(_, let known?) = opening { known } else { RunStart.fingerprint(of: directory, environment: environment) } }
        let resumed = try journal.map { journal throws(Stop) in
            try resumeSession(journal, codex: codex, codexHash: codexHash(), store: store)
        }
        // A situation named on the command line is checked for qualification before the
        // full screen takes the terminal, so that a warning stays readable.
        var qualificationChecked: String?
        if journal == nil, let wanted, case .found(let found) = SituationFilter.find(wanted, in: codex.situations, locale: codex.manifest.locale) {
            if let warning = try qualificationWarning(found, codex: codex) { warn(warning, codex: codex) }
            qualificationChecked = found.id.value
        }
        var lateWarning: String?
        var frontEnd: RunFrontEnd
        do {
            frontEnd = try RunFrontEnd(codex: codex, plain: usePlain, color: request.color, console: console)
        } catch {
            fail("\(error)")
            throw Stop(status: 2)
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
                  let process = RunStart.settledProcess(of: found, request.process) {
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
                if qualificationChecked != chosen.id.value,
                   let warning = try qualificationWarning(chosen, codex: codex, closing: { frontEnd.close() }) {
                    // The full screen would hide it now: it is said when the session stops.
                    if usePlain { warn(warning, codex: codex) } else { lateWarning = warning }
                }
                started = try start(chosen, process, codex: codex, directory: directory, codexHash: codexHash(), store: store)
            } catch let stop as Stop {
                throw stop
            } catch let error as RunError {
                // Closed first, so that the message lands on the normal screen.
                frontEnd.close()
                fail(error.message, in: codex.manifest.locale)
                throw Stop(status: 2)
            } catch {
                frontEnd.close()
                fail(String(describing: error), in: codex.manifest.locale)
                throw Stop(status: 2)
            }
        }
        frontEnd.drive(started, previewShown: previewShown)
        if let lateWarning { warn(lateWarning, codex: codex) }
    }

    // MARK: - Qualification

    /// Why `agent` may not be qualified for `situation`: nil when the situation requires
    /// no exam or the agent passed it.
    private func qualificationProblem(_ situation: Situation, codex: Codex) -> String? {
        let qualification = codex.manifest.qualification
        let id = situation.id.value
        guard qualification.requires(id) else { return nil }
        let agent = AgentName.resolve(request.agent, environment: request.environment)
        let exams = request.examStore ?? ExamStore.standard(environment: request.environment)
        guard !exams.hasPassed(agent: agent, situation: id, codex: codex) else { return nil }
        return RunText.notQualified(agent: agent, situation: situation.title?.value ?? id, id: id,
                                    passMark: qualification.passMark(for: id), codex.manifest.locale)
    }

    /// The warning to give when the agent has not passed the situation's exam; when the
    /// manifest refuses such an agent, `closing` gives the terminal back, the refusal is
    /// said, and the launch stops.
    private func qualificationWarning(_ situation: Situation, codex: Codex, closing: () -> Void = {}) throws(Stop) -> String? {
        guard let problem = qualificationProblem(situation, codex: codex) else { return nil }
        if codex.manifest.qualification.enforcement == .refuse {
            closing()
            fail(problem, in: codex.manifest.locale)
            throw Stop(status: 2)
        }
        return problem
    }

    private func warn(_ message: String, codex: Codex) {
        errors((codex.manifest.locale == .hu ? "figyelem: " : "warning: ") + message)
    }

    /// The codex folder a session's journal names, when it still holds a codex.
    private static func codexFolder(of journal: (id: String, contents: JournalContents)) -> String? {
        guard case .start(_, _, let who)? = journal.contents.events.first?.kind, let path = who.codexPath,
              FileManager.default.fileExists(atPath: path + "/" + CodexLoader.manifestName) else { return nil }
        return path
    }

    // MARK: - Steps of the launch

    private func choose(codex: Codex, fallback: () -> Situation?) throws(RunError) -> Situation? {
        guard let situation = request.situation else { return fallback() }
        switch SituationFilter.find(situation, in: codex.situations, locale: codex.manifest.locale) {
        case .found(let found): return found
        case .several: return fallback()
        case .none: throw RunError(.noSituation, RunText.noSituation(situation, codex.manifest.locale))
        }
    }

    private func chooseProcess(_ situation: Situation, locale: Manifest.Locale,
                               fallback: () -> KodexModel.Process?) throws(RunError) -> KodexModel.Process? {
        guard let process = request.process else { return fallback() }
        guard let found = situation.processes.first(where: { $0.id.value == process }) else {
            throw RunError(.noProcess, RunText.noProcess(situation.id.value, process, locale))
        }
        return found
    }

    private func start(_ situation: Situation, _ process: KodexModel.Process, codex: Codex, directory: String,
                       codexHash: String?, store: SessionStore) throws(RunError) -> ChecklistSession {
        let attribution = SessionAttribution(
            agent: AgentName.resolve(request.agent, environment: request.environment),
            reference: request.reference.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 },
            codexTitle: codex.manifest.title?.value ?? "", codexVersion: codex.manifest.version?.value,
            codexPath: URL(fileURLWithPath: directory).standardizedFileURL.path,
            codexHash: codexHash)
        do {
            return try ChecklistSession(situation: situation, process: process, attribution: attribution, store: store)
        } catch {
            throw RunError(.journal, error.message(in: codex.manifest.locale))
        }
    }

    /// The codex that passed the check, or its refusal: one that cannot be read stops
    /// with 2, one with errors with 1 after its findings. `beforeRefusing` gives a full
    /// screen's terminal back first, so that the message lands on the normal screen.
    private func checkedCodex(_ outcome: CheckOutcome, beforeRefusing: () -> Void = {}) throws(Stop) -> Codex {
        switch outcome {
        case .failure(let failure):
            beforeRefusing()
            fail(failure.message)
            throw Stop(status: 2)
        case .success(let (loaded, findings)):
            guard findings.errorCount == 0 else {
                beforeRefusing()
                console.write(HumanRenderer(color: request.color).render(findings, fileCount: loaded.codex.files.count + 1))
                fail(RunText.codexHasErrors(loaded.codex.manifest.locale), in: loaded.codex.manifest.locale)
                throw Stop(status: 1)
            }
            return loaded.codex
        }
    }

    private func journalToResume(_ store: SessionStore) throws(Stop) -> (id: String, contents: JournalContents) {
        let id: String
        if let session = request.session {
            guard SessionStore.isValidID(session) else {
                fail("`\(session)` is not a session id (see `kodex sessions`)")
                throw Stop(status: 2)
            }
            id = session
        } else {
            let resumable = store.resumableSessions()
            guard let latest = resumable.last else {
                let locale = request.codexDirectory.map(CodexLoader().locale(directory:)) ?? CodexLoader().locale(directory: ".")
                fail(RunText.nothingToResume(store.directory, locale), in: locale)
                throw Stop(status: 2)
            }
            id = resumable.count == 1 ? latest.id : try chooseSession(resumable)
        }
        do {
            return (id, try JournalContents.read(store.path(of: id)))
        } catch {
            fail(error.message)
            throw Stop(status: 2)
        }
    }

    /// Lists the sessions that can be resumed, newest first, and reads the agent's
    /// choice; without a terminal to ask at, the newest is taken and named.
    private func chooseSession(_ sessions: [SessionRecord]) throws(Stop) -> String {
        let newestFirst = Array(sessions.reversed())
        // The codex of the newest session gives the language, before any codex is read.
        let locale = request.codexDirectory.map(CodexLoader().locale(directory:))
            ?? newestFirst[0].attribution.codexPath.map(CodexLoader().locale(directory:)) ?? CodexLoader().locale(directory: ".")
        let now = ChecklistSession.systemClock()
        var listing = ""
        for (number, record) in newestFirst.enumerated() {
            let who = [record.attribution.reference, record.attribution.agent.isEmpty ? nil : record.attribution.agent]
                .compactMap { $0 }.joined(separator: " · ")
            listing += "  \(number + 1). \(record.situation) · \(RunText.status(record.status, locale)) · "
                + RunText.age(from: record.lastEventAt, to: now, locale) + (who.isEmpty ? "" : " · \(who)") + "\n"
        }
        guard isatty(STDIN_FILENO) == 1 else {
            errors(RunText.takingNewest(locale) + "\n" + listing.dropLast())
            return newestFirst[0].id
        }
        console.write(RunText.sessionsToResume(locale) + "\n" + listing)
        while true {
            console.write(RunText.whichSession(newestFirst.count, locale))
            guard let answer = console.readLine()?.trimmed else { throw Stop(status: 2) }
            if answer.isEmpty { return newestFirst[0].id }
            if let number = Int(answer), newestFirst.indices.contains(number - 1) { return newestFirst[number - 1].id }
        }
    }

    private func resumeSession(_ journal: (id: String, contents: JournalContents), codex: Codex, codexHash: String?,
                               store: SessionStore) throws(Stop) -> ChecklistSession {
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
            fail(error.message(in: codex.manifest.locale), in: codex.manifest.locale)
            throw Stop(status: 2)
        }
    }
}

/// Who runs a session: `--agent`, else `$KODEX_AGENT`, else the login name.
public enum AgentName {
    /// The name to record for `option`, read from `environment` when `option` is absent.
    public static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for candidate in [option, environment["KODEX_AGENT"], environment["LOGNAME"], environment["USER"]] {
            if let name = candidate?.trimmed, !name.isEmpty { return name }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "?"
    }
}
