import Foundation
import GRDB
import GRDBSQLite
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
                            journal.codexHash, journal.startedAt, journal.lastEventAt, journal.lineCount, journal.damagedLines,
                            journal.outcome, journal.facts,
                        ])
                        var added = 0
                        let first = before ?? 0
                        if first < journal.lineCount {
                            try insert.execute(arguments: [journal.id, first, journal.lines(from: first)])
                            if db.changesCount > 0 { added = journal.lineCount - first }
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

    /// Parts of about as many rows each: reads from one file run side by side in WAL mode.
    /// Each part reads only its own pages (a part that picked its rows from the whole
    /// table, by rowid modulo the parts, read every page once for each part).
    public func factsParts(_ count: Int) throws(ReportError) -> [FactsPart] {
        var bounds: (first: Int64, last: Int64)?
        try read { db in
            // Each in a query of its own, which SQLite answers from the table's ends; asked
            // together, they cost a reading of the whole table.
            let row = try Row.fetchOne(db, sql: "SELECT (SELECT min(rowid) FROM session), (SELECT max(rowid) FROM session)")
            if let first = row?[0] as Int64?, let last = row?[1] as Int64? { bounds = (first, last) }
        }
        guard let bounds else { return [.whole] }
        return FactsPart.ranges(from: bounds.first, through: bounds.last, count)
    }

    public func forEachSessionFacts(_ filter: ReportFilter, in part: FactsPart,
                                    _ body: (StoredSessionRow) -> Void) throws(ReportError) {
        try read { db in
            var range: (sql: [String], arguments: StatementArguments) = ([], [])
            switch part.bounds {
            case .whole: break
            case .rows(let from, let below):
                if let from { range.sql.append("rowid >= ?"); range.arguments += [from] }
                if let below { range.sql.append("rowid < ?"); range.arguments += [below] }
            }
            let part = (sql: range.sql.joined(separator: " AND "), arguments: range.arguments)
            let statement = try statement(db, filter, columns: ", facts", orderedBy: "", also: part)
            let rows = try Row.fetchCursor(statement)
            let sqlite = statement.sqliteStatement
            // The columns are read in place, as SQLite holds them: a `Row`'s values, a
            // string of each column and a copy of the facts were a third of a report.
            while try rows.next() != nil {
                body(StoredSessionRow(
                    id: Self.bytes(sqlite, 0), situation: Self.bytes(sqlite, 1), process: Self.bytes(sqlite, 2),
                    agent: Self.bytes(sqlite, 3),
                    codexVersion: sqlite3_column_type(sqlite, 4) == SQLITE_NULL ? nil : Self.bytes(sqlite, 4),
                    startedAt: sqlite3_column_int64(sqlite, 5), damagedLines: Int(sqlite3_column_int64(sqlite, 6)),
                    facts: Self.bytes(sqlite, 7)))
            }
        }
    }

    /// The text of column `column` of the current row, as SQLite holds it until the next
    /// step: empty for NULL.
    private static func bytes(_ statement: SQLiteStatement, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        // As a blob: the text's bytes where they lie, which SQLite would otherwise copy to
        // end them with a NUL. The bytes first, then their length: SQLite's order.
        guard let bytes = sqlite3_column_blob(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self), count: Int(sqlite3_column_bytes(statement, column)))
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
