import ArgumentParser
import Foundation
import KodexPublishing
import KodexSupport

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the handbook's page templates (Mustache).",
        subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in page templates to a folder, as a starting point for restyling.",
            discussion: "Never overwrites a file: if any file it would write exists, it writes nothing.")

        @Argument(help: "The folder to write the templates to.")
        var directory: String

        func run() throws {
            let files = PageTemplateSet.defaults
            let manager = FileManager.default
            let existing = files.map { directory + "/" + $0.path }.filter { manager.fileExists(atPath: $0) }
            guard existing.isEmpty else {
                printError("not overwriting existing files: \(existing.map { "`\($0)`" }.joined(separator: ", "))")
                throw ExitCode(2)
            }
            for file in files {
                let path = directory + "/" + file.path
                do {
                    try manager.createDirectory(atPath: parentFolder(of: path),
                                                withIntermediateDirectories: true)
                    try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                } catch {
                    printError("cannot write `\(path)`: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
                write("created \(path)\n")
            }
            write("next: edit them, then run `kodex build --templates \(directory) --out OUT`\n")
        }
    }
}
