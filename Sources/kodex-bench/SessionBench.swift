import Foundation
import KodexModel
import KodexSynthetic

/// The session store's figures at one number of sessions.
struct SessionRow {
    var sessions: Int
    var events: Int
    var megabytes: Double
    /// Reading every journal's bytes, nothing more: the floor of an import.
    var readFloor: Samples
    var importSQLite: Samples
    var importPostgres: Samples?
    /// `sqlite3` itself reading every session's stored facts: the floor of a report.
    var scanFloor: Samples
    var reportSQLite: Samples
    var reportPostgres: Samples?
}

/// Imports synthetic journals into a fresh SQLite store (and PostgreSQL, when
/// `KODEX_BENCH_POSTGRES` names a server) and reports on them, each program started
/// afresh so that its time and peak memory are its own.
func measureSessions(_ count: Int, kodex: String, work: String, runs: Int) throws -> SessionRow {
    let codexFolder = "\(work)/S"
    if !FileManager.default.fileExists(atPath: codexFolder + "/codex.yaml") {
        try SyntheticCodex(.s).write(to: codexFolder)
    }
    let codex = try CodexLoader().load(directory: codexFolder).codex
    let journals = "\(work)/journals-\(count)"
    let marker = journals + "/.events"
    var events = Int((try? String(contentsOfFile: marker, encoding: .utf8)) ?? "") ?? 0
    if events == 0 {
        log("writing \(count) journals")
        try? FileManager.default.removeItem(atPath: journals)
        events = try SyntheticJournals(codex: codex).write(count, to: journals)
        try String(events).write(toFile: marker, atomically: true, encoding: .utf8)
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: journals).filter { $0.hasSuffix(".jsonl") }
    var bytes = 0
    let readFloor = time(runs: runs) {
        bytes = 0
        for name in names { bytes += FileManager.default.contents(atPath: journals + "/" + name)?.count ?? 0 }
    }
    log("\(count) sessions, \(events) events, \(bytes / 1_048_576) MB")

    let store = "\(work)/sessions-\(count).sqlite"
    let removeStore = { for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: store + suffix) } }
    var importSQLite = Samples()
    for _ in 0..<runs { importSQLite.add(try measureProgram(kodex, ["sessions", "import", journals, "--db", store], runs: 1, before: removeStore)) }
    let report = ["report", "--codex", codexFolder, "--format", "json"]
    // Checked once before it is timed, which also reads the store into the page cache: an
    // import of a million sessions leaves little of it there on this machine, and a report
    // timed right after it measured the disk (3.25 s, and 72.8 s once) more than the report.
    try checkReport(kodex, report + ["--db", store], sessions: count)
    let reportSQLite = try measureProgram(kodex, report + ["--db", store], runs: runs)
    let scanFloor = try measureProgram("/usr/bin/sqlite3", [store, "SELECT count(*), sum(length(facts)) FROM session"], runs: runs)

    var importPostgres: Samples?, reportPostgres: Samples?
    if let server = ProcessInfo.processInfo.environment["KODEX_BENCH_POSTGRES"], var address = URLComponents(string: server) {
        address.path = "/kodex_bench"
        let url = address.string ?? server
        let fresh = {
            _ = try runForOutput("/usr/bin/env", ["psql", server, "-qc", "DROP DATABASE IF EXISTS kodex_bench WITH (FORCE)"])
            _ = try runForOutput("/usr/bin/env", ["psql", server, "-qc", "CREATE DATABASE kodex_bench"])
        }
        var samples = Samples()
        for _ in 0..<runs { samples.add(try measureProgram(kodex, ["sessions", "import", journals, "--db", url], runs: 1, before: fresh)) }
        importPostgres = samples
        try checkReport(kodex, report + ["--db", url], sessions: count)
        reportPostgres = try measureProgram(kodex, report + ["--db", url], runs: runs)
    }
    return SessionRow(sessions: count, events: events, megabytes: Double(bytes) / 1_048_576, readFloor: readFloor,
                      importSQLite: importSQLite, importPostgres: importPostgres, scanFloor: scanFloor,
                      reportSQLite: reportSQLite, reportPostgres: reportPostgres)
}

/// Refuses a run whose report did not cover every session: a benchmark of a report
/// that left sessions out would measure less work than it claims.
private func checkReport(_ kodex: String, _ arguments: [String], sessions: Int) throws {
    let json = try runForOutput(kodex, arguments)
    guard json.contains("\"sessions\": \(sessions),") else {
        throw BenchError("the report did not cover all \(sessions) sessions: \(json.prefix(300))")
    }
}

/// Prints the session store's table.
func printSessions(_ rows: [SessionRow]) {
    guard !rows.isEmpty else { return }
    func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
    func rate(_ events: Int, _ samples: Samples?) -> String {
        guard let samples else { return "–" }
        return "\(format(samples.median)) s, \(format(Double(events) / samples.median / 1000, 0))k events/s"
    }
    print("")
    print("Session store: synthetic journals of codex S (valid by construction; skips, open actions, branches, "
          + "overruns, a fifth paused), imported into a new store and reported as JSON; PostgreSQL on loopback.")
    print("")
    print("| sessions | events | journals | read floor | import SQLite | import ÷ floor | import PostgreSQL | sqlite3 facts scan "
          + "| report SQLite | report ÷ scan | report PostgreSQL | report peak memory SQLite / PostgreSQL |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows {
        let memory = "\(format(row.reportSQLite.peakMegabytes, 0)) MB / "
            + (row.reportPostgres.map { "\(format($0.peakMegabytes, 0)) MB" } ?? "–")
        print("| \(row.sessions) | \(row.events) | \(format(row.megabytes, 0)) MB | \(format(row.readFloor.median)) s "
              + "| \(rate(row.events, row.importSQLite)) | \(format(row.importSQLite.median / row.readFloor.median, 0))× "
              + "| \(rate(row.events, row.importPostgres)) | \(format(row.scanFloor.median)) s "
              + "| \(format(row.reportSQLite.median)) s | \(format(row.reportSQLite.median / row.scanFloor.median, 0))× "
              + "| \(row.reportPostgres.map { "\(format($0.median)) s" } ?? "–") | \(memory) |")
    }
}
