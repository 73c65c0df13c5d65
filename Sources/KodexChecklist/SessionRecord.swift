import Foundation
import KodexModel
import KodexSupport

/// What a journal tells about its session, read without the codex: for listing and
/// exporting sessions to trainers.
public struct SessionRecord: Sendable, Hashable {
    /// The session id.
    public var id: String
    /// The situation's id.
    public var situation: String
    /// The process's id.
    public var process: String
    /// When it started, in milliseconds since 1970.
    public var startedAt: Int64
    /// When the last event happened.
    public var lastEventAt: Int64
    /// `finished`, `paused` or `interrupted`.
    public var status: String
    /// The outcome, when finished.
    public var outcome: String?
    /// How many steps were entered.
    public var stepsVisited: Int
    /// How many items are checked at the end.
    public var actionsChecked: Int
    /// How many steps were skipped.
    public var skips: Int
    /// How many notes were written.
    public var notes: Int
    /// Damaged journal lines that were left out.
    public var damagedLines: Int
    /// Who ran it, for whom, on which codex.
    public var attribution: SessionAttribution

    /// Reads the record of session `id` from `store`.
    public static func read(_ id: String, in store: SessionStore) throws(JournalError) -> SessionRecord {
        let contents = try JournalContents.read(store.path(of: id))
        return try read(id, contents: contents)
    }

    /// The record of session `id` from its journal's contents.
    public static func read(_ id: String, contents: JournalContents) throws(JournalError) -> SessionRecord {
        guard let first = contents.events.first, case .start(let situation, let process, let who) = first.kind else {
            throw JournalError(.noStart, "journal `\(id)` does not begin with a start event")
        }
        var record = SessionRecord(id: id, situation: situation, process: process, startedAt: first.time,
                                   lastEventAt: contents.events.last?.time ?? first.time, status: "interrupted",
                                   outcome: nil, stepsVisited: 1, actionsChecked: 0, skips: 0, notes: 0,
                                   damagedLines: contents.damaged.count, attribution: who)
        var checked = Set<String>()
        for event in ChecklistEvent.effective(contents.events) {
            switch event.kind {
            case .enter, .branch: record.stepsVisited += 1
            case .check(let step, let item, let isChecked):
                if isChecked { checked.insert("\(step)#\(item)") } else { checked.remove("\(step)#\(item)") }
            case .skip: record.skips += 1
            case .note: record.notes += 1
            case .end(_, let outcome):
                record.status = "finished"
                record.outcome = outcome
            case .pause: record.status = "paused"
            case .resume: record.status = "interrupted"
            default: break
            }
        }
        record.actionsChecked = checked.count
        return record
    }

    /// Seconds from the start to the last event; 0 for times a damaged journal holds
    /// out of order or out of range.
    public var durationSeconds: Int64 { elapsedMilliseconds(from: startedAt, to: lastEventAt) / 1000 }

    /// Whether the session can be resumed.
    public var isResumable: Bool { status != "finished" }

    /// The start time as an ISO 8601 date and time in UTC.
    public var startedISO: String { Self.iso(startedAt) }

    static func iso(_ time: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(time) / 1000))
    }

    /// The record as one line of JSON.
    public var jsonLine: String {
        var fields: [(String, JSONValue)] = [
            ("id", .string(id)), ("situation", .string(situation)), ("process", .string(process)),
            ("started", .string(startedISO)), ("last_event", .string(Self.iso(lastEventAt))),
            ("duration_s", .integer(Int(durationSeconds))), ("status", .string(status)),
            ("agent", .string(attribution.agent)), ("ref", .string(attribution.reference ?? "")),
            ("codex_version", .string(attribution.codexVersion ?? "")),
        ]
        if let outcome { fields.append(("outcome", .string(outcome))) }
        fields += [("steps_visited", .integer(stepsVisited)), ("items_checked", .integer(actionsChecked)),
                   ("skips", .integer(skips)), ("notes", .integer(notes)), ("damaged_lines", .integer(damagedLines))]
        return JSONValue.object(fields).compact
    }

    /// The header of the CSV export.
    public static let csvHeader = "id,situation,process,started,duration_s,status,agent,ref,codex_version,outcome,steps_visited,items_checked,skips,notes,damaged_lines"

    /// The record as one CSV row (RFC 4180 quoting).
    public var csvRow: String {
        let cells = [id, situation, process, startedISO, String(durationSeconds), status,
                     attribution.agent, attribution.reference ?? "", attribution.codexVersion ?? "", outcome ?? "",
                     String(stepsVisited), String(actionsChecked), String(skips), String(notes), String(damagedLines)]
        return cells.map(Self.csvCell).joined(separator: ",")
    }

    private static func csvCell(_ text: String) -> String {
        // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
        var cell = text
        if let first = cell.first, "=+-@".contains(first) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
