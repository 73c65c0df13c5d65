import ArgumentParser
import Foundation
import KodexPublishing
import KodexQuiz
import KodexSupport
import KodexTerminal

struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Exam questions on the codex: generate a bank for trainers to review, and export it for a learning platform.",
        subcommands: [QuizGenerateCommand.self, QuizExportCommand.self, QuizTakeCommand.self, QuizResultsCommand.self])
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
            let (update, path, locale, included) = try QuizGeneration(codexDirectory: directory, bankFile: out).run()
            write(QuizText.generated(update, path: path, locale: locale, included: included))
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

struct QuizTakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "take",
        abstract: "Take the exam in the terminal: one question at a time, keyboard only; a stopped exam goes on where it stopped.",
        discussion: """
            The exam asks the bank's questions marked `status: ready`: those of SITUATION and \
            those all situations share, or every one without SITUATION. Each answer is written \
            to the exam's journal before the next question, so an exam stopped by Esc, Ctrl-C \
            or a killed terminal is taken up again, with every answer kept, by the same command. \
            The result is compared with the pass mark of `qualification` in codex.yaml.
            """)

    @Argument(help: "The situation: its id, or words of its title. Without it, the exam covers the whole codex.")
    var situation: String?

    @Option(help: "The codex folder, holding codex.yaml (default: the current folder).")
    var codex: String?

    @Option(help: "Who takes the exam (default: $KODEX_AGENT, else the login name).")
    var agent: String?

    @Flag(help: "Line-by-line prompts for screen readers and scripts.")
    var plain = false

    @Flag(help: "Ask the questions not yet reviewed too, to try the exam out.")
    var drafts = false

    @Option(help: "Where exam journals are kept (default: the XDG state folder).")
    var journalDir: String?

    @Option(help: "Colour: auto, always or never. NO_COLOR is respected under auto.")
    var color: ColorChoice = .auto

    func run() throws {
        var request = ExamRequest()
        request.situation = situation
        request.codexDirectory = codex ?? "."
        request.agent = agent
        request.plain = plain
        request.drafts = drafts
        request.color = color.enabled
        if let journalDir { request.store = ExamStore(directory: journalDir) }
        let status = ExamRunner.run(request)
        if status != 0 { throw ExitCode(status) }
    }
}

struct QuizResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "The exams' results: each agent against the pass mark, the hardest questions, each situation, and the spread.",
        discussion: """
            Each agent's latest finished exam per situation counts. The spread gives the mean \
            and standard deviation of the results and names those more than one standard \
            deviation below the mean. Pass marks come from `qualification` in codex.yaml \
            (80% by default). html: one offline page in the handbook's style, the distribution \
            drawn as a chart.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, html }

    @Option(help: "The codex folder, for pass marks and question texts (default: the current folder).")
    var codex: String?

    @Option(help: "table, json, csv or html.")
    var format: Format = .table

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: "Where exam journals are kept (default: the XDG state folder).")
    var journalDir: String?

    func run() throws {
        let loaded = try loadCodex(codex ?? ".")
        let store = journalDir.map { ExamStore(directory: $0) } ?? ExamStore.standard()
        let results = ExamResults(records: store.records(), codex: loaded.codex)
        let text: String = switch format {
        case .table: results.table
        case .json: results.json
        case .csv: results.csv
        case .html: results.html(title: loaded.codex.manifest.title?.value ?? "", css: PageTemplateSet().styleSheet)
        }
        guard let out else {
            write(text)
            return
        }
        do {
            try FileReplacement.write(Array(text.utf8), to: out)
        } catch {
            printError(error.message(in: loaded.codex.manifest.locale), in: loaded.codex.manifest.locale)
            throw ExitCode(2)
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
