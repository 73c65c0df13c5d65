import ArgumentParser
import KodexModel

/// The `kodex` command: author, check and publish a sales and customer-handling codex.
struct Kodex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kodex",
        abstract: "Write, check and publish a sales and customer-handling codex.",
        version: KodexVersion.current,
        subcommands: [
            CheckCommand.self, StatusCommand.self, DiffCommand.self, BuildCommand.self, ServeCommand.self, ExportCommand.self, QuizCommand.self, RunCommand.self, SessionsCommand.self, ReportCommand.self,
            ChecklistCommand.self, InitCommand.self, TemplatesCommand.self,
            ChecksCommand.self, ExplainCommand.self, SchemaCommand.self,
        ])
}
