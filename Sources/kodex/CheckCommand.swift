import ArgumentParser
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

    func run() throws {
        // A clean check also lets the next `kodex run` of this codex start from the cache.
        let (loaded, report) = try loadAndCheckCodex(directory)
        let fileCount = loaded.codex.files.count + 1
        releaseInBackground(consume loaded)
        switch format {
        case .human: write(HumanRenderer(color: color.enabled).render(report, fileCount: fileCount))
        case .json: write(JSONRenderer().render(report, fileCount: fileCount))
        case .github: write(GitHubRenderer().render(report))
        }
        if report.fails(strict: strict) {
            throw ExitCode(1)
        }
    }
}
