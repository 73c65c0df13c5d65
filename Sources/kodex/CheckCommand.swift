import ArgumentParser
import Foundation
import KodexPreview
import KodexModel
import KodexValidation
import KodexSupport

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a codex for errors and for what the method still needs.",
        discussion: "Exits with 0 when the codex is clean, 1 when there are errors (or warnings under --strict), 2 for a usage or I/O problem.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case human, json, github
    }

    @Argument(help: "The codex folder, holding codex.yaml.")
    var directory = "."

    @Option(help: "Output format: human, json or github (workflow annotations).")
    var format: Format = .human

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: "Colour: auto, always or never. NO_COLOR is respected under auto.")
    var color: ColorChoice = .auto

    @Flag(help: "Check again after every change to the codex, clearing the screen first; Ctrl-C stops.")
    var watch = false

    func run() throws {
        if watch {
            // A folder that is no codex ends the command, as without --watch.
            do { _ = try CodexLoader().manifest(directory: directory) } catch {
                printError(error.message)
                throw ExitCode(2)
            }
            return runWatching()
        }
        // A clean check also lets the next `kodex run` of this codex start from the cache.
        let (loaded, report) = try loadAndCheckCodex(directory)
        let fileCount = loaded.codex.files.count + 1
        releaseInBackground(consume loaded)
        write(Self.render(report, fileCount: fileCount, format: format, color: color.enabled))
        if report.fails(strict: strict) {
            throw ExitCode(1)
        }
    }

    /// Checks until interrupted: each round clears a terminal (a pipe gets a blank line
    /// instead) and shows the time and the result.
    private func runWatching() {
        let directory = self.directory, format = self.format, colored = color.enabled
        let locale = CodexLoader().locale(directory: directory)
        let terminal = isatty(STDOUT_FILENO) == 1
        waitFor {
            await WatchedCheck(codexDirectory: directory).run { outcome in
                var text = terminal ? "\u{1B}[H\u{1B}[2J\u{1B}[3J" : "\n"
                text += WatchedCheck.heading(directory, at: Date(), locale) + "\n\n"
                switch outcome {
                case .checked(let report, let fileCount):
                    text += Self.render(report, fileCount: fileCount, format: format, color: colored)
                case .unreadable(let message):
                    text += locale.failure(message) + "\n"
                }
                write(text)
            }
        }
    }

    /// The report in the format asked for.
    private static func render(_ report: ValidationReport, fileCount: Int, format: Format, color: Bool) -> String {
        switch format {
        case .human: HumanRenderer(color: color).render(report, fileCount: fileCount)
        case .json: JSONRenderer().render(report, fileCount: fileCount)
        case .github: GitHubRenderer().render(report)
        }
    }
}
