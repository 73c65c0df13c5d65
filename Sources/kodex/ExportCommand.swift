import ArgumentParser
import KodexExports
import KodexPublishing
import KodexValidation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the codex to a helpdesk (Zendesk, Freshdesk, Help Scout) or as BPMN process models.",
        discussion: """
            zendesk: a macro per message template, a trigger per acknowledgement or status notice, \
            and an SLA policy of the time targets marked with `sla`. freshdesk: canned responses. \
            helpscout: saved replies. Each file is the body of one create request of the vendor's \
            API, for your own curl (Kodex makes no network call); the placeholders and role groups \
            come from `helpdesk` in codex.yaml. bpmn: one BPMN 2.0 file per situation. \
            A codex with errors is refused and nothing is written; OUT must be new, empty or an \
            earlier export of the same kind, and a re-export lists what to create, update and \
            delete since then.
            """)

    @Argument(help: "What to export for: zendesk, freshdesk, helpscout or bpmn.")
    var target: ExportTarget

    @Argument(help: "The codex folder, holding codex.yaml.")
    var directory = "."

    @Option(name: .long, help: "The output folder (default: export/TARGET).")
    var out: String?

    @Option(help: "For bpmn: export only the situation with this id.")
    var situation: String?

    @Option(help: "Colour of diagnostics: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if situation != nil && target != .bpmn {
            throw ValidationError("--situation applies to the bpmn export only")
        }
    }

    func run() throws {
        let folder = out ?? "export/\(target.rawValue)"
        let export = CodexExport(codexDirectory: directory, outputDirectory: folder, target: target, situation: situation)
        do {
            let result = try export.run()
            write(ExportText.report(result, target: target, in: folder))
        } catch {
            switch error {
            case .invalid(let report, let fileCount, let locale):
                try refuse(report, fileCount: fileCount, locale: locale, color: color)
            case .unreadable(let failure):
                printError(failure.message)
                throw ExitCode(2)
            case .notEnabled(_, let locale), .unknownSituation(_, _, let locale), .write(_, let locale):
                printError(error.message, in: locale)
                throw ExitCode(2)
            }
        }
    }
}

extension ExportTarget: ExpressibleByArgument {}
