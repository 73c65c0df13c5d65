import KodexChecklist
import KodexModel

/// The two ways `kodex run` talks to the agent, behind the steps they share.
public enum RunFrontEnd {
    /// Line by line, on standard input and output.
    case plain(PlainRunner)
    /// The full screen, with the codex the summary is printed from.
    case screen(FullScreenRunner, Codex)

    /// The plain mode, or the full screen, which takes over the terminal.
    ///
    /// - Throws: ``RunError`` when the terminal cannot be switched to raw mode.
    public init(codex: Codex, plain: Bool, color: Bool, console: RunConsole = .standard) throws {
        if plain {
            self = .plain(PlainRunner(codex: codex, console: console))
            return
        }
        self = .screen(try FullScreenRunner(codex: codex, color: color), codex)
    }

    /// Lets the agent pick a situation; `nil` when they quit.
    public func pickSituation() -> Situation? {
        switch self {
        case .plain(let runner): return runner.pickSituation()
        case .screen(let screen, _): return screen.pickSituation()
        }
    }

    /// Lets the agent pick a process of `situation`; `nil` when they quit.
    public func pickProcess(of situation: Situation) -> KodexModel.Process? {
        switch self {
        case .plain(let runner): return runner.pickProcess(of: situation)
        case .screen(let screen, _): return screen.pickProcess(of: situation)
        }
    }

    /// Gives the terminal back, so that what follows lands on the normal screen.
    public func close() {
        if case .screen(let screen, _) = self { screen.close() }
    }

    /// Shows the first step of `process` while the codex is being checked (`checking`)
    /// or the session's journal created.
    public func preview(_ situation: Situation, _ process: KodexModel.Process, checking: Bool = true) {
        switch self {
        case .plain(let runner): runner.preview(situation, process)
        case .screen(let screen, _): screen.preview(situation, process, checking: checking)
        }
    }

    /// The same front end, working from `codex` from now on.
    public func using(_ codex: Codex) -> RunFrontEnd {
        switch self {
        case .plain(let runner):
            return .plain(runner.using(codex))
        case .screen(let screen, _):
            screen.use(codex)
            return .screen(screen, codex)
        }
    }

    /// Runs the session; after the full screen closes, the summary or the pause note goes
    /// to the normal screen.
    public func drive(_ session: ChecklistSession, previewShown: Bool) {
        switch self {
        case .plain(let runner):
            runner.run(session, previewShown: previewShown)
        case .screen(let screen, let codex):
            let ended = screen.run(session)
            screen.close()
            let report = PlainRunner(codex: codex, console: RunConsole(readLine: { nil }, write: RunConsole.standard.write))
            if ended { report.printSummary(session) } else { report.printPaused() }
        }
    }
}
