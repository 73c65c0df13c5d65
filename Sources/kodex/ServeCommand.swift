import ArgumentParser
import Foundation
import KodexModel
import KodexPreview
import KodexSupport
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTML handbook on a local address and rebuild it on every change.",
        discussion: """
            Builds the handbook in memory (nothing is written anywhere), serves it on \
            http://127.0.0.1:PORT/, and watches the codex folder and --templates. Open pages \
            reload by themselves after each save and keep their scroll position; while the codex \
            has errors, they show them over the last good build. Ctrl-C stops it.
            """)

    @Argument(help: "The codex folder, holding codex.yaml.")
    var directory = "."

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8000

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "A folder of page templates that replace the built-in ones (see `kodex templates export`).")
    var templates: String?

    @Flag(help: "Open the handbook in the default browser once it is served.")
    var open = false

    func run() throws {
        let server = PreviewServer(codexDirectory: directory, templatesDirectory: templates, host: host, port: port)
        let open = self.open
        let failure = Mutex<PreviewServer.Failure?>(nil)
        waitFor {
            do throws(PreviewServer.Failure) {
                try await server.run { event, locale in
                    switch event {
                    case .listening(let address):
                        write(PreviewText.listening(address, locale) + "\n")
                        if open { try? ChildProcess.startInBackground("/usr/bin/env", ["xdg-open", address]) }
                    case .built(let outcome, let duration):
                        write(PreviewText.built(outcome, in: duration, locale) + "\n")
                    }
                }
            } catch {
                failure.withLock { $0 = error }
            }
        }
        if let error = failure.withLock({ $0 }) {
            printError(error.message, in: CodexLoader().locale(directory: directory))
            throw ExitCode(2)
        }
    }
}
