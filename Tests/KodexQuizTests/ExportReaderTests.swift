import Foundation
import KodexModel
import KodexQuiz
import Testing
import TestSupport

/// What an independent reader found in an export.
private struct ReaderView: Decodable {
    struct Found: Decodable {
        var id: String
        var category: String?
        var ask: String
        var right: [String]
    }

    var questions: [Found]
    var warnings: [String]
}

/// Writes `questions` of `codex` in `format` and reads the file back with
/// `Readers/check_quiz.py` (the standard library's XML and zip readers, `pygiftparser`).
private func readBack(_ format: QuizFormat, _ codex: Codex, _ questions: [BankQuestion]) throws -> ReaderView {
    let folder = try TemporaryFolder()
    let path = folder.path + "/" + format.defaultFileName
    try Data(QuizExport(codex: codex, questions: questions).render(format)).write(to: URL(fileURLWithPath: path))
    let reader = repository.appendingPathComponent("Tests/KodexQuizTests/Readers/check_quiz.py").path
    let result = try runProcess("/usr/bin/env", ["python3", reader, format.rawValue, path])
    try #require(result.status == 0, "reader failed: \(result.stderr)")
    return try JSONDecoder().decode(ReaderView.self, from: Data(result.stdout.utf8))
}

/// The right answer as a bank question holds it: the answer, or the items in order.
private func right(_ question: BankQuestion) -> [String] {
    question.isOrdering ? question.order : [question.rightAnswer ?? ""]
}

@Suite struct ExportReaderTests {
    @Test(arguments: QuizFormat.allCases)
    func anIndependentReaderFindsEveryQuestionWithItsRightAnswerAndNoWarning(_ format: QuizFormat) throws {
        let codex = try codexWithoutBank(sample)
        let questions = QuestionGenerator(codex: codex).questions()
        let view = try readBack(format, codex, questions)
        #expect(view.warnings.isEmpty, "\(view.warnings.prefix(5))")
        try #require(view.questions.count == questions.count)
        for (found, question) in zip(view.questions, questions) {
            #expect(found.id == (format == .qti ? "q-" + question.id : question.id))
            #expect(found.ask == question.ask, "\(question.id)")
            #expect(found.right == right(question), "\(question.id)")
        }
    }

    @Test(arguments: [QuizFormat.moodleXML, .anki])
    func questionsAreFiledBySituation(_ format: QuizFormat) throws {
        let codex = try codexWithoutBank(sample)
        let questions = QuestionGenerator(codex: codex).questions()
        let view = try readBack(format, codex, questions)
        let complaint = try #require(codex.situations.first { $0.id.value == "panaszos-ugyfel" }?.title?.value)
        for (found, question) in zip(view.questions, questions) {
            let expected = question.situation == nil ? "Közös" : (question.situation == "panaszos-ugyfel" ? complaint : nil)
            if let expected { #expect(found.category?.hasSuffix(expected) == true, "\(question.id): \(found.category ?? "")") }
        }
    }

    @Test(arguments: QuizFormat.allCases)
    func textWithEveryFormatsSpecialCharactersComesBackAsWritten(_ format: QuizFormat) throws {
        let codex = try codexWithoutBank(sample)
        let hostile = "Mi a {válasz}? ~ = # : \\ <script>alert(1)</script> ]]> & \"idéző\" -> vége"
        let question = BankQuestion(
            id: "sajat.kulonleges", kind: nil, status: .ready, about: [], situation: nil, ask: hostile,
            // No braces in the answers: pygiftparser ends the answer list at the first `}`,
            // escaped or not (Moodle does not); escaped braces are tested on their own below.
            answers: [(text: "=egy \\ kettő", correct: true), (text: "~három # négy", correct: false), (text: "öt: hat", correct: false)],
            order: [], explain: "mert ## így", source: nil)
        let view = try readBack(format, codex, [question])
        #expect(view.warnings.isEmpty, "\(view.warnings)")
        let found = try #require(view.questions.first)
        #expect(found.ask == hostile)
        #expect(found.right == ["=egy \\ kettő"])
    }

    @Test func giftEscapesBracesInAnswersAsTheFormatSays() throws {
        let codex = try codexWithoutBank(sample)
        let question = BankQuestion(
            id: "sajat.kapcsos", kind: nil, status: .ready, about: [], situation: nil, ask: "Melyik?",
            answers: [(text: "{a}", correct: true), (text: "b}", correct: false)], order: [], explain: nil, source: nil)
        let gift = String(decoding: QuizExport(codex: codex, questions: [question]).render(.gift), as: UTF8.self)
        #expect(gift.contains("\n=\\{a\\}\n~b\\}\n}\n"))
    }

    @Test func theQTIPackageIsTheSameBytesForTheSameBank() throws {
        let codex = try codexWithoutBank(sample)
        let questions = QuestionGenerator(codex: codex).questions()
        #expect(QuizExport(codex: codex, questions: questions).render(.qti) == QuizExport(codex: codex, questions: questions).render(.qti))
    }
}
