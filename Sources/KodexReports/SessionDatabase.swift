import Foundation
import KodexChecklist
import KodexSupport

/// The session store: every imported journal's events, in SQLite on one machine or in
/// PostgreSQL, where a team's sessions meet.
///
/// Each journal's lines are kept as written (one part per import that added some), so the
/// store loses nothing a journal says; beside each session it keeps the session's facts
/// (``SessionFacts``), worked out at import, which a report counts instead of replaying
/// every event. Both stores hold the same tables and give the same sessions and facts,
/// so a report is the same from either.
public protocol SessionDatabase: Sendable {
    /// Where the store is: a file's path, or a PostgreSQL address without its password.
    var location: String { get }

    /// Imports every journal (`*.jsonl`) in `folders`: a session imported before gains
    /// only the events written since, so importing twice counts each session once. A
    /// damaged line is left out and counted; the good lines around it are imported.
    func importJournals(from folders: [String]) throws(ReportError) -> SessionImport

    /// Calls `body` with each session the filter keeps and its events, one session at a
    /// time, oldest first (ties by id): a report's memory does not grow with the store.
    func forEachSession(_ filter: ReportFilter, _ body: (StoredSession, [ChecklistEvent]) -> Void) throws(ReportError)

    /// Up to `count` parts to read the sessions' facts in at once, each on a thread of
    /// its own. Together the parts hold every session once, sessions imported while they
    /// are read included.
    func factsParts(_ count: Int) throws(ReportError) -> [FactsPart]

    /// Calls `body` with each session of `part` (one of ``factsParts(_:)``'s) that the
    /// filter keeps, as the bytes of its columns and facts (``StoredSessionRow``), valid
    /// only during the call, in no particular order: what a report reads, one short text
    /// per session, without a copy.
    func forEachSessionFacts(_ filter: ReportFilter, in part: FactsPart,
                             _ body: (StoredSessionRow) -> Void) throws(ReportError)
}

/// Which of a store's sessions one part of a report reads: a range of the rows' own
/// numbers (SQLite's row ids, the PostgreSQL store's session numbers), from the first
/// part's open start to the last part's open end. A session keeps its number when it
/// grows, so each is in one part, those imported while the parts are read included.
public struct FactsPart: Sendable, Hashable {
    enum Bounds: Sendable, Hashable {
        case whole
        case rows(from: Int64?, below: Int64?)
    }

    let bounds: Bounds

    /// Every session.
    public static let whole = FactsPart(bounds: .whole)

    /// Up to `count` parts of about as many of the numbers `first` to `last` each, and at
    /// least `fewestRows`: the first part from the open start, the last to the open end, so
    /// that rows an import adds meanwhile fall in the last part.
    static func ranges(from first: Int64, through last: Int64, _ count: Int, fewestRows: Int = 1) -> [FactsPart] {
        let span = last - first + 1
        let parts = min(Int64(count), max(1, span / Int64(max(1, fewestRows))))
        guard parts > 1 else { return [.whole] }
        let starts = (1 ..< parts).map { first + span / parts * $0 }
        return zip([nil] + starts, starts + [nil]).map { FactsPart(bounds: .rows(from: $0, below: $1)) }
    }
}

/// A stored session as a report reads it: the bytes of its columns and of its facts as
/// the store keeps them (``SessionFacts/encoded``, or why the journal cannot be replayed),
/// valid only during the call that hands them over.
///
/// A report makes a `String` only of what it keeps, such as the id of a session it leaves
/// out: a string for each column of each of a million sessions was a fifth of a report.
public struct StoredSessionRow {
    /// The session's id.
    public var id: UnsafeBufferPointer<UInt8>
    /// The situation, by id.
    public var situation: UnsafeBufferPointer<UInt8>
    /// The process, by id.
    public var process: UnsafeBufferPointer<UInt8>
    /// Who ran it.
    public var agent: UnsafeBufferPointer<UInt8>
    /// The codex's version when it ran, if the journal names one.
    public var codexVersion: UnsafeBufferPointer<UInt8>?
    /// When it started, in milliseconds since 1970.
    public var startedAt: Int64
    /// Journal lines left out as damaged.
    public var damagedLines: Int
    /// The session's facts.
    public var facts: UnsafeBufferPointer<UInt8>

    /// The session's columns as strings.
    public var session: StoredSession {
        StoredSession(id: Self.text(id), situation: Self.text(situation), process: Self.text(process),
                      agent: Self.text(agent), codexVersion: codexVersion.map(Self.text), startedAt: startedAt,
                      damagedLines: damagedLines)
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// A session's facts as both stores keep them beside the session.
enum StoredFacts {
    /// The facts of a journal's events, or, when they cannot be replayed whatever the
    /// codex, why: a report leaves such a session out.
    static func text(of events: [ChecklistEvent]) -> String {
        do {
            return try SessionFacts(events: events).encoded
        } catch {
            return "refused: " + error.message
        }
    }

    /// The facts of a journal's stored lines; a line that is not an event is left out,
    /// as a report always left it out.
    static func text(ofLines lines: [String]) -> String {
        text(of: lines.compactMap { try? ChecklistEvent(jsonLine: $0.utf8) })
    }
}

/// Opens the store `location` names: a `postgres://` or `postgresql://` address, or a
/// SQLite file (`nil`: the default file, see ``SQLiteSessionDatabase/standardPath(environment:)``).
///
/// - Parameter creating: create the store when there is none; a report opens without.
public func openSessionDatabase(_ location: String?, creating: Bool) throws(ReportError) -> any SessionDatabase {
    if let location, PostgresAddress.isPostgres(location) {
        return try PostgresSessionDatabase(address: try PostgresAddress(location))
    }
    return try SQLiteSessionDatabase(path: location ?? SQLiteSessionDatabase.standardPath(), creating: creating)
}

/// What an import did.
public struct SessionImport: Sendable {
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

    /// Counts one journal whose store held `known` events before (nil: none) and gained `added`.
    mutating func count(_ journal: ImportedJournal, known: Int?, added: Int) {
        if known == nil { self.added += 1 } else if added > 0 { grown += 1 } else { unchanged += 1 }
        events += added
        if journal.damagedLines > 0 { damaged.append((journal.id, journal.damagedLines)) }
    }
}

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

/// One journal as a store keeps it: its session's facts and its events' lines.
struct ImportedJournal: Sendable {
    var id: String
    var situation: String
    var process: String
    var agent: String
    var reference: String?
    var codexVersion: String?
    var codexHash: String?
    var startedAt: Int64
    var lastEventAt: Int64
    var outcome: String?
    /// The events' lines, joined by newlines, as a store keeps them: joined on the core
    /// that read the journal, since the store writes on one thread.
    var text: String
    /// How many lines ``text`` holds.
    var lineCount: Int
    var damagedLines: Int
    /// The session's facts (``StoredFacts``).
    var facts: String

    /// The journal's facts, or nil when it does not begin with a start event.
    init?(id: String, contents: JournalContents) {
        guard case .start(let situation, let process, let who)? = contents.events.first?.kind,
              let first = contents.events.first, let last = contents.events.last else { return nil }
        self.id = id
        self.situation = situation
        self.process = process
        agent = who.agent
        reference = who.reference
        codexVersion = who.codexVersion
        codexHash = who.codexHash
        startedAt = first.time
        lastEventAt = last.time
        outcome = contents.events.reversed().lazy.compactMap { event -> String? in
            if case .end(_, let outcome) = event.kind { outcome } else { nil }
        }.first
        let lines = contents.lines.count == contents.events.count ? contents.lines : contents.events.map(\.jsonLine)
        text = lines.joined(separator: "\n")
        lineCount = lines.count
        damagedLines = contents.damaged.count
        facts = StoredFacts.text(of: contents.events)
    }

    /// The lines from the one at `first` on, joined by newlines: what a session that grew
    /// since its last import gains. A journal line never holds a newline of its own.
    func lines(from first: Int) -> String {
        guard first > 0 else { return text }
        var newlines = 0
        var start = text.utf8.endIndex
        for index in text.utf8.indices where text.utf8[index] == UInt8(ascii: "\n") {
            newlines += 1
            if newlines == first {
                start = text.utf8.index(after: index)
                break
            }
        }
        return String(text[start...])
    }

    /// The journals of one folder, by file name.
    struct Listing: Sendable {
        var folder: String
        /// The journals' file names, sorted, each with a valid session id.
        var names: [String]

        func id(_ index: Int) -> String { String(names[index].dropLast(".jsonl".count)) }
        func path(_ index: Int) -> String { folder + "/" + names[index] }
    }

    /// Every journal in `folders`, a folder at a time; a folder that does not exist is an
    /// error. Only names are kept, each once: a million journals' ids and paths, made up
    /// front, were most of the memory of an import (428 MB).
    static func listings(in folders: [String]) throws(ReportError) -> [Listing] {
        var listings: [Listing] = []
        for folder in folders {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".jsonl") && SessionStore.isValidID(String($0.dropLast(".jsonl".count))) }
            if names.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                throw ReportError(.noJournals, "no journal folder at `\(folder)`")
            }
            listings.append(Listing(folder: folder, names: names.sorted()))
        }
        return listings
    }

    /// Reads the journals in `folders` on every core, a batch at a time, and hands each
    /// batch to `store`, which writes it in one transaction (a transaction each made the
    /// disk's flushes the whole cost of an import) and answers, for each journal, how many
    /// events the store held before (nil: none) and how many it gained. The next batch is
    /// read while `store` writes one: writing is one thread's work, and the cores would
    /// otherwise wait for it.
    static func importInBatches(from folders: [String],
                                _ store: ([ImportedJournal]) throws(ReportError) -> [(known: Int?, added: Int)])
        throws(ReportError) -> SessionImport {
        var summary = SessionImport()
        let listings = try listings(in: folders)
        // Batches of up to 500 journals of one folder, so that each names a session once
        // (PostgreSQL cannot update one row twice in a statement): the same journal in two
        // folders is in two batches.
        let batches = listings.indices.flatMap { folder in
            stride(from: 0, to: listings[folder].names.count, by: 500).map { start in
                (listing: listings[folder], range: start ..< min(start + 500, listings[folder].names.count))
            }
        }
        func reading(_ index: Int) -> ThreadResult<[Result<ImportedJournal?, JournalError>]>? {
            guard index < batches.count else { return nil }
            let (listing, range) = batches[index]
            return ThreadResult { read(listing, range) }
        }
        var next = reading(0)
        for (index, (listing, range)) in batches.enumerated() {
            guard let journals = next?.wait() else { break }
            next = reading(index + 1)
            var batch: [ImportedJournal] = []
            for (offset, result) in journals.enumerated() {
                switch result {
                case .success(let journal?): batch.append(journal)
                case .success(nil):
                    summary.unreadable.append((listing.path(range.lowerBound + offset), "the journal does not begin with a start event"))
                case .failure(let error): summary.unreadable.append((listing.path(range.lowerBound + offset), error.message))
                }
            }
            if !batch.isEmpty {
                for (journal, count) in zip(batch, try store(batch)) { summary.count(journal, known: count.known, added: count.added) }
            }
        }
        return summary
    }

    /// The journals `range` of `listing` names: their bytes read many at a time, since
    /// reading a journal the page cache does not hold is waiting for the disk, then parsed
    /// on every core.
    private static func read(_ listing: Listing, _ range: Range<Int>) -> [Result<ImportedJournal?, JournalError>] {
        let files = concurrentMap(range.count, threads: readsInFlight) { offset in
            Result { () throws(JournalError) in try JournalContents.bytes(at: listing.path(range.lowerBound + offset)) }
        }
        return concurrentMap(range.count) { offset in
            files[offset].map { ImportedJournal(id: listing.id(range.lowerBound + offset), contents: JournalContents.parse($0, keepingLines: true)) }
        }
    }

    /// How many journals are read at once. On the benchmark's machine, a million journals
    /// the page cache did not hold imported in 186 s read two at a time (as many as the
    /// cores), in 170 s sixteen at a time; from the page cache, the same either way.
    private static let readsInFlight = 16
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

    /// A value a condition compares a column with.
    enum Value {
        case integer(Int64)
        case text(String)
    }

    /// The filter as conditions on the store's `session` table, each with the value it
    /// compares against: both stores' queries are made from these, each in its own
    /// placeholder syntax.
    var conditions: [(sql: String, value: Value)] {
        var conditions: [(sql: String, value: Value)] = []
        if let since { conditions.append(("started_at >=", .integer(since))) }
        if let until { conditions.append(("started_at <", .integer(until))) }
        if let situation { conditions.append(("situation =", .text(situation))) }
        if let agent { conditions.append(("agent =", .text(agent))) }
        return conditions
    }

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
