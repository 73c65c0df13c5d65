import ArgumentParser
import Foundation
import KodexChecklist
import KodexModel
import KodexPublishing
import KodexReports
import KodexSupport

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "What agents actually did: per situation, per step and per agent, from the session store.",
        discussion: "Import journals first with `kodex sessions import`.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, html
    }

    @Option(help: "The store: a SQLite file (default: $XDG_STATE_HOME/kodex/sessions.sqlite) or postgres://USER@HOST:PORT/DB.")
    var db: String?

    @Option(help: "The codex the sessions ran on, for step titles, targets and required actions (default: the current folder).")
    var codex: String = "."

    @OptionGroup var filters: SessionFilters

    @Option(help: "table, json, csv or html (one offline page with charts).")
    var format: Format = .table

    @Option(help: "For html: where the handbook's HTML site is, relative to the report, for links to each step.")
    var handbook: String = "handbook/html/"

    @Option(help: "Write the report to this file instead of standard output.")
    var out: String?

    @Flag(help: "Include the agents' notes, which are left out by default: a note can hold a customer's personal data.")
    var withNotes = false

    func run() throws {
        let loaded = try loadCodex(codex)
        let hungarian = loaded.codex.manifest.locale == .hu
        do throws(ReportError) {
            let filter = try filters.filter(hungarian: hungarian)
            if let situation = filter.situation, !loaded.codex.situations.contains(where: { $0.id.value == situation }) {
                // A mistyped id would otherwise read as a situation nobody met.
                StandardStream.error.write(hungarian ? "figyelmeztetés: a kódexben nincs `\(situation)` azonosítójú helyzet\n"
                                                     : "warning: the codex has no situation `\(situation)`\n")
            }
            let database = try openSessionDatabase(db, creating: false)
            let report = try SessionReport.make(from: database, filter: filter, codex: loaded.codex, withNotes: withNotes)
            let text: String = switch format {
            case .table: report.table(hungarian: hungarian)
            case .json: report.json
            case .csv: report.csv
            case .html:
                report.html(title: loaded.codex.manifest.title?.value ?? "", hungarian: hungarian,
                            css: PageTemplateSet().styleSheet) { situation, process, step in
                    (handbook.hasSuffix("/") || handbook.isEmpty ? handbook : handbook + "/")
                        + Handbook.stepPath(situation: situation, process: process, step: step)
                }
            }
            if let out {
                // As every file a user names is written: whole or not at all, never through a link.
                do throws(FileReplacementError) { try FileReplacement.write(Array(text.utf8), to: out) } catch {
                    throw ReportError(.store, error.message(in: loaded.codex.manifest.locale))
                }
            } else {
                write(text)
            }
        } catch {
            printError(error.message, in: loaded.codex.manifest.locale)
            throw ExitCode(2)
        }
    }
}

/// Which sessions `kodex report` and `kodex sessions` cover: the same options for both.
struct SessionFilters: ParsableArguments {
    @Option(help: "Only sessions started on or after this day (YYYY-MM-DD, local time).")
    var since: String?

    @Option(help: "Only sessions started before this day (YYYY-MM-DD, local time).")
    var until: String?

    @Option(help: "Only this situation's sessions, by id.")
    var situation: String?

    @Option(help: "Only this agent's sessions.")
    var agent: String?

    /// The filter these options ask for; a day that cannot be read is said in Hungarian
    /// when `hungarian`.
    func filter(hungarian: Bool = false) throws(ReportError) -> ReportFilter {
        var filter = ReportFilter()
        filter.situation = situation
        filter.agent = agent
        filter.since = try since.map { text throws(ReportError) in try Self.day(text, hungarian: hungarian) }
        filter.until = try until.map { text throws(ReportError) in try Self.day(text, hungarian: hungarian) }
        return filter
    }

    /// Midnight, local time, of a day written `YYYY-MM-DD`, in milliseconds since 1970.
    static func day(_ text: String, hungarian: Bool = false) throws(ReportError) -> Int64 {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        if parts.count == 3, text.count == 10 {
            components.year = parts[0]
            components.month = parts[1]
            components.day = parts[2]
        }
        guard components.isValidDate(in: Calendar.current), let date = Calendar.current.date(from: components) else {
            throw ReportError(.date, hungarian ? "`\(text)` nem ÉÉÉÉ-HH-NN alakban írt nap"
                                               : "`\(text)` is not a day written YYYY-MM-DD")
        }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
