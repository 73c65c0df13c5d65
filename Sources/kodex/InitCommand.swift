import ArgumentParser
import KodexModel

extension Manifest.Locale: ExpressibleByArgument {}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a codex: a manifest and the six situations of the method as stubs.",
        discussion: "Never overwrites a file: if any file it would write exists, it writes nothing.")

    @Argument(help: "The folder to create the codex in.")
    var directory: String

    @Option(help: "The language of the codex: hu or en.")
    var locale: Manifest.Locale = .hu

    @Option(help: "The codex's title.")
    var title = "Értékesítési és ügyfélkezelési kódex"

    func run() throws {
        do {
            let written = try CodexScaffold.write(to: directory, locale: locale, title: title)
            for path in written { write("created \(path)\n") }
            write("next: run `kodex check \(directory)` to see what is still to write\n")
        } catch {
            printError(error.message)
            throw ExitCode(2)
        }
    }
}
