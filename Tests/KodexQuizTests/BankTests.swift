import Foundation
import KodexModel
import KodexQuiz
import KodexSupport
import KodexValidation
import Testing
import TestSupport

/// A copy of the sample codex with its questions generated into `kerdesek.yaml`.
private final class SampleWithBank {
    let folder: TemporaryFolder
    var path: String { folder.path + "/kodex" }
    var bank: String { path + "/kerdesek.yaml" }

    init() throws {
        folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: sample, toPath: path)
        _ = try QuizGeneration(codexDirectory: path, bankFile: nil).run()
    }

    func text(_ file: String) throws -> String { try String(contentsOfFile: path + "/" + file, encoding: .utf8) }

    func replace(_ file: String, _ old: String, _ new: String) throws {
        let text = try text(file)
        try #require(text.contains(old), "\(old) not in \(file)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: path + "/" + file))
    }
}

@Suite struct BankTests {
    @Test func aGeneratedBankPassesTheCheck() throws {
        let copy = try SampleWithBank()
        let report = Validator().validate(try CodexLoader().load(directory: copy.path))
        #expect(report.errorCount == 0 && report.warningCount == 0, "\(report.diagnostics.prefix(3).map(\.message))")
        #expect(try CodexLoader().load(directory: copy.path).codex.questions.count > 200)
    }

    @Test func regeneratingKeepsEveryEditAndDoesNotBringBackADroppedQuestion() throws {
        let copy = try SampleWithBank()
        try copy.replace("kerdesek.yaml", "ask: \"Mit mondunk e helyett: „Kevesen vagyunk”?\"", "ask: \"Kevesen vagyunk – mit mondunk inkább?\"")
        try copy.replace("kerdesek.yaml", "  - id: \"banned-instead.majd-jelentkezunk\"\n    kind: banned-instead\n    status: draft",
                         "  - id: \"banned-instead.majd-jelentkezunk\"\n    kind: banned-instead\n    status: dropped")
        let edited = try copy.text("kerdesek.yaml")
        let (update, _, _, _) = try QuizGeneration(codexDirectory: copy.path, bankFile: nil).run()
        #expect(update.added.isEmpty)
        #expect(update.outdated.isEmpty)
        #expect(try copy.text("kerdesek.yaml") == edited)
    }

    @Test func aNewStepAddsOnlyItsQuestionsAtTheEnd() throws {
        let copy = try SampleWithBank()
        let before = try copy.text("kerdesek.yaml")
        try copy.replace("helyzetek/panaszos-ugyfel.yaml", "          branches:\n            - when: A panasz jogos", """
                      next: ujralepes
                    - id: ujralepes
                      title: Visszakérdezés
                      goal: Megbizonyosodni róla, hogy jól értettük a panaszt
                      effect: Az ügyfél érzi, hogy figyelnek rá
                      actions: [Visszamondjuk a panasz lényegét]
                      branches:
                        - when: A panasz jogos
            """)
        let (update, _, _, _) = try QuizGeneration(codexDirectory: copy.path, bankFile: nil).run()
        let after = try copy.text("kerdesek.yaml")
        #expect(after.hasPrefix(before))
        #expect(!update.added.isEmpty)
        #expect(update.added.allSatisfy { $0.contains("ujralepes") || $0.contains("panaszos-ugyfel") }, "\(update.added)")
        let report = Validator().validate(try CodexLoader().load(directory: copy.path))
        #expect(report.errorCount == 0, "\(report.diagnostics.prefix(3).map(\.message))")
    }

    @Test func aChangedGoalIsReportedForReviewAndItsQuestionLeftAsItWas() throws {
        let copy = try SampleWithBank()
        let id = "step-goal.panaszos-ugyfel.panaszkezeles.kivizsgalas"
        let before = try copy.text("kerdesek.yaml")
        try copy.replace("helyzetek/panaszos-ugyfel.yaml", "goal: A tények alapján eldönteni", "goal: A tények alapján megállapítani")
        let (update, _, _, _) = try QuizGeneration(codexDirectory: copy.path, bankFile: nil).run()
        #expect(update.outdated == [id])
        #expect(try copy.text("kerdesek.yaml") == before)
    }

    @Test func aQuestionAboutARemovedStepIsAnError() throws {
        let copy = try SampleWithBank()
        try copy.replace("kerdesek.yaml", "step: \"panaszos-ugyfel/panaszkezeles/kivizsgalas\"", "step: \"panaszos-ugyfel/panaszkezeles/nincs-ilyen\"")
        let report = Validator().validate(try CodexLoader().load(directory: copy.path))
        let subjects = report.diagnostics.filter { $0.rule == "question-subject" }
        #expect(!subjects.isEmpty)
        #expect(subjects.allSatisfy { $0.message.contains("nincs-ilyen") && $0.span?.file.hasSuffix("kerdesek.yaml") == true })
    }

    @Test func aBankThatDoesNotEndInTheQuestionListIsLeftAlone() throws {
        let copy = try SampleWithBank()
        // A trainer moved the questions into a flow list: new ones cannot follow it.
        try Data("questions: []\n".utf8).write(to: URL(fileURLWithPath: copy.bank))
        let failure = try #require(throws: QuizFailure.self) { try QuizGeneration(codexDirectory: copy.path, bankFile: nil).run() }
        guard case .bank = failure else {
            Issue.record("expected a bank failure, got \(failure)")
            return
        }
        #expect(failure.message.hasPrefix("az új kérdések nem írhatók"))
        #expect(try copy.text("kerdesek.yaml") == "questions: []\n")
    }

    @Test func aBankThatIsASymbolicLinkIsNotWrittenThrough() throws {
        let copy = try SampleWithBank()
        let elsewhere = copy.folder.path + "/elsewhere.yaml"
        try Data("# not Kodex's\n".utf8).write(to: URL(fileURLWithPath: elsewhere))
        let link = copy.folder.path + "/link.yaml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: elsewhere)
        let failure = try #require(throws: QuizFailure.self) { try QuizGeneration(codexDirectory: copy.path, bankFile: link).run() }
        guard case .write(.symbolicLink, _) = failure else {
            Issue.record("expected a refusal to write through a link, got \(failure)")
            return
        }
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "# not Kodex's\n")
    }

    @Test func aBankChangedOnDiskWhileGeneratingIsNotOverwritten() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/bank.yaml"
        try Data("questions:\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: FileReplacementError.changedMeanwhile(path)) {
            try FileReplacement.write(Array("x".utf8), to: path, expecting: .some(Array("other".utf8)))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "questions:\n")
    }
}
