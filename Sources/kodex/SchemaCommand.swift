import ArgumentParser
import KodexModel

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the codex format as JSON Schema, for editors running the YAML language server.")

    func run() throws {
        write(CodexSchema.jsonSchema.pretty)
    }
}
