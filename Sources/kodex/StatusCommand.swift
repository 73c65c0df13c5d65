import ArgumentParser
import KodexValidation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how complete each situation is against the four steps of the method.")

    @Argument(help: "The codex folder, holding codex.yaml.")
    var directory = "."

    func run() throws {
        let loaded = try loadCodex(directory)
        let report = Validator().validate(loaded)
        write(StatusTable.render(SituationStatus.all(of: loaded.codex, report: report)))
    }
}
