import KodexYAML

/// A question of the codex's exam bank: written by `kodex quiz generate` from the codex,
/// then reviewed by trainers in the bank file, who reword, drop and add questions.
///
/// A question either offers answers of which exactly one is right, or lists items that
/// are to be put in order (a process's steps).
public struct Question: Sendable, Equatable {
    /// Where a question stands in the trainers' review.
    public enum Status: String, CaseIterable, Sendable {
        /// Generated, not yet reviewed: exams and exports leave it out unless asked.
        case draft
        /// Reviewed and fit for exams.
        case ready
        /// Dropped by a trainer: kept in the bank so that it is not generated again.
        case dropped
    }

    /// What a generated question asks; absent for a question a trainer wrote.
    public enum Kind: String, CaseIterable, Sendable {
        /// A banned phrase: what to say instead.
        case bannedInstead = "banned-instead"
        /// A phrase of a step: say it, or avoid it.
        case sayOrAvoid = "say-or-avoid"
        /// A step: its goal.
        case stepGoal = "step-goal"
        /// A step: the effect it must have on the customer.
        case stepEffect = "step-effect"
        /// A process: its steps in order.
        case stepOrder = "step-order"
        /// A touchpoint: the impression it must leave.
        case touchpointImpression = "touchpoint-impression"
        /// A step limited to a role: who may perform it.
        case stepRole = "step-role"
        /// A step's time target: how long the agent has.
        case timeTarget = "time-target"
        /// An expectation: the rule or tool that meets it.
        case expectationMetBy = "expectation-met-by"
        /// A branching step: where the conversation goes when a condition holds.
        case branchTarget = "branch-target"
    }

    /// The stable id: derived from what a generated question asks about, so that an
    /// LMS re-import updates the question instead of adding it again.
    public var id: Located<String>
    /// What a generated question asks; nil for a trainer's own.
    public var kind: Located<Kind>?
    /// The review status; draft when absent.
    public var status: Located<Status>?
    /// The codex element the question is about.
    public var about: QuestionSubject?
    /// The question as put to the agent.
    public var ask: Located<String>?
    /// The answers to choose from, for a choice question.
    public var answers: [Answer] = []
    /// The items in their right order, for an ordering question.
    public var order: [Located<String>] = []
    /// Why the right answer is right, shown after the question is answered.
    public var explain: Located<String>?
    /// A digest of the codex text a generated question was made from: when it differs
    /// from what the codex says now, the question needs review.
    public var source: Located<String>?
    /// Where the question is defined.
    public var span: SourceSpan

    /// Creates a question with only its id.
    public init(id: Located<String>, span: SourceSpan) {
        self.id = id
        self.span = span
    }

    /// The review status, draft when the bank does not say.
    public var reviewStatus: Status { status?.value ?? .draft }

    /// Whether it asks for an order rather than a choice.
    public var isOrdering: Bool { !order.isEmpty && answers.isEmpty }
}

/// One answer offered by a choice question.
public struct Answer: Sendable, Equatable {
    /// The answer's text.
    public var text: Located<String>
    /// Whether it is the right one.
    public var correct: Bool

    /// Creates an answer.
    public init(text: Located<String>, correct: Bool) {
        self.text = text
        self.correct = correct
    }
}

/// The codex element a question asks about, by the ids that reach it: a step as
/// `situation/process/step`, a process as `situation/process`.
public struct QuestionSubject: Sendable, Equatable {
    /// A situation's id.
    public var situation: Reference?
    /// A process: `situation/process`.
    public var process: Reference?
    /// A step: `situation/process/step`.
    public var step: Reference?
    /// A banned phrase, by its text.
    public var bannedPhrase: Located<String>?
    /// An expectation's id.
    public var expectation: Reference?
    /// A touchpoint of `step`, by its detail.
    public var touchpoint: Located<String>?
    /// A phrase `step` says or avoids.
    public var phrase: Located<String>?
    /// Where it is written.
    public var span: SourceSpan

    /// Creates a subject naming nothing yet.
    public init(span: SourceSpan) {
        self.span = span
    }

    /// The situation the question belongs to, for grouping: the first part of a step's
    /// or process's path, or the situation named; nil for what all situations share.
    public var situationID: String? {
        if let situation { return situation.value }
        let path = step ?? process
        return path.map { String($0.value.prefix { $0 != "/" }) }
    }
}

/// What staff must pass before they take a situation: `qualification` in the manifest.
public struct Qualification: Sendable, Equatable {
    /// What `kodex run` does when an agent has not passed a situation's exam.
    public enum Enforcement: String, CaseIterable, Sendable {
        /// Say so, and run.
        case warn
        /// Say so, and do not run.
        case refuse
    }

    /// The share of right answers, in percent, that passes an exam of the whole codex and
    /// of any situation without a mark of its own.
    public var passMark = 80
    /// What `kodex run` does for an agent without a pass.
    public var enforcement: Enforcement = .warn
    /// The situations that require a passed exam, each with its pass mark in percent.
    public var situations: [(id: Reference, passMark: Int)] = []

    /// Creates the default: no situation requires an exam, 80% passes.
    public init() {}

    /// The pass mark of an exam on `situation` (nil: the whole codex).
    public func passMark(for situation: String?) -> Int {
        situation.flatMap { id in situations.first { $0.id.value == id }?.passMark } ?? passMark
    }

    /// Whether `situation` requires a passed exam.
    public func requires(_ situation: String) -> Bool {
        situations.contains { $0.id.value == situation }
    }

    /// Whether two qualifications ask the same: tuples are compared field by field.
    public static func == (left: Qualification, right: Qualification) -> Bool {
        left.passMark == right.passMark && left.enforcement == right.enforcement
            && left.situations.map(\.id) == right.situations.map(\.id)
            && left.situations.map(\.passMark) == right.situations.map(\.passMark)
    }
}
