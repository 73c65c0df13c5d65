import ArgumentParser
import KodexChanges

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two versions of a codex, element by element.",
        discussion: """
            OLD and NEW are codex folders or git revisions of the repository the codex is in: \
            `kodex diff v1.0` compares that revision with the codex folder, `kodex diff v1.0 v2.0` two revisions. \
            A name that is a folder is read as the folder. Exits with 0 (or 1 under --exit-code when there are changes), \
            2 when a side cannot be read or does not pass its check.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case human, markdown, json
    }

    @Argument(help: "The older side: a codex folder or a git revision.")
    var old: String

    @Argument(help: "The newer side: a codex folder or a git revision (default: the codex folder).")
    var new: String?

    @Option(help: "The codex folder: the newer side by default, and where revisions are looked up.")
    var codex = "."

    @Option(help: "Output format: human, markdown (a changelog for trainers) or json.")
    var format: Format = .human

    @Option(help: "The published handbook's address, which the Markdown changelog links to (default: links relative to its root).")
    var handbook = ""

    @Flag(help: "Exit with 1 when there are changes, as `git diff --exit-code`.")
    var exitCode = false

    @Option(help: "Colour: auto, always or never. NO_COLOR is respected under auto.")
    var color: ColorChoice = .auto

    func run() throws {
        let comparison: CodexComparison
        do {
            comparison = try CodexDiff.compare(old: old, new: new, codexFolder: codex)
        } catch {
            printError(error.message(in: CodexDiff.locale(of: codex)), in: CodexDiff.locale(of: codex))
            throw ExitCode(2)
        }
        switch format {
        case .human: write(HumanChangeRenderer(color: color.enabled).render(comparison))
        case .markdown: write(MarkdownChangeRenderer(handbook: handbook).render(comparison))
        case .json: write(comparison.json)
        }
        if exitCode, !comparison.changes.isEmpty {
            throw ExitCode(1)
        }
    }
}
