import Foundation
import KodexModel
import KodexSupport

/// Who ran a session, for whom, and on which codex: what a trainer needs to tell who
/// did what, and what `kodex run --resume` needs to find the codex again.
public struct SessionAttribution: Sendable, Hashable {
    /// The agent: `--agent`, else `$KODEX_AGENT`, else the login name.
    public var agent: String
    /// The customer or ticket reference, when given.
    public var reference: String?
    /// The codex's title.
    public var codexTitle: String
    /// The codex's version, as its manifest states it.
    public var codexVersion: String?
    /// The codex folder, as an absolute path.
    public var codexPath: String?
    /// A hash of the codex's files (`CodexFingerprint`), to tell whether the codex
    /// changed between pause and resume.
    public var codexHash: String?

    /// Creates an attribution.
    public init(agent: String, reference: String? = nil, codexTitle: String, codexVersion: String? = nil,
                codexPath: String? = nil, codexHash: String? = nil) {
        self.agent = agent
        self.reference = reference
        self.codexTitle = codexTitle
        self.codexVersion = codexVersion
        self.codexPath = codexPath
        self.codexHash = codexHash
    }
}

/// One thing that happened in a checklist session, as the journal records it.
///
/// A session's state is nothing but its events replayed in order, which is what makes
/// a journal enough to resume a session that was killed.
public struct ChecklistEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// The session started on a situation's process.
        case start(situation: String, process: String, attribution: SessionAttribution)
        /// The agent entered a step.
        case enter(step: String)
        /// The agent checked or unchecked the checklist item with key `item` (see
        /// `Step.actionKeys`) of a step. Journals written before keys hold the item's
        /// position instead, as a number.
        case check(step: String, item: String, checked: Bool)
        /// The agent wrote a note.
        case note(step: String, text: String)
        /// The agent skipped a step, giving a reason.
        case skip(step: String, reason: String)
        /// The agent confirmed leaving a step whose required items were open (by key).
        case leaveOpen(step: String, openActions: [String])
        /// The agent answered "no" to leaving a step whose required items were open.
        case stay(step: String, openActions: [String])
        /// The agent chose a branch.
        case branch(step: String, condition: String, target: String)
        /// The agent went back to the previous step.
        case back(from: String, to: String)
        /// The agent took back the last event that can be taken back (see
        /// ``ChecklistEvent/effective(_:)``); `undid` names its type, for a human reader.
        case undo(undid: String)
        /// The process reached an end.
        case end(step: String, outcome: String)
        /// The agent stopped the session before an end; it can be resumed.
        case pause
        /// The agent took up a paused or interrupted session again.
        case resume
    }

    /// What happened.
    public var kind: Kind
    /// When, in milliseconds since 1970.
    public var time: Int64

    /// Creates an event.
    public init(_ kind: Kind, time: Int64) {
        self.kind = kind
        self.time = time
    }

    /// The event's type as the journal writes it.
    public var type: String {
        switch kind {
        case .start: "start"
        case .enter: "enter"
        case .check: "check"
        case .note: "note"
        case .skip: "skip"
        case .leaveOpen: "leave-open"
        case .stay: "stay"
        case .branch: "branch"
        case .back: "back"
        case .undo: "undo"
        case .end: "end"
        case .pause: "pause"
        case .resume: "resume"
        }
    }

    /// Whether `u` can take the event back: what the agent did on a step, not the
    /// session's own start, pause, resume or end.
    public var isUndoable: Bool {
        switch kind {
        case .enter, .check, .note, .skip, .leaveOpen, .stay, .branch, .back: true
        case .start, .undo, .end, .pause, .resume: false
        }
    }

    /// The events that still count once every `undo` has taken back its event: each
    /// `undo` removes the latest undoable event still counting, and with a move (`enter`
    /// or `branch`) the `leave-open` confirmation recorded just before it. Needs no codex,
    /// so that `kodex sessions` reads journals the same way a resume does.
    public static func effective(_ events: [ChecklistEvent]) -> [ChecklistEvent] {
        var kept: [ChecklistEvent] = []
        for event in events {
            guard case .undo = event.kind else {
                kept.append(event)
                continue
            }
            guard let index = kept.lastIndex(where: \.isUndoable) else { continue }
            let undone = kept.remove(at: index)
            if case .enter = undone.kind, index > 0, case .leaveOpen = kept[index - 1].kind { kept.remove(at: index - 1) }
            if case .branch = undone.kind, index > 0, case .leaveOpen = kept[index - 1].kind { kept.remove(at: index - 1) }
        }
        return kept
    }
}

// MARK: - JSON Lines

extension ChecklistEvent {
    /// The event as one line of JSON, without the newline. Keys come in a fixed order,
    /// so the same event always gives the same bytes.
    public var jsonLine: String {
        var fields: [(String, JSONValue)] = [("type", .string(type))]
        switch kind {
        case .start(let situation, let process, let who):
            fields += [("situation", .string(situation)), ("process", .string(process)), ("codex", .string(who.codexTitle))]
            if let version = who.codexVersion { fields.append(("codex_version", .string(version))) }
            if let path = who.codexPath { fields.append(("codex_path", .string(path))) }
            if let hash = who.codexHash { fields.append(("codex_hash", .string(hash))) }
            fields.append(("agent", .string(who.agent)))
            if let reference = who.reference { fields.append(("ref", .string(reference))) }
        case .enter(let step):
            fields.append(("step", .string(step)))
        case .check(let step, let item, let checked):
            fields += [("step", .string(step)), ("item", .string(item)), ("checked", .bool(checked))]
        case .note(let step, let text):
            fields += [("step", .string(step)), ("text", .string(text))]
        case .skip(let step, let reason):
            fields += [("step", .string(step)), ("reason", .string(reason))]
        case .leaveOpen(let step, let items), .stay(let step, let items):
            fields += [("step", .string(step)), ("items", .array(items.map { .string($0) }))]
        case .branch(let step, let condition, let target):
            fields += [("step", .string(step)), ("condition", .string(condition)), ("to", .string(target))]
        case .back(let from, let to):
            fields += [("from", .string(from)), ("to", .string(to))]
        case .undo(let undid):
            fields.append(("undid", .string(undid)))
        case .end(let step, let outcome):
            fields += [("step", .string(step)), ("outcome", .string(outcome))]
        case .pause, .resume:
            break
        }
        fields.append(("at", .integer(Int(time))))
        return JSONValue.object(fields).compact
    }

    /// Reads an event from one journal line.
    ///
    /// Total: any bytes give an event or a ``JournalError``, never a trap. Numbers out
    /// of range, deep nesting and invalid text are errors of the standard decoder.
    ///
    /// - Throws: ``JournalError`` when the line is not a complete, known event.
    public init<Bytes: Collection>(jsonLine bytes: Bytes) throws(JournalError) where Bytes.Element == UInt8 {
        let fast = bytes.withContiguousStorageIfAvailable { JournalLineReader.read($0) } ?? Array(bytes).withUnsafeBufferPointer {
            JournalLineReader.read($0)
        }
        let line: JournalLine
        if let fast {
            line = fast
        } else {
            line = try Self.standardDecoding(bytes)
        }
        try self.init(line)
    }

    /// Reads a line with Foundation's decoder: every line the fast reader leaves alone.
    static func standardDecoding<Bytes: Collection>(_ bytes: Bytes) throws(JournalError) -> JournalLine
        where Bytes.Element == UInt8 {
        do {
            return try JSONDecoder().decode(JournalLine.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw JournalError(.damagedLine, Self.describe(error))
        } catch {
            throw JournalError(.damagedLine, "not a JSON object")
        }
    }

    /// The event a read line holds.
    init(_ line: JournalLine) throws(JournalError) {
        func text(_ value: String?, _ key: String) throws(JournalError) -> String {
            guard let value else { throw JournalError(.damagedLine, "missing `\(key)`") }
            return value
        }
        guard let type = line.type else { throw JournalError(.damagedLine, "missing `type`") }
        guard let time = line.at else { throw JournalError(.damagedLine, "missing `at`") }
        switch type {
        case "start":
            let who = SessionAttribution(agent: line.agent ?? "", reference: line.ref, codexTitle: line.codex ?? "",
                                         codexVersion: line.codex_version, codexPath: line.codex_path,
                                         codexHash: line.codex_hash)
            self.init(.start(situation: try text(line.situation, "situation"), process: try text(line.process, "process"),
                             attribution: who), time: time)
        case "enter": self.init(.enter(step: try text(line.step, "step")), time: time)
        case "check":
            guard let item = line.item else { throw JournalError(.damagedLine, "missing `item`") }
            guard let checked = line.checked else { throw JournalError(.damagedLine, "missing `checked`") }
            self.init(.check(step: try text(line.step, "step"), item: item.key, checked: checked), time: time)
        case "note": self.init(.note(step: try text(line.step, "step"), text: try text(line.text, "text")), time: time)
        case "skip": self.init(.skip(step: try text(line.step, "step"), reason: try text(line.reason, "reason")), time: time)
        case "leave-open", "stay":
            guard let items = line.items else { throw JournalError(.damagedLine, "missing `items`") }
            let step = try text(line.step, "step")
            let keys = items.map(\.key)
            self.init(type == "stay" ? .stay(step: step, openActions: keys) : .leaveOpen(step: step, openActions: keys), time: time)
        case "branch":
            self.init(.branch(step: try text(line.step, "step"), condition: try text(line.condition, "condition"),
                              target: try text(line.to, "to")), time: time)
        case "back": self.init(.back(from: try text(line.from, "from"), to: try text(line.to, "to")), time: time)
        case "undo": self.init(.undo(undid: line.undid ?? ""), time: time)
        case "end": self.init(.end(step: try text(line.step, "step"), outcome: try text(line.outcome, "outcome")), time: time)
        case "pause": self.init(.pause, time: time)
        case "resume": self.init(.resume, time: time)
        default: throw JournalError(.damagedLine, "unknown event type `\(type.prefix(40))`")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
             .dataCorrupted(let context):
            let key = context.codingPath.last.map { "`\($0.stringValue)`: " } ?? ""
            return key.isEmpty ? "not a JSON object" : key + "not a value of the right type"
        @unknown default:
            return "not a JSON object"
        }
    }
}

/// One journal line as the standard decoder reads it: every field optional, so that
/// what is missing is reported by name.
struct JournalLine: Decodable {
    /// An item: its key, or its position in journals written before keys.
    enum Item: Decodable {
        case key(String)
        case position(Int)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let key = try? container.decode(String.self) {
                self = .key(key)
            } else {
                self = .position(try container.decode(Int.self))
            }
        }

        /// Positions are written as `#` and the number, which no key looks like.
        var key: String {
            switch self {
            case .key(let key): key
            case .position(let number): "#\(number)"
            }
        }
    }

    var type: String?
    var at: Int64?
    var situation: String?
    var process: String?
    var codex: String?
    var codex_version: String?
    var codex_path: String?
    var codex_hash: String?
    var agent: String?
    var ref: String?
    var step: String?
    var item: Item?
    var checked: Bool?
    var text: String?
    var reason: String?
    var items: [Item]?
    var condition: String?
    var to: String?
    var from: String?
    var undid: String?
    var outcome: String?
}

/// Why a journal line could not be read, or a journal written.
public struct JournalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// A line is not an event: not JSON, or lacking what its type needs.
        case damagedLine
        /// Another `kodex run` holds the journal.
        case busy
        /// The journal or its folder could not be read, written or flushed.
        case io
        /// The journal was deleted or moved while the session ran.
        case vanished
        /// The journal does not begin with a start event.
        case noStart
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
