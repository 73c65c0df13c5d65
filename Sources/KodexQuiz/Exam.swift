import Foundation
import KodexChecklist
import KodexModel
import KodexSupport

/// One thing that happened in an exam, as its journal holds it: one JSON line each.
public enum ExamEvent: Sendable, Equatable {
    /// The exam began: who takes it, on which situation (nil: the whole codex), from
    /// which codex, and the questions it asks, in order.
    case start(agent: String, situation: String?, codexTitle: String, codexVersion: String?, questions: [String], at: Int64)
    /// A question was answered: the answer given (the chosen text, or the items in the
    /// order given) and whether it was right.
    case answer(question: String, given: [String], right: Bool, at: Int64)
    /// The exam was stopped before its end; it can be taken up again.
    case pause(at: Int64)
    /// The exam was taken up again.
    case resume(at: Int64)
    /// Every question was answered.
    case end(at: Int64)

    /// The event as one line of JSON.
    public var jsonLine: String {
        var fields: [(String, JSONValue)]
        switch self {
        case .start(let agent, let situation, let title, let version, let questions, let at):
            fields = [("type", .string("exam-start")), ("at", .integer(Int(at))), ("agent", .string(agent))]
            if let situation { fields.append(("situation", .string(situation))) }
            fields.append(("codex", .string(title)))
            if let version { fields.append(("codex_version", .string(version))) }
            fields.append(("questions", .array(questions.map { .string($0) })))
        case .answer(let question, let given, let right, let at):
            fields = [("type", .string("answer")), ("at", .integer(Int(at))), ("question", .string(question)),
                      ("given", .array(given.map { .string($0) })), ("right", .bool(right))]
        case .pause(let at): fields = [("type", .string("pause")), ("at", .integer(Int(at)))]
        case .resume(let at): fields = [("type", .string("resume")), ("at", .integer(Int(at)))]
        case .end(let at): fields = [("type", .string("exam-end")), ("at", .integer(Int(at)))]
        }
        return JSONValue.object(fields).compact
    }

    /// Reads one journal line; nil for a line that is not an exam event (a torn or
    /// damaged line is skipped and counted, never guessed at).
    public init?(jsonLine line: Substring) {
        guard let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let type = object["type"] as? String, let at = (object["at"] as? NSNumber)?.int64Value else { return nil }
        switch type {
        case "exam-start":
            guard let agent = object["agent"] as? String, let title = object["codex"] as? String,
                  let questions = object["questions"] as? [String] else { return nil }
            self = .start(agent: agent, situation: object["situation"] as? String, codexTitle: title,
                          codexVersion: object["codex_version"] as? String, questions: questions, at: at)
        case "answer":
            guard let question = object["question"] as? String, let given = object["given"] as? [String],
                  let right = object["right"] as? Bool else { return nil }
            self = .answer(question: question, given: given, right: right, at: at)
        case "pause": self = .pause(at: at)
        case "resume": self = .resume(at: at)
        case "exam-end": self = .end(at: at)
        default: return nil
        }
    }
}

/// An exam as its journal tells it: who, on what, the questions, and the answers so far.
public struct ExamRecord: Sendable {
    /// The journal's id: its file name without `.jsonl`.
    public var id: String
    /// Who took it.
    public var agent: String
    /// The situation it was on; nil for the whole codex.
    public var situation: String?
    /// The codex's title and version.
    public var codexTitle: String
    /// The codex's version, when it has one.
    public var codexVersion: String?
    /// The questions, in the order asked.
    public var questions: [String]
    /// The answers so far, by question id: the last answer given counts.
    public var answers: [String: (given: [String], right: Bool)] = [:]
    /// When it began and when the last event was written, in ms since 1970.
    public var started: Int64
    /// When it ended, if it did.
    public var ended: Int64?
    /// Lines that could not be read.
    public var damagedLines = 0

    /// Whether every question was answered and the exam ended.
    public var isFinished: Bool { ended != nil }

    /// How many answers were right.
    public var score: Int { answers.values.count { $0.right } }

    /// The share of the questions answered right, in percent, rounded down.
    public var percent: Int { questions.isEmpty ? 0 : score * 100 / questions.count }

    /// Whether it ended with at least `mark` percent right, on a bank that asked something.
    public func passed(mark: Int) -> Bool { isFinished && !questions.isEmpty && percent >= mark }

    /// The first question not yet answered.
    public var nextQuestion: String? { questions.first { answers[$0] == nil } }

    /// The record told by `lines` of a journal; nil when it does not start as an exam.
    public init?(id: String, lines: [Substring]) {
        var events: [ExamEvent] = []
        var damaged = 0
        for line in lines where !line.isEmpty {
            if let event = ExamEvent(jsonLine: line) { events.append(event) } else { damaged += 1 }
        }
        guard case .start(let agent, let situation, let title, let version, let questions, let at)? = events.first else { return nil }
        self.id = id
        self.agent = agent
        self.situation = situation
        codexTitle = title
        codexVersion = version
        self.questions = questions
        started = at
        damagedLines = damaged
        for event in events.dropFirst() {
            switch event {
            case .answer(let question, let given, let right, _) where questions.contains(question):
                answers[question] = (given, right)
            case .end(let at): ended = at
            default: break
            }
        }
    }
}

/// The folder of exam journals, beside the session journals: `$XDG_STATE_HOME/kodex/exams`.
public struct ExamStore: Sendable {
    /// The folder.
    public let directory: String

    /// A store in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The default store, beside ``SessionStore/standard(environment:)``'s folder.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ExamStore {
        ExamStore(directory: parentFolder(of: SessionStore.standard(environment: environment).directory) + "/exams")
    }

    /// The journal path of exam `id`.
    public func path(of id: String) -> String { directory + "/" + id + ".jsonl" }

    /// Every exam of the store, oldest first; journals that are no exam are left out.
    public func records() -> [ExamRecord] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        return names.compactMap { name in
            guard let bytes = FileReplacement.read(directory + "/" + name) else { return nil }
            let text = String(decoding: bytes, as: UTF8.self)
            return ExamRecord(id: String(name.dropLast(".jsonl".count)), lines: text.split(separator: "\n", omittingEmptySubsequences: false))
        }
    }

    /// A new exam id: the start time, the agent, the situation and a random suffix.
    public func newExamID(agent: String, situation: String?, at time: Int64) -> String {
        let session = SessionStore(directory: directory).newSessionID(situation: situation ?? "kodex", at: time)
        let safeAgent = agent.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? String($0) : "-" }.joined()
        return session + "-" + String(safeAgent.prefix(40))
    }
}

/// The questions an exam asks: the bank's questions marked ready (or drafts too, when a
/// trainer tries the exam out), those of `situation` and those all situations share; every
/// ready question when no situation is given.
public func examQuestions(of codex: Codex, situation: String?, includeDrafts: Bool) -> [BankQuestion] {
    codex.questions.map(BankQuestion.init).filter { question in
        (question.status == .ready || (includeDrafts && question.status == .draft))
            && (situation == nil || question.situation == nil || question.situation == situation)
    }
}

extension BankQuestion {
    /// Whether `given` (an answer's text, or the items in order) is the right answer.
    public func isRight(_ given: [String]) -> Bool {
        isOrdering ? given == order : given.count == 1 && given.first == rightAnswer
    }
}
