import ArgumentParser
import Foundation
import KodexQuiz

struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Exam questions on the codex: generate a bank for trainers to review, and export it for a learning platform.",
        subcommands: [QuizGenerateCommand.self, QuizExportCommand.self])
}

struct QuizGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the codex's exam questions into its question bank, keeping every question already there.",
        discussion: """
            The questions come from the codex alone (banned phrases and their substitutes, steps' \
            goals and effects, the order of steps, touchpoints, roles, time targets, expectations, \
            branches), with wrong answers taken from elsewhere in the codex. New questions are \
            drafts (`status: draft`) added at the end of the bank; questions already in the codex \
            are left exactly as trainers left them, and a dropped one (`status: dropped`) is not \
            generated again. A codex with errors is refused and nothing is written.
            """)

    @Argument(help: "The codex folder, holding codex.yaml.")
    var directory = "."

    @Option(name: .long, help: "The bank file (default: kerdesek.yaml, or questions.yaml in an English codex, in the codex folder).")
    var out: String?

    @Option(help: "Colour of diagnostics: auto, always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        do {
            let (update, path, locale) = try QuizGeneration(codexDirectory: directory, bankFile: out).run()
            write(QuizText.generated(update, path: path, locale: locale))
        } catch {
            try reportQuizFailure(error, color: color)
        }
    }
}

struct QuizExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the question bank for a learning platform: Moodle XML, GIFT, a QTI 3.0 package or Anki.",
        discussion: """
            Only questions marked `status: ready` go, unless --drafts; dropped ones never. \
            moodle-xml and gift: one category per situation, the question's stable id as its \
            `idnumber` (Moodle XML) or title (GIFT), so a re-import updates rather than \
            duplicates. qti: a zip with imsmanifest.xml and one item per question. anki: a \
            tab-separated file with a GUID column.
            """)

    @Argument(help: "The codex folder, holding codex.yaml.")
    var directory = "."

    @Option(help: "moodle-xml, gift, qti or anki.")
    var format: QuizFormat

    @Option(name: .long, help: "The output file (default: export/ and a name for the format).")
    var out: String?

    @Flag(help: "Export the questions not yet reviewed too.")
    var drafts = false

    @Option(help: "Colour of diagnostics: auto, always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        let file = out ?? "export/" + format.defaultFileName
        if out == nil { try? FileManager.default.createDirectory(atPath: "export", withIntermediateDirectories: false) }
        do {
            let (result, locale) = try QuizExportJob(codexDirectory: directory, format: format, outputFile: file,
                                                     includeDrafts: drafts).run()
            write(QuizText.exported(result, path: file, locale: locale))
        } catch {
            try reportQuizFailure(error, color: color)
        }
    }
}

/// Prints why a quiz command wrote nothing, and ends with its exit code.
private func reportQuizFailure(_ error: QuizFailure, color: ColorChoice) throws -> Never {
    switch error {
    case .invalid(let report, let fileCount, let locale):
        try refuse(report, fileCount: fileCount, locale: locale, color: color)
    case .unreadable(let failure):
        printError(failure.message)
        throw ExitCode(2)
    case .bank(_, _, let locale), .write(_, let locale), .nothingToExport(_, let locale), .tooManyForPackage(_, let locale):
        printError(error.message, in: locale)
        throw ExitCode(2)
    }
}

extension QuizFormat: ExpressibleByArgument {}
