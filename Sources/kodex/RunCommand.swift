import ArgumentParser
import Foundation
import KodexChecklist
import KodexReports
import KodexSupport
import KodexTerminal

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

    @Option(help: ArgumentHelp("When the session pauses or ends, send the journals to this team store in the background.",
                               valueName: "postgres://USER@HOST:PORT/DB"))
    var push: String?

    func validate() throws {
        if let push, !PostgresAddress.isPostgres(push) {
            throw ValidationError("--push takes a PostgreSQL address, postgres://USER@HOST:PORT/DB")
        }
    }

    func run() throws {
        var request = RunRequest()
        request.situation = situation
        request.codexDirectory = codex
        request.process = process
        request.plain = plain
        request.resume = resume
        request.session = session
        request.journalDirectory = logDir
        request.agent = agent
        request.reference = ref
        request.color = color.enabled
        let status = RunLauncher.launch(request)
        if let push { pushInBackground(to: push) }
        if status != 0 { throw ExitCode(status) }
    }

    /// Sends the journals to the team's store with `kodex sessions push`, in a process of
    /// its own that the agent never waits for. The journal stays the record of truth:
    /// a push that fails (no network, server down) is made good by the next one, since a
    /// push sends whatever the store lacks.
    private func pushInBackground(to address: String) {
        let folder = logDir ?? SessionStore.standard().directory
        guard let kodex = Bundle.main.executablePath else { return }
        try? ChildProcess.startInBackground(kodex, ["sessions", "push", "--db", address, "--log-dir", folder])
    }
}
