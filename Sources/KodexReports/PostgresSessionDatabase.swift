import Foundation
import KodexChecklist
import Logging
import NIOSSL
import PostgresNIO
import Synchronization

/// Where a team's PostgreSQL store is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`,
/// with `?sslmode=disable|prefer|require` as libpq reads it (default `prefer`). A password
/// left out of the address is taken from `PGPASSWORD`, a user from `PGUSER` or the login.
public struct PostgresAddress: Sendable, CustomStringConvertible {
    /// How the connection is encrypted.
    public enum TLSMode: String, Sendable {
        /// Never.
        case disable
        /// When the server offers it.
        case prefer
        /// Always; a server without TLS is refused.
        case require
    }

    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The user name.
    public var user: String
    /// The password, if any.
    var password: String?
    /// The database.
    public var database: String
    /// How the connection is encrypted.
    public var tls: TLSMode

    /// Whether `text` is a PostgreSQL address rather than a file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads an address.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ReportError) {
        func invalid(_ why: String) -> ReportError {
            ReportError(.store, "`\(Self.withoutPassword(text))` is not a PostgreSQL address: \(why); "
                        + "write it postgres://USER@HOST:PORT/DATABASE")
        }
        guard Self.isPostgres(text), let components = URLComponents(string: text) else { throw invalid("it cannot be read") }
        guard let host = components.host, !host.isEmpty else { throw invalid("it names no host") }
        self.host = host
        port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw invalid("the port is out of range") }
        user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        password = components.password ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        guard !database.contains("/") else { throw invalid("a database name has no `/`") }
        tls = .prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else { throw invalid("`\(item.name)` is not a setting Kodex reads (only sslmode)") }
            guard let mode = TLSMode(rawValue: item.value ?? "") else {
                throw invalid("sslmode is disable, prefer or require, not `\(item.value ?? "")`")
            }
            tls = mode
        }
    }

    /// The address without its password, for messages.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// `text` with any password replaced by `***`.
    static func withoutPassword(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"),
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + text[at...]
    }
}

/// The session store in PostgreSQL, where many agents' sessions meet.
///
/// Same tables and the same answers as ``SQLiteSessionDatabase``; each session also has a
/// number, given as it is first stored, and its columns as a report reads them, and each
/// chunk of 256 numbers is kept as one text of its sessions (`session_chunk`, rewritten by
/// a trigger as sessions are written), so that a report is sent a chunk to a row. Each import batch is
/// one transaction; sessions already stored are locked while a batch extends them, and
/// events are inserted with `ON CONFLICT DO NOTHING`, so imports from several machines at
/// once count each event once. Migrations run under an advisory lock.
public final class PostgresSessionDatabase: SessionDatabase {
    /// The server and database.
    public let address: PostgresAddress
    private let configuration: PostgresConnection.Configuration

    /// Where the store is, without its password.
    public var location: String { address.description }

    /// Connects to the store at `address` and migrates an older schema.
    public init(address: PostgresAddress) throws(ReportError) {
        self.address = address
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: .disable)
        do {
            switch address.tls {
            case .disable: break
            case .prefer: configuration.tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: configuration.tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw ReportError(.store, "cannot set up TLS for `\(address)`: \(error)")
        }
        configuration.options.connectTimeout = .seconds(10)
        self.configuration = configuration
        try withConnection { connection in try await Self.migrate(connection) }
    }

    private static let logger = Logger(label: "kodex.sessions") { _ in SwiftLogNoOpLogHandler() }

    /// The schema's versions, oldest first, named as in the SQLite store; each is a list of
    /// statements, since a query here holds one.
    static let migrations: [(name: String, statements: [String])] = [
        ("1: sessions and their events", [
            """
            CREATE TABLE session (
                id TEXT PRIMARY KEY NOT NULL,
                situation TEXT NOT NULL,
                process TEXT NOT NULL,
                agent TEXT NOT NULL,
                reference TEXT,
                codex_version TEXT,
                codex_hash TEXT,
                started_at BIGINT NOT NULL,
                last_event_at BIGINT NOT NULL,
                event_count BIGINT NOT NULL,
                damaged_lines BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE event (
                session_id TEXT NOT NULL REFERENCES session(id),
                seq BIGINT NOT NULL,
                line TEXT NOT NULL,
                PRIMARY KEY (session_id, seq)
            )
            """,
            // Ids in byte order (the order SQLite keeps), so that a report's pages are read
            // along the index, whatever the server's collation.
            "CREATE INDEX session_started ON session(started_at, (id COLLATE \"C\"))",
        ]),
        ("2: the outcome of each session", ["ALTER TABLE session ADD COLUMN outcome TEXT"]),
        ("3: each session's facts, and its lines in one row per import", [
            "ALTER TABLE session ADD COLUMN facts TEXT",
            """
            CREATE TABLE journal_part (
                session_id TEXT NOT NULL REFERENCES session(id),
                first_seq BIGINT NOT NULL,
                lines TEXT NOT NULL,
                PRIMARY KEY (session_id, first_seq)
            )
            """,
            """
            INSERT INTO journal_part (session_id, first_seq, lines)
            SELECT session_id, 0, string_agg(line, E'\\n' ORDER BY seq) FROM event GROUP BY session_id
            """,
            "DROP TABLE event",
        ]),
        // A report reads sessions a chunk of numbers at a time, each chunk one row: a row a
        // session was most of a report's time at a million sessions (the client's work for
        // each row, and the server's for each of its eight columns).
        ("4: a number for each session, and its columns as a report reads them", [
            "ALTER TABLE session ADD COLUMN number BIGSERIAL",
            "CREATE INDEX session_number ON session (number)",
            "ALTER TABLE session ADD COLUMN report_head TEXT GENERATED ALWAYS AS (\(reportHead)) STORED",
            // Every opening looks for sessions without facts: a scan of every session,
            // which was a fifth of a report's time at a million sessions, without this.
            "CREATE INDEX session_without_facts ON session (id) WHERE facts IS NULL",
        ]),
        // A report of every session reads the chunks as they are kept, made as sessions are
        // written: made as a report ran, they were most of the server's work (1.3 to 1.9 s
        // of CPU at a million sessions), on the two cores the report's counting needs.
        ("5: the sessions of each chunk as a report reads them", [
            """
            CREATE TABLE session_chunk (
                chunk BIGINT PRIMARY KEY NOT NULL,
                sessions TEXT
            )
            """,
            // Chunks are read whole and do not shrink much: stored without compression, a
            // read costs the server a copy and no decompression.
            "ALTER TABLE session_chunk ALTER COLUMN sessions SET STORAGE EXTERNAL",
            // A trigger, so that every writer keeps the chunks: this import, another
            // machine's, or an older Kodex. The advisory lock makes chunk writers take turns,
            // and the statement after it (a function's statements each see the sessions
            // committed when they start) sees every session of a writer that went before;
            // without it, two imports writing into one chunk would each keep only their own.
            """
            CREATE FUNCTION kodex_rewrite_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                touched BIGINT[];
            BEGIN
                -- The chunks the statement's sessions were in and are in now.
                IF TG_OP = 'INSERT' THEN
                    SELECT array_agg(DISTINCT number / \(chunkSize)) INTO touched FROM changed;
                ELSIF TG_OP = 'UPDATE' THEN
                    SELECT array_agg(DISTINCT c) INTO touched
                    FROM (SELECT number / \(chunkSize) AS c FROM changed UNION SELECT number / \(chunkSize) FROM gone) AS t;
                ELSE
                    SELECT array_agg(DISTINCT number / \(chunkSize)) INTO touched FROM gone;
                END IF;
                IF touched IS NULL THEN
                    RETURN NULL;
                END IF;
                PERFORM pg_advisory_xact_lock(74530011);
                INSERT INTO session_chunk (chunk, sessions)
                SELECT c, (SELECT string_agg(\(sessionText), '' ORDER BY number) FROM session
                           WHERE number >= c * \(chunkSize) AND number < (c + 1) * \(chunkSize))
                FROM unnest(touched) AS c
                ON CONFLICT (chunk) DO UPDATE SET sessions = excluded.sessions;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER session_inserted AFTER INSERT ON session REFERENCING NEW TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION kodex_rewrite_chunks()
            """,
            """
            CREATE TRIGGER session_updated AFTER UPDATE ON session REFERENCING OLD TABLE AS gone NEW TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION kodex_rewrite_chunks()
            """,
            """
            CREATE TRIGGER session_deleted AFTER DELETE ON session REFERENCING OLD TABLE AS gone
            FOR EACH STATEMENT EXECUTE FUNCTION kodex_rewrite_chunks()
            """,
            """
            INSERT INTO session_chunk (chunk, sessions)
            SELECT number / \(chunkSize), string_agg(\(sessionText), '' ORDER BY number)
            FROM session GROUP BY number / \(chunkSize)
            """,
        ]),
    ]

    /// A session's columns in the report's order, each text as its length in UTF-8 bytes,
    /// `:` and its bytes (a codex version that is not there as `-`), the start and the
    /// damaged lines as numbers each ending in `,`, and the length of its facts and `:`,
    /// so that the facts can follow: ``ChunkReader`` reads it.
    static let reportHead = """
        octet_length(id)::text || ':' || id || octet_length(situation)::text || ':' || situation
        || octet_length(process)::text || ':' || process || octet_length(agent)::text || ':' || agent
        || coalesce(octet_length(codex_version)::text || ':' || codex_version, '-')
        || started_at::text || ',' || damaged_lines::text || ',' || octet_length(coalesce(facts, ''))::text || ':'
        """

    /// A session as a chunk holds it: its report head, then its facts.
    static let sessionText = "report_head || coalesce(facts, '')"

    private static func migrate(_ connection: PostgresConnection) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            // One process migrates at a time; the others find the work done.
            try await connection.query("SELECT pg_advisory_xact_lock(74530010)", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS kodex_migration (name TEXT PRIMARY KEY NOT NULL)", logger: logger)
            var done: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM kodex_migration", logger: logger).decode(String.self) {
                done.insert(name)
            }
            for migration in migrations where !done.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO kodex_migration (name) VALUES (\(migration.name))", logger: logger)
            }
            try await fillMissingFacts(connection)
        }
    }

    /// Works out the facts of sessions stored before the store kept facts, from their lines.
    private static func fillMissingFacts(_ connection: PostgresConnection) async throws {
        var ids: [String] = [], facts: [String] = []
        let rows = try await connection.query("""
            SELECT s.id, string_agg(p.lines, E'\\n' ORDER BY p.first_seq)
            FROM session s JOIN journal_part p ON p.session_id = s.id WHERE s.facts IS NULL GROUP BY s.id
            """, logger: logger)
        for try await (id, lines) in rows.decode((String, String).self) {
            ids.append(id)
            facts.append(StoredFacts.text(ofLines: lines.split(separator: "\n").map(String.init)))
        }
        guard !ids.isEmpty else { return }
        try await connection.query("""
            UPDATE session SET facts = t.facts FROM unnest(\(ids)::text[], \(facts)::text[]) AS t(id, facts)
            WHERE session.id = t.id
            """, logger: logger)
    }

    // MARK: - Import

    public func importJournals(from folders: [String]) throws(ReportError) -> SessionImport {
        let connection = try connect()
        defer { close(connection) }
        return try ImportedJournal.importInBatches(from: folders) { batch throws(ReportError) in
            try wait("write the session store") { try await Self.write(batch, on: connection) }
        }
    }

    /// Writes one batch in one transaction; answers, for each journal, how many events the
    /// store held before and how many it gained.
    private static func write(_ batch: [ImportedJournal], on connection: PostgresConnection)
        async throws -> [(known: Int?, added: Int)] {
        try await connection.withTransaction(logger: logger) { connection in
            let ids = batch.map(\.id)
            var known: [String: Int] = [:]
            // Locked, so that a concurrent import extending the same sessions waits for this one.
            let stored = try await connection.query(
                "SELECT id, event_count FROM session WHERE id = ANY(\(ids)) FOR UPDATE", logger: logger)
            for try await (id, count) in stored.decode((String, Int).self) { known[id] = count }

            // Optional texts travel as a text and a flag, since an array here holds no nulls.
            func optional(_ values: [String?]) -> (texts: [String], present: [Bool]) {
                (values.map { $0 ?? "" }, values.map { $0 != nil })
            }
            // Sessions new to the store are inserted, those stored before updated: an insert
            // that meets a stored session still takes a number from the sequence, and numbers
            // taken so would spread the sessions of a store that is pushed to often (each push
            // brings its machine's every journal) one to a chunk of a report's reading.
            let new = batch.filter { known[$0.id] == nil }, old = batch.filter { known[$0.id] != nil }
            var inserted: Set<String> = []
            if !new.isEmpty {
                let reference = optional(new.map(\.reference))
                let version = optional(new.map(\.codexVersion))
                let hash = optional(new.map(\.codexHash))
                let outcome = optional(new.map(\.outcome))
                // A session another import added while this one waited is counted by that one:
                // the row's xmax is 0 only where this statement inserted it.
                let upserted = try await connection.query("""
                    INSERT INTO session (id, situation, process, agent, reference, codex_version, codex_hash, started_at,
                                         last_event_at, event_count, damaged_lines, outcome, facts)
                    SELECT id, situation, process, agent, CASE WHEN has_reference THEN reference END,
                           CASE WHEN has_version THEN version END, CASE WHEN has_hash THEN hash END, started_at,
                           last_event_at, event_count, damaged_lines, CASE WHEN has_outcome THEN outcome END, facts
                    FROM unnest(\(new.map(\.id))::text[], \(new.map(\.situation))::text[], \(new.map(\.process))::text[],
                                \(new.map(\.agent))::text[], \(reference.texts)::text[], \(reference.present)::bool[],
                                \(version.texts)::text[], \(version.present)::bool[], \(hash.texts)::text[], \(hash.present)::bool[],
                                \(new.map(\.startedAt))::int8[], \(new.map(\.lastEventAt))::int8[],
                                \(new.map(\.damagedLines))::int8[], \(outcome.texts)::text[], \(outcome.present)::bool[],
                                \(new.map(\.facts))::text[], \(new.map(\.lineCount))::int8[])
                         AS t(id, situation, process, agent, reference, has_reference, version, has_version, hash, has_hash,
                              started_at, last_event_at, damaged_lines, outcome, has_outcome, facts, event_count)
                    ON CONFLICT (id) DO UPDATE SET last_event_at = excluded.last_event_at,
                        damaged_lines = excluded.damaged_lines, outcome = excluded.outcome, facts = excluded.facts
                    RETURNING id, (xmax = 0)
                    """, logger: logger)
                for try await (id, isNew) in upserted.decode((String, Bool).self) where isNew { inserted.insert(id) }
            }
            if !old.isEmpty {
                let outcome = optional(old.map(\.outcome))
                try await connection.query("""
                    UPDATE session SET last_event_at = t.last_event_at, damaged_lines = t.damaged_lines,
                        outcome = CASE WHEN t.has_outcome THEN t.outcome END, facts = t.facts,
                        event_count = greatest(session.event_count, t.event_count)
                    FROM unnest(\(old.map(\.id))::text[], \(old.map(\.lastEventAt))::int8[],
                                \(old.map(\.damagedLines))::int8[], \(outcome.texts)::text[], \(outcome.present)::bool[],
                                \(old.map(\.facts))::text[], \(old.map(\.lineCount))::int8[])
                         AS t(id, last_event_at, damaged_lines, outcome, has_outcome, facts, event_count)
                    WHERE session.id = t.id
                    """, logger: logger)
            }

            // The lines each session gained, as one part; each session's count was set with
            // its row above (a second update of each new row left the table half dead rows,
            // which a report then read through). A session another import added meanwhile
            // keeps that import's count and part, and lines lost to that race come with the
            // next import; a stored session is locked above, so its part is this import's.
            var partIDs: [String] = [], firsts: [Int] = [], parts: [String] = []
            var counts: [String: Int] = [:]
            for journal in batch {
                let first = known[journal.id] ?? 0
                guard first < journal.lineCount else { continue }
                partIDs.append(journal.id)
                firsts.append(first)
                parts.append(journal.lines(from: first))
                counts[journal.id] = journal.lineCount
            }
            var added: [String: Int] = [:]
            if !parts.isEmpty {
                let stored = try await connection.query("""
                    INSERT INTO journal_part (session_id, first_seq, lines)
                    SELECT * FROM unnest(\(partIDs)::text[], \(firsts)::int8[], \(parts)::text[])
                    ON CONFLICT DO NOTHING RETURNING session_id, first_seq
                    """, logger: logger)
                for try await (id, first) in stored.decode((String, Int).self) { added[id] = (counts[id] ?? first) - first }
            }
            return batch.map { (inserted.contains($0.id) ? nil : known[$0.id] ?? 0, added[$0.id] ?? 0) }
        }
    }

    // MARK: - Reading

    public func forEachSession(_ filter: ReportFilter,
                               _ body: (StoredSession, [ChecklistEvent]) -> Void) throws(ReportError) {
        let connection = try connect()
        defer { close(connection) }
        // A page of sessions at a time, by the same order as the SQLite store (ids compared
        // byte by byte, whatever the server's collation), so that memory stays flat.
        var after: (startedAt: Int64, id: String)?
        while true {
            let page = try wait("read the session store") { [after] in
                try await Self.page(filter, after: after, on: connection)
            }
            for (session, parts) in page {
                var events: [ChecklistEvent] = []
                for part in parts {
                    for line in part.utf8.split(separator: UInt8(ascii: "\n")) {
                        if let event = try? ChecklistEvent(jsonLine: line) { events.append(event) }
                    }
                }
                body(session, events)
            }
            guard let last = page.last?.session, page.count == Self.pageSize else { return }
            after = (last.startedAt, last.id)
        }
    }

    private static let pageSize = 500

    private static func page(_ filter: ReportFilter, after: (startedAt: Int64, id: String)?,
                             on connection: PostgresConnection) async throws -> [(session: StoredSession, lines: [String])] {
        var binds = PostgresBindings()
        var conditions = binds.conditions(of: filter)
        if let after {
            // A row comparison, which the index answers as a range: a page starts where
            // the last one ended, instead of sorting every session again.
            conditions.append("(started_at, id COLLATE \"C\") > (\(binds.place(after.startedAt)), \(binds.place(after.id)))")
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT id, situation, process, agent, codex_version, started_at, damaged_lines FROM session\(whereClause)
            ORDER BY started_at, id COLLATE "C" LIMIT \(pageSize)
            """
        var sessions: [StoredSession] = []
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        for try await (id, situation, process, agent, version, startedAt, damaged)
            in rows.decode((String, String, String, String, String?, Int64, Int).self) {
            sessions.append(StoredSession(id: id, situation: situation, process: process, agent: agent,
                                          codexVersion: version, startedAt: startedAt, damagedLines: damaged))
        }
        guard !sessions.isEmpty else { return [] }
        var lines: [String: [String]] = [:]
        let parts = try await connection.query(
            "SELECT session_id, lines FROM journal_part WHERE session_id = ANY(\(sessions.map(\.id))) ORDER BY session_id, first_seq",
            logger: logger)
        for try await (id, part) in parts.decode((String, String).self) { lines[id, default: []].append(part) }
        return sessions.map { ($0, lines[$0.id] ?? []) }
    }

    /// Parts of about as many sessions each, by ranges of the sessions' numbers: each part
    /// is read through a connection and a server process of its own, and counted on a thread
    /// of its own. A store of fewer than 20,000 sessions is one part, which is not worth a
    /// connection more.
    public func factsParts(_ count: Int) throws(ReportError) -> [FactsPart] {
        try factsParts(count, fewestSessions: 20_000)
    }

    /// Up to `count` parts of at least `fewestSessions` sessions each.
    func factsParts(_ count: Int, fewestSessions: Int) throws(ReportError) -> [FactsPart] {
        guard count > 1 else { return [.whole] }
        let connection = try connect()
        defer { close(connection) }
        let bounds: (first: Int64, last: Int64)? = try wait("read the session store") {
            // Each end from the index. Numbers are given in order and kept, so the parts are
            // about even (a number is skipped only where two imports added one session at once).
            var bounds: (first: Int64, last: Int64)?
            let rows = try await connection.query("SELECT min(number), max(number) FROM session", logger: Self.logger)
            for try await (first, last) in rows.decode((Int64?, Int64?).self) {
                if let first, let last { bounds = (first, last) }
            }
            return bounds
        }
        guard let bounds else { return [.whole] }
        // Whole chunks, so that a part reads the chunks of its numbers as they are kept.
        let size = Int64(Self.chunkSize)
        let chunks = FactsPart.ranges(from: bounds.first / size, through: bounds.last / size, count,
                                      fewestRows: max(1, fewestSessions / Self.chunkSize))
        return chunks.map { part in
            guard case .rows(let from, let below) = part.bounds else { return part }
            return FactsPart(bounds: .rows(from: from.map { $0 * size }, below: below.map { $0 * size }))
        }
    }

    public func forEachSessionFacts(_ filter: ReportFilter, in part: FactsPart,
                                    _ body: (StoredSessionRow) -> Void) throws(ReportError) {
        let declare = filter.conditions.isEmpty ? Self.chunks(of: part) : Self.chunks(of: part, filter)
        let connection = try connect()
        defer { close(connection) }
        // A cursor read a few chunks at a time keeps memory flat; each page is counted on
        // this thread while the server sends the next.
        try wait("read the session store") {
            try await connection.query("BEGIN READ ONLY", logger: Self.logger)
            // Compiling the query costs more than it saves (0.3 s of a million sessions' 1 s).
            try await connection.query("SET LOCAL jit = off", logger: Self.logger)
            try await connection.query(declare, logger: Self.logger)
        }
        var next: Task<FactsPage, any Error>? = Self.fetch(on: connection)
        while let pending = next {
            let page = try wait("read the session store") { try await pending.value }
            next = page.rows == Self.chunksPerPage ? Self.fetch(on: connection) : nil
            try page.bytes.withUnsafeBufferPointer { bytes throws(ReportError) in
                var chunk = ChunkReader(bytes)
                while let row = try chunk.next() { body(row) }
            }
        }
        _ = try? wait("read the session store") { try await connection.query("COMMIT", logger: Self.logger) }
    }

    /// The cursor of every session of `part`: the chunks as the store keeps them (schema 5).
    /// A part's bounds are whole chunks (``factsParts(_:fewestSessions:)``); were they not,
    /// each chunk would still be read once, by the part its first number is in.
    private static func chunks(of part: FactsPart) -> PostgresQuery {
        var binds = PostgresBindings()
        let size = Int64(chunkSize)
        var conditions: [String] = []
        if case .rows(let from, let below) = part.bounds {
            if let from { conditions.append("chunk >= \(binds.place(from / size))") }
            if let below { conditions.append("chunk < \(binds.place(below / size))") }
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return PostgresQuery(unsafeSQL: """
            DECLARE facts NO SCROLL CURSOR FOR SELECT sessions FROM session_chunk\(whereClause) ORDER BY chunk
            """, binds: binds)
    }

    /// The cursor of the sessions of `part` that `filter` keeps, picked by the server
    /// (fewer to send), a chunk of numbers to a row.
    private static func chunks(of part: FactsPart, _ filter: ReportFilter) -> PostgresQuery {
        var binds = PostgresBindings()
        // The chunks of numbers the part spans, each read as one row; the last one open
        // ends at the greatest number when the query runs, so that sessions imported
        // meanwhile are read too.
        var conditions = ["number >= c * \(chunkSize)", "number < (c + 1) * \(chunkSize)"]
        var first = "0", last = "(SELECT max(number) FROM session) / \(chunkSize)"
        if case .rows(let from, let below) = part.bounds {
            if let from {
                let place = binds.place(from)
                conditions.append("number >= \(place)")
                first = "\(place) / \(chunkSize)"
            }
            if let below {
                let place = binds.place(below)
                conditions.append("number < \(place)")
                last = "(\(place) - 1) / \(chunkSize)"
            }
        }
        conditions += binds.conditions(of: filter)
        return PostgresQuery(unsafeSQL: """
            DECLARE facts NO SCROLL CURSOR FOR
            SELECT (SELECT string_agg(\(sessionText), '') FROM session
                    WHERE \(conditions.joined(separator: " AND ")))
            FROM generate_series(\(first), \(last)) AS c
            """, binds: binds)
    }

    /// How many numbers a chunk spans: about 150 KB of the benchmark's sessions. Chunks of
    /// 128 to 4,096 read a million sessions in the same time, give or take the noise (2.3
    /// to 2.5 s, when the server still joined them); a row a session took 5 s. Smaller is
    /// cheaper to rewrite as an import adds to a chunk. Fixed by schema 5, whose trigger and
    /// kept chunks use it: another size needs a migration that rewrites both.
    static let chunkSize = 256
    /// How many chunks a fetch asks for: a page of about 2.5 MB.
    private static let chunksPerPage = 16

    /// A few chunks of sessions, their bytes as the server sent them, one after another.
    private struct FactsPage: Sendable {
        var bytes: [UInt8] = []
        /// How many rows (chunks, some of them empty) the server sent.
        var rows = 0
    }

    /// The next page of the cursor. Each chunk is copied into the page as it arrives, on the
    /// connection's own thread; its sessions are read on the counting thread.
    private static func fetch(on connection: PostgresConnection) -> Task<FactsPage, any Error> {
        Task(executorPreference: executor) {
            let page = PageUnderConstruction()
            _ = try await connection.query(PostgresQuery(unsafeSQL: "FETCH \(chunksPerPage) FROM facts"), logger: logger) { row in
                page.page.withLock { page in
                    page.rows += 1
                    // A chunk none of whose sessions the filter keeps is NULL.
                    guard let cell = row.first, let buffer = cell.bytes else { return }
                    buffer.withUnsafeReadableBytes { page.bytes.append(contentsOf: $0) }
                }
            }.get()
            return page.page.withLock { $0 }
        }
    }

    /// A page as its rows arrive.
    private final class PageUnderConstruction: Sendable {
        let page = Mutex(FactsPage())
    }

    // MARK: - Connections

    private func connect() throws(ReportError) -> PostgresConnection {
        let configuration = configuration
        return try wait("connect to the session store") {
            try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.logger)
        }
    }

    private func close(_ connection: PostgresConnection) {
        _ = try? wait("close the connection") { try await connection.close() }
    }

    private func withConnection(_ work: @escaping @Sendable (PostgresConnection) async throws -> Void) throws(ReportError) {
        let connection = try connect()
        defer { close(connection) }
        try wait("set up the session store") { try await work(connection) }
    }

    /// Runs `work` on Swift's concurrency pool and waits for its end: the commands are
    /// synchronous, and a store's work comes in whole steps (connect, write a batch).
    private func wait<Value: Sendable>(_ doing: String, _ work: @escaping @Sendable () async throws -> Value)
        throws(ReportError) -> Value {
        let outcome = Outcome<Value>()
        let done = DispatchSemaphore(value: 0)
        // On a queue of its own, not Swift's shared pool: a caller blocking one of the
        // pool's few threads (a test, a report run from a task) would otherwise wait on
        // work that has no thread left to run on.
        Task(executorPreference: Self.executor) {
            let result: Result<Value, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            outcome.result.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        switch outcome.result.withLock({ $0 }) {
        case .success(let value)?: return value
        case .failure(let error)?: throw ReportError(.store, "cannot \(doing) `\(address)`: \(Self.reason(error))")
        case nil: throw ReportError(.store, "cannot \(doing) `\(address)`")
        }
    }

    private static let executor = QueueExecutor()

    /// Runs tasks' work on one serial dispatch queue, which gets a thread of its own.
    private final class QueueExecutor: TaskExecutor {
        private let queue = DispatchQueue(label: "kodex.sessions.postgres")

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            let executor = asUnownedTaskExecutor()
            queue.async { job.runSynchronously(on: executor) }
        }
    }

    /// What a failed task left for the waiting thread.
    private final class Outcome<Value: Sendable>: Sendable {
        let result = Mutex<Result<Value, any Error>?>(nil)
    }

    /// Why a query or connection failed, in the server's own words where it gave any.
    static func reason(_ error: any Error) -> String {
        if let transaction = error as? PostgresTransactionError {
            return reason(transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? error)
        }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if error.code == .sslUnsupported { return "the server offers no TLS, which sslmode=require asks for" }
        if let underlying = error.underlying {
            let text = "\(underlying)"
            // NIO's connection errors list every address tried; the cause is what a user needs.
            if text.contains("Connection refused") { return "the server refuses connections (is PostgreSQL running there?)" }
            if text.contains("timed out") || text.contains("Timeout") { return "the server did not answer in time" }
            return text
        }
        if error.code == .serverClosedConnection || error.code == .connectionError {
            return "no answer from the server (is the address right, and does the server let this machine in?)"
        }
        return "\(error.code)"
    }
}

extension PostgresBindings {
    /// Binds `value`, and answers the placeholder that names it.
    fileprivate mutating func place(_ value: some PostgresDynamicTypeEncodable) -> String {
        append(value)
        return "$\(count)"
    }

    /// The conditions of `filter`, each comparing with a value bound here.
    fileprivate mutating func conditions(of filter: ReportFilter) -> [String] {
        var conditions: [String] = []
        for condition in filter.conditions {
            switch condition.value {
            case .integer(let value): conditions.append(condition.sql + " " + place(value))
            case .text(let value): conditions.append(condition.sql + " " + place(value))
            }
        }
        return conditions
    }
}

/// Reads the sessions of chunks as the PostgreSQL store sends them: each session its
/// report head (``PostgresSessionDatabase/reportHead``) and then its facts, without a copy.
struct ChunkReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var place = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The next session, or nil after the last.
    mutating func next() throws(ReportError) -> StoredSessionRow? {
        guard place < bytes.count else { return nil }
        let id = try text(), situation = try text(), process = try text(), agent = try text()
        var codexVersion: UnsafeBufferPointer<UInt8>?
        if try peek() == UInt8(ascii: "-") {
            place += 1
        } else {
            codexVersion = try text()
        }
        let startedAt = try number(endingIn: UInt8(ascii: ",")), damagedLines = try number(endingIn: UInt8(ascii: ","))
        let facts = try text()
        return StoredSessionRow(id: id, situation: situation, process: process, agent: agent, codexVersion: codexVersion,
                                startedAt: startedAt, damagedLines: Int(damagedLines), facts: facts)
    }

    private func peek() throws(ReportError) -> UInt8 {
        guard place < bytes.count else { throw Self.unreadable }
        return bytes[place]
    }

    /// A decimal number and the byte that ends it.
    private mutating func number(endingIn end: UInt8) throws(ReportError) -> Int64 {
        let negative = try peek() == UInt8(ascii: "-")
        if negative { place += 1 }
        var value: Int64 = 0, digits = 0
        while true {
            let byte = try peek()
            place += 1
            if byte == end, digits > 0 { return negative ? -value : value }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { throw Self.unreadable }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            digits += 1
        }
    }

    /// A text: its length in bytes, `:` and its bytes.
    private mutating func text() throws(ReportError) -> UnsafeBufferPointer<UInt8> {
        let length = try number(endingIn: UInt8(ascii: ":"))
        guard length >= 0, length <= bytes.count - place else { throw Self.unreadable }
        let start = place
        place += Int(length)
        return UnsafeBufferPointer(rebasing: bytes[start ..< place])
    }

    static let unreadable = ReportError(.store, "the session store sent a session Kodex cannot read")
}
