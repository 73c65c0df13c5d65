import KodexModel
import KodexSupport

/// A question as the bank file holds it, without places in a file: what the generator
/// makes, what the exports write, and what a bank's ``Question`` reads as.
public struct BankQuestion: Sendable, Equatable {
    /// The stable id.
    public var id: String
    /// What a generated question asks; nil for a trainer's own.
    public var kind: Question.Kind?
    /// The review status.
    public var status: Question.Status
    /// The codex element it is about, as the bank's `about` keys and their values.
    public var about: [(key: String, value: String)]
    /// The situation it belongs to; nil for what all situations share.
    public var situation: String?
    /// The question.
    public var ask: String
    /// The answers, for a choice question.
    public var answers: [(text: String, correct: Bool)]
    /// The items in their right order, for an ordering question.
    public var order: [String]
    /// Why the right answer is right.
    public var explain: String?
    /// A digest of what the codex asserts in the question: its text and right answer.
    public var source: String?

    /// Creates a question.
    public init(id: String, kind: Question.Kind?, status: Question.Status, about: [(key: String, value: String)],
                situation: String?, ask: String, answers: [(text: String, correct: Bool)], order: [String],
                explain: String?, source: String?) {
        self.id = id
        self.kind = kind
        self.status = status
        self.about = about
        self.situation = situation
        self.ask = ask
        self.answers = answers
        self.order = order
        self.explain = explain
        self.source = source
    }

    /// Whether it asks for an order rather than a choice.
    public var isOrdering: Bool { answers.isEmpty && !order.isEmpty }

    /// The right answer of a choice question.
    public var rightAnswer: String? { answers.first { $0.correct }?.text }

    public static func == (lhs: BankQuestion, rhs: BankQuestion) -> Bool {
        lhs.id == rhs.id && lhs.kind == rhs.kind && lhs.status == rhs.status
            && lhs.about.map { [$0.key, $0.value] } == rhs.about.map { [$0.key, $0.value] }
            && lhs.situation == rhs.situation && lhs.ask == rhs.ask
            && lhs.answers.map { [$0.text, "\($0.correct)"] } == rhs.answers.map { [$0.text, "\($0.correct)"] }
            && lhs.order == rhs.order && lhs.explain == rhs.explain && lhs.source == rhs.source
    }

    /// The digest of what a generated question asserts: the question and its right
    /// answer, or its order. Distractors are left out, so that a change elsewhere in the
    /// codex does not ask trainers to review a question whose subject is as it was.
    static func digest(ask: String, right: [String]) -> String {
        var hash = StableHash()
        hash.combine(ask)
        for item in right { hash.combine(item) }
        return String(hash.hex.prefix(12))
    }
}

extension BankQuestion {
    /// The question as the bank reads it: the answer texts and statuses the trainers left.
    public init(_ question: Question) {
        var about: [(key: String, value: String)] = []
        if let subject = question.about {
            let fields: [(String, Located<String>?)] = [
                ("situation", subject.situation), ("process", subject.process), ("step", subject.step),
                ("banned_phrase", subject.bannedPhrase), ("expectation", subject.expectation),
                ("touchpoint", subject.touchpoint), ("phrase", subject.phrase),
            ]
            about = fields.compactMap { key, value in value.map { (key, $0.value) } }
        }
        self.init(id: question.id.value, kind: question.kind?.value, status: question.reviewStatus, about: about,
                  situation: question.about?.situationID, ask: question.ask?.value ?? "",
                  answers: question.answers.map { ($0.text.value, $0.correct) }, order: question.order.map(\.value),
                  explain: question.explain?.value, source: question.source?.value)
    }
}

/// Writing questions as the bank's YAML.
enum BankYAML {
    /// The items of a `questions:` list, each starting `  - id:`.
    static func items(_ questions: [BankQuestion]) -> String {
        questions.map(item).joined(separator: "\n")
    }

    private static func item(_ question: BankQuestion) -> String {
        var lines = ["  - id: \(scalar(question.id))"]
        if let kind = question.kind { lines.append("    kind: \(kind.rawValue)") }
        lines.append("    status: \(question.status.rawValue)")
        if !question.about.isEmpty {
            lines.append("    about:")
            for (key, value) in question.about { lines.append("      \(key): \(scalar(value))") }
        }
        lines.append("    ask: \(scalar(question.ask))")
        if !question.answers.isEmpty {
            lines.append("    answers:")
            for answer in question.answers {
                lines.append("      - text: \(scalar(answer.text))" + (answer.correct ? "\n        correct: true" : ""))
            }
        }
        if !question.order.isEmpty {
            lines.append("    order:")
            for item in question.order { lines.append("      - \(scalar(item))") }
        }
        if let explain = question.explain { lines.append("    explain: \(scalar(explain))") }
        if let source = question.source { lines.append("    source: \(scalar(source))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text as a double-quoted YAML scalar: every character is safe in it, and YAML reads
    /// back exactly the text written.
    static func scalar(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0xFEFF {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
