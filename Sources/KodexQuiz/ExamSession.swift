import Foundation
import KodexChecklist
import KodexModel

/// An exam being taken: the questions, the answers so far, and the journal every answer
/// is written to before the next question is shown, so that a killed exam loses nothing.
public final class ExamSession {
    /// The exam's record so far.
    public private(set) var record: ExamRecord
    /// The questions by id.
    public let questions: [String: BankQuestion]
    private let journal: JournalWriter
    private let clock: @Sendable () -> Int64

    /// Why an exam cannot start or go on.
    public struct Failure: Error, Sendable {
        /// The message, in the codex's language.
        public var message: String
    }

    /// Starts a new exam of `questions` in `store`, or takes up the unfinished one of the
    /// same agent and situation whose questions are all still in the bank.
    public static func startOrResume(agent: String, situation: String?, codex: Codex, questions: [BankQuestion],
                                     store: ExamStore, clock: @escaping @Sendable () -> Int64 = ChecklistSession.systemClock)
        throws(Failure) -> (session: ExamSession, resumed: Bool) {
        let hu = codex.manifest.locale == .hu
        let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        if let open = store.records().last(where: {
            !$0.isFinished && $0.agent == agent && $0.situation == situation && $0.questions.allSatisfy { byID[$0] != nil }
        }) {
            let journal: JournalWriter
            do {
                journal = try JournalWriter(path: store.path(of: open.id))
            } catch {
                throw Failure(message: error.message)
            }
            let session = ExamSession(record: open, questions: byID, journal: journal, clock: clock)
            try session.append(.resume(at: clock()))
            return (session, true)
        }
        do {
            try createFolder(store.directory)
            let now = clock()
            let id = store.newExamID(agent: agent, situation: situation, at: now)
            let journal = try JournalWriter(path: store.path(of: id), creating: true)
            let start = ExamEvent.start(agent: agent, situation: situation, codexTitle: codex.manifest.title?.value ?? "",
                                        codexVersion: codex.manifest.version?.value, questions: questions.map(\.id), at: now)
            try journal.append(line: start.jsonLine)
            guard let record = ExamRecord(id: id, lines: [Substring(start.jsonLine)]) else {
                throw Failure(message: hu ? "a vizsganapló nem írható" : "the exam journal cannot be written")
            }
            return (ExamSession(record: record, questions: byID, journal: journal, clock: clock), false)
        } catch let failure as Failure {
            throw failure
        } catch let error as JournalError {
            throw Failure(message: error.message)
        } catch {
            throw Failure(message: String(describing: error))
        }
    }

    private init(record: ExamRecord, questions: [String: BankQuestion], journal: JournalWriter,
                 clock: @escaping @Sendable () -> Int64) {
        self.record = record
        self.questions = questions
        self.journal = journal
        self.clock = clock
    }

    /// The next question to ask, nil when every one is answered.
    public var next: BankQuestion? { record.nextQuestion.flatMap { questions[$0] } }

    /// How many questions are answered, and how many there are.
    public var progress: (answered: Int, total: Int) { (record.answers.count, record.questions.count) }

    /// Records the answer to `question`; on disk before it returns.
    public func answer(_ question: BankQuestion, given: [String]) throws(Failure) {
        let right = question.isRight(given)
        try append(.answer(question: question.id, given: given, right: right, at: clock()))
        record.answers[question.id] = (given, right)
        if record.nextQuestion == nil {
            let now = clock()
            try append(.end(at: now))
            record.ended = now
        }
    }

    /// Records that the exam stopped before its end.
    public func pause() {
        try? append(.pause(at: clock()))
    }

    private func append(_ event: ExamEvent) throws(Failure) {
        do {
            try journal.append(line: event.jsonLine)
        } catch {
            throw Failure(message: error.message)
        }
    }
}

extension ExamSession {
    /// Creates the exam folder when it is not there yet.
    private static func createFolder(_ path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure(message: "cannot create `\(path)`: \(error.localizedDescription)")
        }
    }
}
