import ArgumentParser
import KodexModel
import KodexValidation

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the codex format as JSON Schema, for editors running the YAML language server.",
        discussion: "With --format markdown, print the format reference for consultants instead.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown
    }

    @Option(help: "json (JSON Schema) or markdown (the reference tables).")
    var format: Format = .json

    func run() throws {
        switch format {
        case .json: write(CodexSchema.jsonSchema(checkIDs: Validator.checkNames).pretty)
        case .markdown: write(CodexSchema.markdownReference)
        }
    }
}
