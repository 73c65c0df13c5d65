import ArgumentParser
import Foundation
import KodexPublishing
import KodexSupport
import KodexValidation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Publish the handbook as Markdown and as an HTML site.",
        discussion: """
            Writes OUT/md/ and OUT/html/. A codex with errors is refused and nothing is written. \
            OUT must be new, empty, or an earlier build's output: Kodex never overwrites or deletes \
            a file it did not write.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case all, md, html
    }

    @Argument(help: "The codex folder, holding codex.yaml.")
    var directory = "."

    @Option(name: .long, help: "The output folder.")
    var out: String

    @Option(help: "What to publish: all, md or html.")
    var format: Format = .all

    @Flag(help: "Write the HTML handbook as one file, html/handbook.html, for e-mail or printing.")
    var singleFile = false

    @Flag(help: "Also print the handbook to OUT/pdf/handbook.pdf with headless Chromium (A4, page numbers).")
    var pdf = false

    @Option(help: "A folder of page templates that replace the built-in ones (see `kodex templates export`).")
    var templates: String?

    @Option(help: "Mark the steps and glossary entries new or changed since this version (a codex folder or a git revision), and add a \"what's new\" page.")
    var since: String?

    @Option(help: "Colour of diagnostics: auto, always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        let formats: Set<Handbook.Format> = switch format {
        case .all: [.markdown, .html]
        case .md: [.markdown]
        case .html: [.html]
        }
        let printer = pdf ? PDFPrinter.find() : nil
        let build = HandbookBuild(codexDirectory: directory, outputDirectory: out, formats: formats,
                                  singleFile: singleFile, templatesDirectory: templates)
            .printing(with: printer).comparing(since: since)
        let locale = build.locale
        do {
            let (summary, report) = try build.run { write($0 + "\n") }
            if report.warningCount > 0 { write(BuildText.warnings(report.warningCount, locale) + "\n") }
            write(BuildText.summary(summary, in: out, locale) + "\n")
            if pdf && printer == nil {
                let warning = locale == .hu ? "figyelmeztetés: " : "warning: "
                StandardStream.error.write(warning + PDFPrinter.installHint(in: locale) + "\n")
            }
        } catch {
            switch error {
            case .unreadable(let failure):
                printError(failure.message)
                throw ExitCode(2)
            case .invalid(let report, let fileCount):
                try refuse(report, fileCount: fileCount, locale: locale, color: color)
            case .since(let failure):
                printError(failure.message(in: locale), in: locale)
                throw ExitCode(2)
            case .step(let step, let failure):
                printError("\(step): \(failure.message(in: locale))", in: locale)
                throw ExitCode(2)
            }
        }
    }
}
