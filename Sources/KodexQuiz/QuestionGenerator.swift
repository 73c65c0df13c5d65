import KodexModel
import KodexSupport

/// Writes exam questions from a codex, without any guesswork: every right answer is
/// what the codex says, every wrong one is something the codex says elsewhere.
///
/// The same codex gives the same questions in the same order. Wrong answers are chosen
/// from the same situation first, and among those the ones closest in length to the right
/// answer, so that the right one cannot be spotted by its length; the answers are then
/// ordered by a hash of the question and the answer, so the right one has no fixed place.
public struct QuestionGenerator: Sendable {
    /// How many wrong answers a choice question offers at most.
    public static let wrongAnswers = 3

    private let codex: Codex
    private let words: QuizWords
    /// What wrong answers are drawn from, gathered once: each the codex's texts of one
    /// kind, in codex order.
    private let pools: Pools

    /// Texts of one kind, from a set of steps.
    private struct Pools: Sendable {
        var goals: AnswerPool
        var effects: AnswerPool
        var impressions: AnswerPool

        init(_ steps: [Step]) {
            goals = AnswerPool(steps.compactMap { $0.goal?.value })
            effects = AnswerPool(steps.compactMap { $0.effect?.value })
            impressions = AnswerPool(steps.flatMap(\.touchpoints).compactMap { $0.impression?.value })
        }
    }

    /// Every distinct time target of the codex, in words of its language.
    private let targets: [String]

    /// A generator for `codex`, writing in its language.
    public init(codex: Codex) {
        self.codex = codex
        words = QuizWords(locale: codex.manifest.locale)
        let steps = codex.situations.flatMap { $0.processes.flatMap(\.steps) }
        pools = Pools(steps)
        var seen = Set<String>()
        targets = steps.compactMap(\.timeTarget).map { $0.text(in: codex.manifest.locale) }.filter { seen.insert($0).inserted }
    }

    /// Every question the codex gives, in codex order: shared elements first, then each
    /// situation's steps.
    public func questions() -> [BankQuestion] {
        var made = bannedPhraseQuestions() + expectationQuestions()
        for situation in codex.situations {
            let near = Pools(situation.processes.flatMap(\.steps))
            for process in situation.processes {
                made += processQuestions(situation, process, near: near)
            }
        }
        var seen = Set<String>()
        return made.map { question in
            var question = question
            question.id = Self.identifier(question.id)
            return question
        }.filter { seen.insert($0.id).inserted }
    }

    /// The longest id: Moodle's `idnumber` holds 100 characters.
    public static let maximumIDLength = 100

    /// A question's id from the path of what it asks about (`kind/situation/process/step`):
    /// an id of the codex (its parts joined with `.`), cut to ``maximumIDLength`` with a
    /// hash of the whole, so that two long ids with the same start still differ.
    static func identifier(_ path: String) -> String {
        let id = path.replacingOccurrences(of: "/", with: ".")
        guard id.count > maximumIDLength else { return id }
        var hash = StableHash()
        hash.combine(id)
        return String(id.prefix(maximumIDLength - 9)) + "-" + String(hash.hex.prefix(8))
    }

    // MARK: - Shared elements

    private func bannedPhraseQuestions() -> [BankQuestion] {
        let substitutes = codex.bannedPhrases.compactMap { $0.instead?.value }
        return codex.bannedPhrases.compactMap { banned in
            guard let instead = banned.instead?.value else { return nil }
            let phrase = banned.phrase.value
            return choice(id: "banned-instead/" + Slug.make(phrase), kind: .bannedInstead,
                          about: [("banned_phrase", phrase)], situation: nil,
                          ask: words.bannedInstead(phrase), right: instead,
                          candidates: [AnswerPool(substitutes)], explain: banned.why?.value)
        }
    }

    private func expectationQuestions() -> [BankQuestion] {
        let helpers: [(title: String, meets: Set<String>, exceeds: Set<String>)] =
            codex.rules.map { ($0.title?.value ?? $0.id.value, Set($0.meets.map(\.value)), Set($0.exceeds.map(\.value))) }
            + codex.tools.map { ($0.title?.value ?? $0.id.value, Set($0.meets.map(\.value)), Set($0.exceeds.map(\.value))) }
        return codex.expectations.compactMap { expectation in
            let id = expectation.id.value
            guard let right = helpers.first(where: { $0.meets.contains(id) }) else { return nil }
            // Nothing that meets or exceeds the expectation may stand as a wrong answer.
            let wrong = helpers.filter { !$0.meets.contains(id) && !$0.exceeds.contains(id) }.map(\.title)
            return choice(id: "expectation-met-by/" + id, kind: .expectationMetBy, about: [("expectation", id)],
                          situation: nil, ask: words.expectationMetBy(expectation.title?.value ?? id),
                          right: right.title, candidates: [AnswerPool(wrong)], explain: nil)
        }
    }

    // MARK: - Steps

    /// - Parameter near: the texts of `situation`'s steps, the first pool of wrong answers.
    private func processQuestions(_ situation: Situation, _ process: Process, near: Pools) -> [BankQuestion] {
        let situationID = situation.id.value
        let processPath = situationID + "/" + process.id.value
        var made: [BankQuestion?] = []
        if let order = stepOrder(process) {
            made.append(ordering(id: "step-order/" + processPath, about: [("process", processPath)], situation: situationID,
                                 ask: words.stepOrder(process.title?.value ?? process.id.value), order: order))
        }
        let roles = codex.manifest.roles.map { $0.title?.value ?? $0.id.value }
        for step in process.steps {
            let path = processPath + "/" + step.id.value
            let title = step.title?.value ?? step.id.value
            let about = [("step", path)]
            if let goal = step.goal?.value {
                made.append(choice(id: "step-goal/" + path, kind: .stepGoal, about: about, situation: situationID,
                                   ask: words.stepGoal(title), right: goal,
                                   candidates: [near.goals, pools.goals],
                                   explain: nil))
            }
            if let effect = step.effect?.value {
                made.append(choice(id: "step-effect/" + path, kind: .stepEffect, about: about, situation: situationID,
                                   ask: words.stepEffect(title), right: effect,
                                   candidates: [near.effects, pools.effects],
                                   explain: nil))
            }
            let sayings = step.say.map { ($0.value, true) } + step.avoid.map { ($0.value, false) }
            let folded = Dictionary(grouping: sayings, by: { $0.0.folded })
            for (phrase, said) in sayings where folded[phrase.folded]?.count == 1 {
                made.append(BankQuestion(
                    id: "say-or-avoid/" + path + "/" + Slug.make(phrase), kind: .sayOrAvoid, status: .draft,
                    about: about + [("phrase", phrase)], situation: situationID, ask: words.sayOrAvoid(step: title, phrase: phrase),
                    answers: [(words.say, said), (words.avoid, !said)], order: [], explain: nil,
                    source: BankQuestion.digest(ask: words.sayOrAvoid(step: title, phrase: phrase), right: [said ? words.say : words.avoid])))
            }
            var details: [String: Int] = [:]
            for touchpoint in step.touchpoints {
                guard let impression = touchpoint.impression?.value else { continue }
                let detail = touchpoint.detail.value
                details[detail.folded, default: 0] += 1
                guard details[detail.folded] == 1 else { continue }
                made.append(choice(id: "touchpoint-impression/" + path + "/" + Slug.make(detail), kind: .touchpointImpression,
                                   about: about + [("touchpoint", detail)], situation: situationID,
                                   ask: words.touchpointImpression(detail, step: title), right: impression,
                                   candidates: [near.impressions, pools.impressions], explain: nil))
            }
            if let role = step.role?.value, let right = codex.manifest.roles.first(where: { $0.id.value == role }) {
                made.append(choice(id: "step-role/" + path, kind: .stepRole, about: about, situation: situationID,
                                   ask: words.stepRole(title), right: right.title?.value ?? role, candidates: [AnswerPool(roles)],
                                   explain: nil))
            }
            if let target = step.timeTarget {
                let right = target.text(in: codex.manifest.locale)
                made.append(choice(id: "time-target/" + path, kind: .timeTarget, about: about, situation: situationID,
                                   ask: words.timeTarget(title, what: target.what?.value), right: right,
                                   candidates: [AnswerPool(targets + nearbyDurations(target))], explain: nil))
            }
            for branch in step.branches {
                guard let condition = branch.condition?.value, let to = branch.target?.value,
                      let target = process.steps.first(where: { $0.id.value == to }) else { continue }
                let stepTitles = process.steps.filter { $0.id.value != to && $0.id.value != step.id.value }
                    .map { $0.title?.value ?? $0.id.value }
                made.append(choice(id: "branch-target/" + path + "/" + Slug.make(condition), kind: .branchTarget,
                                   about: about, situation: situationID,
                                   ask: words.branchTarget(step: title, condition: condition),
                                   right: target.title?.value ?? to, candidates: [AnswerPool(stepTitles)], explain: nil))
            }
        }
        return made.compactMap { $0 }
    }

    /// A process's step titles in conversation order, when the process runs straight
    /// through: at least three steps, no branches, each step followed by the next one
    /// listed, and no two steps with the same title.
    private func stepOrder(_ process: Process) -> [String]? {
        let steps = process.steps
        guard steps.count >= 3 else { return nil }
        for (index, step) in steps.enumerated() {
            guard step.branches.isEmpty else { return nil }
            if let next = step.next?.value, index + 1 < steps.count, next != steps[index + 1].id.value { return nil }
        }
        let titles = steps.map { $0.title?.value ?? $0.id.value }
        return Set(titles.map(\.folded)).count == titles.count ? titles : nil
    }

    /// Half and twice the target, and a third and three times it, for a codex with too
    /// few targets of its own to offer wrong ones.
    private func nearbyDurations(_ target: TimeTarget) -> [String] {
        if let days = target.workingDays {
            return [days * 2, days + 1, days * 3, max(1, days / 2)].filter { $0 != days }
                .map { TimeTarget.text(seconds: 0, workingDays: $0, in: codex.manifest.locale) }
        }
        return [target.seconds * 2, target.seconds / 2, target.seconds * 3, target.seconds / 3]
            .filter { $0 > 0 && $0 != target.seconds }
            .map { TimeTarget.text(seconds: $0, in: codex.manifest.locale) }
    }

    // MARK: - Making questions

    /// A choice question, or nil when the codex offers fewer than two wrong answers.
    ///
    /// - Parameter candidates: pools of wrong answers, nearest first: a pool is drawn from
    ///   only while the earlier ones hold too few.
    private func choice(id: String, kind: Question.Kind, about: [(String, String)], situation: String?, ask: String,
                        right: String, candidates: [AnswerPool], explain: String?) -> BankQuestion? {
        var chosen: [String] = []
        var seen: Set<String> = [right.folded]
        let length = right.count
        for pool in candidates where chosen.count < Self.wrongAnswers {
            let fresh = pool.entries.filter { !seen.contains($0.folded) }
            guard !fresh.isEmpty else { continue }
            // The nearest in length win, ties broken by a hash of the question and the text;
            // only the entries as near as the last one needed are hashed and sorted.
            let wanted = min(Self.wrongAnswers - chosen.count, fresh.count)
            let cutoff = fresh.map { abs($0.length - length) }.sorted()[wanted - 1]
            let nearest = fresh.filter { abs($0.length - length) <= cutoff }
                .map { (text: $0.text, distance: abs($0.length - length), rank: Self.rank(id, $0.text)) }
                .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.rank < $1.rank }
            for entry in nearest.prefix(wanted) {
                chosen.append(entry.text)
                seen.insert(entry.text.folded)
            }
        }
        guard chosen.count >= 2 else { return nil }
        let answers = ([(right, true)] + chosen.map { ($0, false) }).sorted { Self.rank(id, $0.0) < Self.rank(id, $1.0) }
        return BankQuestion(id: id, kind: kind, status: .draft, about: about.map { (key: $0.0, value: $0.1) },
                            situation: situation, ask: ask, answers: answers.map { (text: $0.0, correct: $0.1) },
                            order: [], explain: explain, source: BankQuestion.digest(ask: ask, right: [right]))
    }

    private func ordering(id: String, about: [(String, String)], situation: String, ask: String, order: [String]) -> BankQuestion {
        BankQuestion(id: id, kind: .stepOrder, status: .draft, about: about.map { (key: $0.0, value: $0.1) },
                     situation: situation, ask: ask, answers: [], order: order, explain: nil,
                     source: BankQuestion.digest(ask: ask, right: order))
    }

    /// A stable place for `text` among the answers of question `id`.
    public static func rank(_ id: String, _ text: String) -> String {
        var hash = StableHash()
        hash.combine(id)
        hash.combine(text)
        return hash.hex
    }
}

/// Texts a wrong answer may be drawn from, each once (the first of those that fold alike),
/// with its folded form and length worked out once rather than for every question.
struct AnswerPool: Sendable {
    struct Entry: Sendable {
        var text: String
        var folded: String
        var length: Int
    }

    let entries: [Entry]

    init(_ texts: [String]) {
        var seen = Set<String>()
        var entries: [Entry] = []
        for text in texts {
            let folded = text.folded
            if seen.insert(folded).inserted { entries.append(Entry(text: text, folded: folded, length: text.count)) }
        }
        self.entries = entries
    }
}

/// Ids made of text: lowercase ASCII letters and digits joined by hyphens, accents
/// dropped, short enough for an LMS's id field.
enum Slug {
    /// The longest slug; a longer text is cut and given a hash of the whole, so that two
    /// long texts with the same start still differ.
    static let maximumLength = 40

    static func make(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if let ascii = plain(scalar) {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(ascii)
            } else {
                pendingHyphen = true
            }
        }
        if slug.isEmpty || slug.count > maximumLength {
            var hash = StableHash()
            hash.combine(text)
            let cut = slug.prefix(maximumLength - 9).trimmingSuffix("-")
            return (cut.isEmpty ? "" : cut + "-") + String(hash.hex.prefix(8))
        }
        return slug
    }

    /// The ASCII letter or digit a character is written with, accents dropped.
    private static func plain(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { return scalar }
        let accented: [Unicode.Scalar: Unicode.Scalar] = [
            "á": "a", "à": "a", "â": "a", "ä": "a", "é": "e", "è": "e", "ê": "e", "ë": "e", "í": "i", "î": "i", "ï": "i",
            "ó": "o", "ò": "o", "ô": "o", "ö": "o", "ő": "o", "ú": "u", "ù": "u", "û": "u", "ü": "u", "ű": "u", "ç": "c", "ñ": "n",
        ]
        return accented[scalar]
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: Character) -> String {
        var text = self
        while text.last == suffix { text.removeLast() }
        return String(text)
    }
}
