import ArgumentParser
import Foundation
import KodexChecklist
import KodexReports
import KodexSupport

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List recorded checklist sessions, export them, or import them into the session store.",
        subcommands: [ListSessions.self, ImportSessions.self, PushSessions.self],
        defaultSubcommand: ListSessions.self)
}

struct ListSessions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List recorded checklist sessions, or export them for trainers (the default).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, jsonl, csv
    }

    @Option(help: "table, jsonl (JSON Lines) or csv.")
    var format: Format = .table

    @Option(help: "Where session journals are kept (default: the XDG state folder).")
    var logDir: String?

    @Option(help: "Read the sessions from this session store (a SQLite file or postgres://…; see `kodex sessions import`) instead of the journals.")
    var db: String?

    @OptionGroup var filters: SessionFilters

    func run() throws {
        let store = logDir.map { SessionStore(directory: $0) } ?? SessionStore.standard()
        var records: [SessionRecord] = []
        var filter = ReportFilter()
        // Where the sessions came from, as messages may show it: a store's address without its password.
        var source = store.directory
        do throws(ReportError) {
            filter = try filters.filter()
            if let db {
                let database = try openSessionDatabase(db, creating: false)
                source = database.location
                try database.forEachSession(filter) { session, events in
                    let contents = JournalContents(events: events, damaged: [])
                    if var record = try? SessionRecord.read(session.id, contents: contents) {
                        record.damagedLines = session.damagedLines
                        records.append(record)
                    }
                }
            }
        } catch {
            printError(error.message)
            throw ExitCode(2)
        }
        if db == nil {
            for id in store.sessionIDs() {
                do {
                    let record = try SessionRecord.read(id, in: store)
                    if filter.keeps(situation: record.situation, agent: record.attribution.agent, startedAt: record.startedAt) {
                        records.append(record)
                    }
                } catch {
                    printError("session `\(id)`: \(error.message)")
                }
            }
        }
        switch format {
        case .jsonl:
            write(records.map { $0.jsonLine + "\n" }.joined())
        case .csv:
            write(SessionRecord.csvHeader + "\n" + records.map { $0.csvRow + "\n" }.joined())
        case .table:
            guard !records.isEmpty else {
                write("no sessions in `\(source)`\n")
                return
            }
            var output = "id".padding(48) + " " + "status".padding(11) + " " + "agent".padding(12) + " " + "ref".padding(12)
                + " steps  items  outcome\n"
            for record in records {
                output += record.id.padding(48) + " " + record.status.padding(11) + " " + record.attribution.agent.padding(12) + " "
                    + (record.attribution.reference ?? "").padding(12) + " "
                    + String(record.stepsVisited).padding(6) + " " + String(record.actionsChecked).padding(6) + " "
                    + (record.outcome ?? "") + "\n"
            }
            write(output)
        }
    }
}

struct ImportSessions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read session journals into the session store, for `kodex report`.",
        discussion: """
            Importing again adds only what the journals gained since; a damaged line is left out and \
            counted. The store is a SQLite file in WAL mode, or a team's PostgreSQL database; several \
            imports may run at once into either.
            """)

    @Argument(help: "Journal folders (default: the journal folder of `kodex run`).")
    var folders: [String] = []

    @Option(help: "The store: a SQLite file (default: $XDG_STATE_HOME/kodex/sessions.sqlite) or postgres://USER@HOST:PORT/DB.")
    var db: String?

    func run() throws {
        try importJournals(from: folders, into: db)
    }
}

struct PushSessions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Upload this machine's session journals to the team's PostgreSQL store.",
        discussion: """
            Only what the store lacks is sent, so a push that failed is made good by the next one. \
            The journals stay on this machine as the record of truth.
            """)

    @Option(help: "The team's store: postgres://USER@HOST:PORT/DB (a password may come from PGPASSWORD).")
    var db: String

    @Option(help: "Where session journals are kept (default: the XDG state folder).")
    var logDir: String?

    func validate() throws {
        guard PostgresAddress.isPostgres(db) else {
            throw ValidationError("push sends journals to a PostgreSQL store: give --db postgres://USER@HOST:PORT/DB "
                                  + "(for a SQLite file, use `kodex sessions import`)")
        }
    }

    func run() throws {
        try importJournals(from: [logDir ?? SessionStore.standard().directory], into: db)
    }
}

/// Imports the journals in `folders` (default: the journal folder) into the store `db`
/// names, and says what it did.
private func importJournals(from folders: [String], into db: String?) throws {
    let folders = folders.isEmpty ? [SessionStore.standard().directory] : folders
    do {
        let database = try openSessionDatabase(db, creating: true)
        let summary = try database.importJournals(from: folders)
        for (path, reason) in summary.unreadable { printError("`\(path)`: \(reason)") }
        // One of each, or any other number of them.
        func counted(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
        for (id, lines) in summary.damaged {
            StandardStream.error.write("warning: session `\(id)`: \(counted(lines, "damaged line", "damaged lines")) left out\n")
        }
        write("imported \(counted(summary.events, "event", "events")): \(counted(summary.added, "new session", "new sessions")), "
              + "\(summary.grown) grown, \(summary.unchanged) unchanged, into `\(database.location)`\n")
    } catch {
        printError(error.message)
        throw ExitCode(2)
    }
}
