import Foundation
import GRDB
import KodexChecklist
import KodexSupport

/// The session store in one SQLite file, through GRDB: the default, for one machine.
///
/// The file is opened in WAL mode with a busy timeout, so imports from several processes
/// at once wait for one another instead of failing or corrupting it; the schema is
/// versioned and migrated.
public final class SQLiteSessionDatabase: SessionDatabase {
    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// The database file.
    public var location: String { path }

    /// Opens (or, with `creating`, creates) the store at `path`, migrating an older schema.
    public init(path: String, creating: Bool = true) throws(ReportError) {
        self.path = path
        guard creating || FileManager.default.fileExists(atPath: path) else {
            throw ReportError(.store, "no session store at `\(path)`; import journals first with `kodex sessions import`")
        }
        do {
            let folder = parentFolder(of: path)
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            // Opening switches a new file to WAL and migrates the schema, neither of which
            // waits for another process doing the same: opening is one process at a time.
            let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if lock >= 0 { flock(lock, LOCK_EX) }
            defer { if lock >= 0 { close(lock) } }
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw ReportError(.store, "cannot open the session store `\(path)`: \(error)")
        }
    }

    /// Where the store lives by default: `$XDG_STATE_HOME/kodex/sessions.sqlite`.
    public static func standardPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/kodex/sessions.sqlite" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/kodex/sessions.sqlite"
    }

    /// The schema's versions, oldest first; a store from an older version gains the rest.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1: sessions and their events") { db in
            try db.execute(sql: """
                CREATE TABLE session (
                    id TEXT PRIMARY KEY NOT NULL,
                    situation TEXT NOT NULL,
                    process TEXT NOT NULL,
                    agent TEXT NOT NULL,
                    reference TEXT,
                    codex_version TEXT,
                    codex_hash TEXT,
                    started_at INTEGER NOT NULL,
                    last_event_at INTEGER NOT NULL,
                    event_count INTEGER NOT NULL,
                    damaged_lines INTEGER NOT NULL
                );
                CREATE TABLE event (
                    session_id TEXT NOT NULL REFERENCES session(id),
                    seq INTEGER NOT NULL,
                    line TEXT NOT NULL,
                    PRIMARY KEY (session_id, seq)
                ) WITHOUT ROWID;
                CREATE INDEX session_started ON session(started_at);
                """)
        }
        migrator.registerMigration("2: the outcome of each session") { db in
            try db.execute(sql: "ALTER TABLE session ADD COLUMN outcome TEXT")
        }
        migrator.registerMigration("3: each session's facts, and its lines in one row per import") { db in
            try db.execute(sql: """
                ALTER TABLE session ADD COLUMN facts TEXT;
                CREATE TABLE journal_part (
                    session_id TEXT NOT NULL REFERENCES session(id),
                    first_seq INTEGER NOT NULL,
                    lines TEXT NOT NULL,
                    PRIMARY KEY (session_id, first_seq)
                );
                """)
            // A part of a few kilobytes sits in a table with rowids: a table without them keeps
            // a row that large on pages of its own, which more than doubled the file.
            // Each session's stored lines become one part, and its facts are worked out from them.
            let sessions = try String.fetchAll(db, sql: "SELECT id FROM session")
            let lines = try db.makeStatement(sql: "SELECT line FROM event WHERE session_id = ? ORDER BY seq")
            let part = try db.makeStatement(sql: "INSERT INTO journal_part (session_id, first_seq, lines) VALUES (?, 0, ?)")
            let facts = try db.makeStatement(sql: "UPDATE session SET facts = ? WHERE id = ?")
            for id in sessions {
                let stored = try String.fetchAll(lines, arguments: [id])
                try part.execute(arguments: [id, stored.joined(separator: "\n")])
                try facts.execute(arguments: [StoredFacts.text(ofLines: stored), id])
            }
            try db.execute(sql: "DROP TABLE event")
        }
        return migrator
    }

    // MARK: - Import

    public func importJournals(from folders: [String]) throws(ReportError) -> SessionImport {
        try ImportedJournal.importInBatches(from: folders) { batch throws(ReportError) in try write(batch) }
    }

    private func write(_ batch: [ImportedJournal]) throws(ReportError) -> [(known: Int?, added: Int)] {
        do {
            // An immediate transaction takes the write lock first: one that read first and
            // then wrote could fail at once when another process had written meanwhile.
            return try pool.writeWithoutTransaction { db in
                var counts: [(known: Int?, added: Int)] = []
                try db.inTransaction(.immediate) {
                    counts = []
                    let upsert = try db.cachedStatement(sql: """
                        INSERT INTO session (id, situation, process, agent, reference, codex_version, codex_hash, started_at,
                                             last_event_at, event_count, damaged_lines, outcome, facts)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET last_event_at = excluded.last_event_at,
                            event_count = excluded.event_count, damaged_lines = excluded.damaged_lines,
                            outcome = excluded.outcome, facts = excluded.facts
                        """)
                    let known = try db.cachedStatement(sql: "SELECT event_count FROM session WHERE id = ?")
                    let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO journal_part (session_id, first_seq, lines) VALUES (?, ?, ?)")
                    for journal in batch {
                        let before = try Int.fetchOne(known, arguments: [journal.id])
                        try upsert.execute(arguments: [
                            journal.id, journal.situation, journal.process, journal.agent, journal.reference, journal.codexVersion,
                            journal.codexHash, journal.startedAt, journal.lastEventAt, journal.lines.count, journal.damagedLines,
                            journal.outcome, journal.facts,
                        ])
                        var added = 0
                        let first = before ?? 0
                        if first < journal.lines.count {
                            try insert.execute(arguments: [journal.id, first, journal.lines[first...].joined(separator: "\n")])
                            if db.changesCount > 0 { added = journal.lines.count - first }
                        }
                        counts.append((before, added))
                    }
                    return .commit
                }
                return counts
            }
        } catch {
            throw ReportError(.store, "cannot write the session store `\(path)`: \(error)")
        }
    }

    // MARK: - Reading

    public func forEachSession(_ filter: ReportFilter,
                               _ body: (StoredSession, [ChecklistEvent]) -> Void) throws(ReportError) {
        try read { db in
            let sessions = try Row.fetchCursor(try statement(db, filter, columns: "", orderedBy: " ORDER BY started_at, id"))
            let parts = try db.makeStatement(sql: "SELECT lines FROM journal_part WHERE session_id = ? ORDER BY first_seq")
            while let row = try sessions.next() {
                let session = Self.session(row)
                var events: [ChecklistEvent] = []
                let lines = try String.fetchCursor(parts, arguments: [session.id])
                while let part = try lines.next() {
                    for line in part.utf8.split(separator: UInt8(ascii: "\n")) {
                        if let event = try? ChecklistEvent(jsonLine: line) { events.append(event) }
                    }
                }
                body(session, events)
            }
        }
    }

    /// One part per core: reads from one file run side by side in WAL mode.
    public var factsParts: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    public func forEachSessionFacts(_ filter: ReportFilter, part: Int, of parts: Int,
                                    _ body: (StoredSession, UnsafeBufferPointer<UInt8>) -> Void) throws(ReportError) {
        try read { db in
            // A part is the rows whose rowid leaves `part` divided by `parts`, read in the
            // table's own order (a report adds its sessions up in any order). Unlike ranges
            // worked out from the table, this holds each row in one part however many rows
            // an import adds while the parts are read, each in a snapshot of its own.
            let part: (sql: String, arguments: StatementArguments) = parts > 1 ? ("rowid % ? = ?", [parts, part]) : ("", [])
            let sessions = try Row.fetchCursor(try statement(db, filter, columns: ", facts", orderedBy: "", also: part))
            while let row = try sessions.next() {
                let session = Self.session(row)
                // The facts are read in place: a copy and a check of each session's text was
                // a tenth of a report.
                try row.withUnsafeData(atIndex: 7) { data in
                    guard let data else { return body(session, UnsafeBufferPointer(start: nil, count: 0)) }
                    data.withUnsafeBytes { body(session, $0.bindMemory(to: UInt8.self)) }
                }
            }
        }
    }

    /// The query of the sessions `filter` keeps, and `also` when given: the session's
    /// columns, then `columns`.
    private func statement(_ db: Database, _ filter: ReportFilter, columns: String, orderedBy order: String,
                           also: (sql: String, arguments: StatementArguments) = ("", [])) throws -> Statement {
        var conditions: [String] = also.sql.isEmpty ? [] : [also.sql]
        var arguments: StatementArguments = also.arguments
        for condition in filter.conditions {
            conditions.append(condition.sql + " ?")
            switch condition.value {
            case .integer(let value): arguments += [value]
            case .text(let value): arguments += [value]
            }
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let statement = try db.makeStatement(sql: """
            SELECT id, situation, process, agent, codex_version, started_at, damaged_lines\(columns) FROM session\(whereClause)\(order)
            """)
        try statement.setArguments(arguments)
        return statement
    }

    private static func session(_ row: Row) -> StoredSession {
        StoredSession(id: row[0], situation: row[1], process: row[2], agent: row[3], codexVersion: row[4],
                      startedAt: row[5], damagedLines: row[6])
    }

    private func read(_ work: (Database) throws -> Void) throws(ReportError) {
        do {
            try pool.read(work)
        } catch {
            throw ReportError(.store, "cannot read the session store `\(path)`: \(error)")
        }
    }
}
