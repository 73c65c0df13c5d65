import ArgumentParser
import Foundation
import KodexSupport
import KodexTerminal
import KodexValidation

extension PaperChecklist.Format: ExpressibleByArgument {}

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Print a paper checklist for one situation.")

    @Argument(help: "The situation's id, or words of its title.")
    var situation: String

    @Option(help: "The codex folder, holding codex.yaml.")
    var codex = "."

    @Option(help: "md, html or txt.")
    var format: PaperChecklist.Format = .txt

    func run() throws {
        // A checklist printed from a codex with errors would put its mistakes on paper.
        let (loaded, report) = try loadAndCheckCodex(codex)
        guard report.errorCount == 0 else {
            StandardStream.error.write(HumanRenderer(color: false).render(report, fileCount: loaded.codex.files.count + 1))
            printError("the codex has errors; fix them before printing a checklist")
            throw ExitCode(1)
        }
        let codex = loaded.codex
        guard case .found(let found) = SituationFilter.find(situation, in: codex.situations, locale: codex.manifest.locale) else {
            printError("no single situation matches `\(situation)`")
            throw ExitCode(2)
        }
        write(PaperChecklist.render(found, codex: codex, format: format))
    }
}
