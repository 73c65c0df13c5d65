import KodexModel

/// One thing that happened in a checklist session, as the journal records it.
///
/// A session's state is nothing but its events replayed in order, which is what makes
/// a journal enough to resume a session that was killed.
public struct ChecklistEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// The session started on a situation's process.
        case start(situation: String, process: String, codexTitle: String)
        /// The agent entered a step.
        case enter(step: String)
        /// The agent checked or unchecked checklist item `item` (0-based) of a step.
        case check(step: String, item: Int, checked: Bool)
        /// The agent wrote a note.
        case note(step: String, text: String)
        /// The agent skipped a step, giving a reason.
        case skip(step: String, reason: String)
        /// The agent confirmed leaving a step whose required items were open.
        case leaveOpen(step: String, openItems: [Int])
        /// The agent chose a branch.
        case branch(step: String, condition: String, target: String)
        /// The agent went back to the previous step.
        case back(from: String, to: String)
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
}

// MARK: - JSON Lines

extension ChecklistEvent {
    /// The event as one line of JSON, without the newline.
    public var jsonLine: String {
        var fields: [(String, JSONValue)] = []
        switch kind {
        case .start(let situation, let process, let title):
            fields = [("type", .string("start")), ("situation", .string(situation)), ("process", .string(process)),
                      ("codex", .string(title))]
        case .enter(let step):
            fields = [("type", .string("enter")), ("step", .string(step))]
        case .check(let step, let item, let checked):
            fields = [("type", .string("check")), ("step", .string(step)), ("item", .integer(item)), ("checked", .bool(checked))]
        case .note(let step, let text):
            fields = [("type", .string("note")), ("step", .string(step)), ("text", .string(text))]
        case .skip(let step, let reason):
            fields = [("type", .string("skip")), ("step", .string(step)), ("reason", .string(reason))]
        case .leaveOpen(let step, let items):
            fields = [("type", .string("leave-open")), ("step", .string(step)), ("items", .array(items.map { .integer($0) }))]
        case .branch(let step, let condition, let target):
            fields = [("type", .string("branch")), ("step", .string(step)), ("condition", .string(condition)), ("to", .string(target))]
        case .back(let from, let to):
            fields = [("type", .string("back")), ("from", .string(from)), ("to", .string(to))]
        case .end(let step, let outcome):
            fields = [("type", .string("end")), ("step", .string(step)), ("outcome", .string(outcome))]
        case .pause:
            fields = [("type", .string("pause"))]
        case .resume:
            fields = [("type", .string("resume"))]
        }
        fields.append(("at", .integer(Int(time))))
        return JSONValue.object(fields).compact
    }

    /// Reads an event from one journal line.
    ///
    /// - Throws: ``JournalError`` when the line is not a complete, known event.
    public init(jsonLine line: String) throws(JournalError) {
        guard let object = MiniJSON.parseObject(line) else { throw JournalError("not a JSON object") }
        func text(_ key: String) throws(JournalError) -> String {
            guard case .string(let value)? = object[key] else { throw JournalError("missing `\(key)`") }
            return value
        }
        func number(_ key: String) throws(JournalError) -> Int {
            guard case .number(let value)? = object[key] else { throw JournalError("missing `\(key)`") }
            return Int(value)
        }
        let type = try text("type")
        let time = Int64(try number("at"))
        switch type {
        case "start": self.init(.start(situation: try text("situation"), process: try text("process"), codexTitle: try text("codex")), time: time)
        case "enter": self.init(.enter(step: try text("step")), time: time)
        case "check":
            guard case .bool(let checked)? = object["checked"] else { throw JournalError("missing `checked`") }
            self.init(.check(step: try text("step"), item: try number("item"), checked: checked), time: time)
        case "note": self.init(.note(step: try text("step"), text: try text("text")), time: time)
        case "skip": self.init(.skip(step: try text("step"), reason: try text("reason")), time: time)
        case "leave-open":
            guard case .array(let items)? = object["items"] else { throw JournalError("missing `items`") }
            let numbers = items.compactMap { item -> Int? in if case .number(let n) = item { return Int(n) } else { return nil } }
            self.init(.leaveOpen(step: try text("step"), openItems: numbers), time: time)
        case "branch": self.init(.branch(step: try text("step"), condition: try text("condition"), target: try text("to")), time: time)
        case "back": self.init(.back(from: try text("from"), to: try text("to")), time: time)
        case "end": self.init(.end(step: try text("step"), outcome: try text("outcome")), time: time)
        case "pause": self.init(.pause, time: time)
        case "resume": self.init(.resume, time: time)
        default: throw JournalError("unknown event type `\(type)`")
        }
    }
}

/// Why a journal line could not be read.
public struct JournalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A lowercase message.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
