import KodexModel
import KodexQuiz
import Testing

/// Every generated question's right answer, checked against what the codex says about
/// the element the question is about.
@Suite struct RightAnswerTests {
    private func step(_ path: String, in codex: Codex) -> Step? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == 3 else { return nil }
        return codex.situations.first { $0.id.value == parts[0] }?.processes.first { $0.id.value == parts[1] }?
            .steps.first { $0.id.value == parts[2] }
    }

    private func value(_ key: String, of question: BankQuestion) -> String? {
        question.about.first { $0.key == key }?.value
    }

    @Test(arguments: [sample, english])
    func everyRightAnswerIsWhatTheCodexSays(_ folder: String) throws {
        let codex = try codexWithoutBank(folder)
        let locale = codex.manifest.locale
        let questions = QuestionGenerator(codex: codex).questions()
        #expect(!questions.isEmpty)
        for question in questions {
            let right = question.rightAnswer
            let step = value("step", of: question).flatMap { self.step($0, in: codex) }
            switch question.kind {
            case .bannedInstead:
                let banned = codex.bannedPhrases.first { $0.phrase.value == value("banned_phrase", of: question) }
                #expect(right == banned?.instead?.value, "\(question.id)")
            case .sayOrAvoid:
                let phrase = try #require(value("phrase", of: question))
                let said = step?.say.contains { $0.value == phrase } == true
                #expect(said || step?.avoid.contains { $0.value == phrase } == true, "\(question.id)")
                #expect(right == (locale == .hu ? (said ? "Mondjuk" : "Kerüljük") : (said ? "Say it" : "Avoid it")), "\(question.id)")
            case .stepGoal:
                #expect(right == step?.goal?.value, "\(question.id)")
            case .stepEffect:
                #expect(right == step?.effect?.value, "\(question.id)")
            case .stepOrder:
                let path = try #require(value("process", of: question)).split(separator: "/").map(String.init)
                let process = codex.situations.first { $0.id.value == path[0] }?.processes.first { $0.id.value == path[1] }
                #expect(question.order == process?.steps.map { $0.title?.value ?? $0.id.value }, "\(question.id)")
            case .touchpointImpression:
                let touchpoint = step?.touchpoints.first { $0.detail.value == value("touchpoint", of: question) }
                #expect(right == touchpoint?.impression?.value, "\(question.id)")
            case .stepRole:
                let role = codex.manifest.roles.first { $0.id.value == step?.role?.value }
                #expect(right == role?.title?.value, "\(question.id)")
            case .timeTarget:
                #expect(right == step?.timeTarget?.text(in: locale), "\(question.id)")
            case .expectationMetBy:
                let id = try #require(value("expectation", of: question))
                let meeting = codex.rules.filter { $0.meets.contains { $0.value == id } }.compactMap { $0.title?.value }
                    + codex.tools.filter { $0.meets.contains { $0.value == id } }.compactMap { $0.title?.value }
                #expect(right.map(meeting.contains) == true, "\(question.id)")
                // No wrong answer meets or exceeds it.
                let helping = codex.rules.filter { ($0.meets + $0.exceeds).contains { $0.value == id } }.compactMap { $0.title?.value }
                    + codex.tools.filter { ($0.meets + $0.exceeds).contains { $0.value == id } }.compactMap { $0.title?.value }
                #expect(question.answers.filter { !$0.correct }.allSatisfy { !helping.contains($0.text) }, "\(question.id)")
            case .branchTarget:
                let condition = question.ask
                let branch = step?.branches.first { branch in branch.condition.map { condition.contains($0.value) } == true }
                let target = codex.situations.flatMap { $0.processes.flatMap(\.steps) }.first { $0.id.value == branch?.target?.value }
                #expect(right == target?.title?.value, "\(question.id)")
            case nil:
                Issue.record("a generated question without a kind: \(question.id)")
            }
        }
    }
}
