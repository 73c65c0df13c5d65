import Foundation
import GRDB
import KodexChecklist
import KodexSupport

/// The session store: every imported journal's events, in SQLite.
///
/// Each event is kept as its journal line, so the store loses nothing a journal says and
/// a report replays a session exactly as `kodex run` would. The file is opened in WAL
/// mode with a busy timeout, so imports from several processes at once wait for one
/// another instead of failing or corrupting it; the schema is versioned and migrated.
public final class SessionDatabase: Sendable {
    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens (or, with `creating`, creates) the store at `path`, migrating an older schema.
    public init(path: String, creating: Bool = true) throws(ReportError) {
        self.path = path
        guard creating || FileManager.default.fileExists(atPath: path) else {
            throw ReportError(.store, "no session store at `\(path)`; import journals first with `kodex sessions import`")
        }
        do {
            let folder = (path as NSString).deletingLastPathComponent
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
        return migrator
    }

    // MARK: - Import

    /// What an import did.
    public struct ImportSummary: Sendable {
        /// Sessions seen for the first time.
        public var added = 0
        /// Sessions that had grown since they were last imported.
        public var grown = 0
        /// Sessions already imported whole.
        public var unchanged = 0
        /// Events added.
        public var events = 0
        /// Journals with damaged lines, each with the number of lines left out.
        public var damaged: [(id: String, lines: Int)] = []
        /// Files that could not be read as journals, with why.
        public var unreadable: [(path: String, reason: String)] = []
    }

    /// Imports every journal (`*.jsonl`) in `folders`: a session imported before gains
    /// only the events written since, so importing twice counts each session once. A
    /// damaged line is left out and counted; the good lines around it are imported.
    ///
    /// Sessions are written a few hundred to a transaction: a transaction each made the
    /// disk's flushes the whole cost of an import.
    public func importJournals(from folders: [String]) throws(ReportError) -> ImportSummary {
        var summary = ImportSummary()
        var files: [(id: String, path: String)] = []
        for folder in folders {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".jsonl") }.sorted()
            if names.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                throw ReportError(.noJournals, "no journal folder at `\(folder)`")
            }
            for name in names {
                let id = String(name.dropLast(".jsonl".count))
                if SessionStore.isValidID(id) { files.append((id, folder + "/" + name)) }
            }
        }
        // Journals are read and decoded on every core, a batch at a time, and each batch
        // written in one transaction.
        var start = 0
        while start < files.count {
            let slice = Array(files[start ..< min(files.count, start + 500)])
            let read = concurrentMap(slice.count) { index in
                Result { () throws(JournalError) in try JournalContents.read(slice[index].path) }
            }
            var batch: [(id: String, path: String, contents: JournalContents)] = []
            for (file, result) in zip(slice, read) {
                switch result {
                case .success(let contents): batch.append((file.id, file.path, contents))
                case .failure(let error): summary.unreadable.append((file.path, error.message))
                }
            }
            try write(batch, into: &summary)
            start += slice.count
        }
        return summary
    }

    private func write(_ batch: [(id: String, path: String, contents: JournalContents)],
                       into summary: inout ImportSummary) throws(ReportError) {
        guard !batch.isEmpty else { return }
        do {
            // An immediate transaction takes the write lock first: one that read first and
            // then wrote could fail at once when another process had written meanwhile.
            summary = try pool.writeWithoutTransaction { [summary] db in
                var summary = summary
                try db.inTransaction(.immediate) {
                    for (id, path, contents) in batch {
                        guard case .start(let situation, let process, let who)? = contents.events.first?.kind,
                              let first = contents.events.first, let last = contents.events.last else {
                            summary.unreadable.append((path, "the journal does not begin with a start event"))
                            continue
                        }
                        let lines = contents.events.map(\.jsonLine)
                        let outcome: String? = contents.events.reversed().lazy.compactMap { event -> String? in
                            if case .end(_, let outcome) = event.kind { outcome } else { nil }
                        }.first
                        let known = try Int.fetchOne(db, sql: "SELECT event_count FROM session WHERE id = ?", arguments: [id])
                        try db.execute(sql: """
                            INSERT INTO session (id, situation, process, agent, reference, codex_version, codex_hash, started_at,
                                                 last_event_at, event_count, damaged_lines, outcome)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT(id) DO UPDATE SET last_event_at = excluded.last_event_at,
                                event_count = excluded.event_count, damaged_lines = excluded.damaged_lines,
                                outcome = excluded.outcome
                            """, arguments: [id, situation, process, who.agent, who.reference, who.codexVersion, who.codexHash,
                                             first.time, last.time, lines.count, contents.damaged.count, outcome])
                        var added = 0
                        let statement = try db.cachedStatement(
                            sql: "INSERT OR IGNORE INTO event (session_id, seq, line) VALUES (?, ?, ?)")
                        for seq in (known ?? 0) ..< lines.count {
                            try statement.execute(arguments: [id, seq, lines[seq]])
                            added += db.changesCount
                        }
                        if known == nil { summary.added += 1 } else if added > 0 { summary.grown += 1 } else { summary.unchanged += 1 }
                        summary.events += added
                        if !contents.damaged.isEmpty { summary.damaged.append((id, contents.damaged.count)) }
                    }
                    return .commit
                }
                return summary
            }
        } catch {
            throw ReportError(.store, "cannot write the session store `\(path)`: \(error)")
        }
    }

    // MARK: - Reading

    /// A stored session's facts, as the report filters them.
    public struct StoredSession: Sendable {
        /// The session's id, its journal's name.
        public var id: String
        /// The situation, by id.
        public var situation: String
        /// The process, by id.
        public var process: String
        /// Who ran it.
        public var agent: String
        /// The codex's version when it ran.
        public var codexVersion: String?
        /// When it started, in milliseconds since 1970.
        public var startedAt: Int64
        /// Journal lines left out as damaged.
        public var damagedLines: Int
    }

    /// Calls `body` with each session the filter keeps and its events, one session at a
    /// time, oldest first: a report's memory does not grow with the store.
    public func forEachSession(_ filter: ReportFilter,
                               _ body: (StoredSession, [ChecklistEvent]) -> Void) throws(ReportError) {
        do {
            try pool.read { db in
                var conditions: [String] = []
                var arguments: StatementArguments = []
                if let since = filter.since { conditions.append("started_at >= ?"); arguments += [since] }
                if let until = filter.until { conditions.append("started_at < ?"); arguments += [until] }
                if let situation = filter.situation { conditions.append("situation = ?"); arguments += [situation] }
                if let agent = filter.agent { conditions.append("agent = ?"); arguments += [agent] }
                let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
                let sessions = try Row.fetchCursor(db, sql: """
                    SELECT id, situation, process, agent, codex_version, started_at, damaged_lines FROM session
                    \(whereClause) ORDER BY started_at, id
                    """, arguments: arguments)
                let events = try db.makeStatement(sql: "SELECT line FROM event WHERE session_id = ? ORDER BY seq")
                while let row = try sessions.next() {
                    let session = StoredSession(id: row["id"], situation: row["situation"], process: row["process"],
                                                agent: row["agent"], codexVersion: row["codex_version"],
                                                startedAt: row["started_at"], damagedLines: row["damaged_lines"])
                    var list: [ChecklistEvent] = []
                    let lines = try String.fetchCursor(events, arguments: [session.id])
                    while let line = try lines.next() {
                        if let event = try? ChecklistEvent(jsonLine: Array(line.utf8)) { list.append(event) }
                    }
                    body(session, list)
                }
            }
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError(.store, "cannot read the session store `\(path)`: \(error)")
        }
    }
}

/// Which sessions a report covers.
public struct ReportFilter: Sendable {
    /// Sessions started at or after this time, in milliseconds since 1970.
    public var since: Int64?
    /// Sessions started before this time.
    public var until: Int64?
    /// Only this situation's sessions.
    public var situation: String?
    /// Only this agent's sessions.
    public var agent: String?

    /// Every session.
    public init() {}

    /// Whether a session of `situation` by `agent`, started at `startedAt`, is one the
    /// filter keeps: the same test the store's query makes, for sessions read from journals.
    public func keeps(situation: String, agent: String, startedAt: Int64) -> Bool {
        (since.map { startedAt >= $0 } ?? true) && (until.map { startedAt < $0 } ?? true)
            && (self.situation.map { $0 == situation } ?? true) && (self.agent.map { $0 == agent } ?? true)
    }
}

/// Why an import or a report could not be made.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The store cannot be opened, read or written.
        case store
        /// A journal folder or file is missing or not a journal.
        case noJournals
        /// The codex to report against cannot be read.
        case codex
        /// A date cannot be read.
        case date
    }

    /// What went wrong.
    public var reason: Reason
    /// A lowercase message.
    public var message: String

    /// Creates an error.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
