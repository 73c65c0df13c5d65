import ArgumentParser
import KodexQuiz
import KodexValidation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how complete each situation is against the four steps of the method, and how many agents are qualified for it.",
        discussion: "Exits with 0 when the codex has no errors, 1 when it has (as `kodex check` does), 2 for a usage or I/O problem.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "The codex folder, holding codex.yaml.")
    var directory = "."

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func run() throws {
        let loaded = try loadCodex(directory)
        let report = Validator().validate(loaded)
        let statuses = SituationStatus.all(of: loaded.codex, report: report)
        let qualified = ExamStore.standard().qualifiedAgents(in: loaded.codex).mapValues(\.count)
        switch format {
        case .table: write(StatusTable.render(statuses, qualified: qualified))
        case .json: write(StatusTable.json(statuses, report: report, qualified: qualified))
        }
        if report.errorCount > 0 {
            throw ExitCode(1)
        }
    }
}
