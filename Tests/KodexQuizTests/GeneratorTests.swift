import Foundation
import KodexModel
import KodexQuiz
import KodexValidation
import Testing
import TestSupport

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let sample = repository.appendingPathComponent("codex").path
let english = repository.appendingPathComponent("Tests/KodexCLITests/Fixtures/english").path

/// The codex in `folder`, without its exam bank, as `kodex quiz generate` reads it the first time.
func codexWithoutBank(_ folder: String) throws -> Codex {
    var codex = try CodexLoader().load(directory: folder).codex
    codex.questions = []
    return codex
}

@Suite struct GeneratorTests {
    @Test(arguments: [("sample", sample), ("english", english)])
    func generatedBankMatchesItsGoldenFile(_ name: String, _ folder: String) throws {
        let update = try QuestionBank.update(try codexWithoutBank(folder), existing: nil)
        expectGolden(update.text, "\(name)-bank.yaml")
    }

    @Test func generationIsDeterministic() throws {
        let codex = try codexWithoutBank(sample)
        #expect(QuestionGenerator(codex: codex).questions() == QuestionGenerator(codex: codex).questions())
    }

    @Test func theSampleGivesEveryKindOfQuestion() throws {
        let kinds = Set(QuestionGenerator(codex: try codexWithoutBank(sample)).questions().compactMap(\.kind))
        #expect(kinds == Set(Question.Kind.allCases))
    }

    @Test func idsAreUniqueAndShortEnoughForMoodle() throws {
        let questions = QuestionGenerator(codex: try codexWithoutBank(sample)).questions()
        #expect(Set(questions.map(\.id)).count == questions.count)
        // Moodle's idnumber holds 100 characters.
        #expect(questions.allSatisfy { $0.id.count <= 100 })
    }

    @Test func everyChoiceHasOneRightAnswerAndNoTwoAlike() throws {
        for question in QuestionGenerator(codex: try codexWithoutBank(sample)).questions() where !question.isOrdering {
            #expect(question.answers.count(where: \.correct) == 1, "\(question.id)")
            let folded = question.answers.map { $0.text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            #expect(Set(folded).count == folded.count, "\(question.id)")
            #expect(question.answers.count >= 2, "\(question.id)")
        }
    }

    @Test func theRightAnswerIsNotTheLongestMoreOftenThanChance() throws {
        let choices = QuestionGenerator(codex: try codexWithoutBank(sample)).questions()
            .filter { !$0.isOrdering && $0.answers.count == 4 }
        let longestIsRight = choices.count { question in
            let longest = question.answers.map(\.text.count).max() ?? 0
            return question.answers.first { $0.correct }?.text.count == longest
        }
        // With four answers chance is a quarter; a generator that pads wrong answers
        // poorly gives the right one away far more often.
        #expect(choices.count > 20)
        #expect(Double(longestIsRight) / Double(choices.count) < 0.4, "\(longestIsRight) of \(choices.count)")
    }

    @Test func theRightAnswerSitsInEveryPlace() throws {
        let choices = QuestionGenerator(codex: try codexWithoutBank(sample)).questions().filter { $0.answers.count == 4 }
        let places = Set(choices.compactMap { $0.answers.firstIndex { $0.correct } })
        #expect(places == [0, 1, 2, 3])
    }

    @Test func wrongAnswersComeFromTheSameCodex() throws {
        let codex = try codexWithoutBank(sample)
        let steps = codex.situations.flatMap { $0.processes.flatMap(\.steps) }
        let goals = Set(steps.compactMap { $0.goal?.value })
        for question in QuestionGenerator(codex: codex).questions() where question.kind == .stepGoal {
            #expect(question.answers.allSatisfy { goals.contains($0.text) }, "\(question.id)")
        }
    }

    @Test func englishQuestionsUseEnglishQuotes() throws {
        let questions = QuestionGenerator(codex: try codexWithoutBank(english)).questions()
        #expect(!questions.isEmpty)
        #expect(questions.allSatisfy { !$0.ask.contains("„") })
        #expect(questions.contains { $0.ask.contains("“") })
    }
}
