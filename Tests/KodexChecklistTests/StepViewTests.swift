import Foundation
import KodexChecklist
import KodexModel
@testable import KodexTerminal
import Testing

private let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("codex").path

/// What the agent sees of a step, at the size of a small terminal.
@Suite struct StepViewTests {
    @Test func phrasesToSayAndAvoidAreVisibleWithoutScrollingOnEverySampleStepAtEightyByTwentyFour() throws {
        let codex = try CodexLoader().load(directory: sample).codex
        let labels = TerminalLabels(codex.manifest.locale)
        var checked = 0
        for situation in codex.situations {
            for process in situation.processes {
                for (index, step) in process.steps.enumerated() where !step.say.isEmpty || !step.avoid.isEmpty {
                    var state = ChecklistState.starting(situation: situation, process: process, at: 0)
                    if index > 0 {
                        try state.apply(ChecklistEvent(.enter(step: step.id.value), time: 1))
                    }
                    let view = StepView(codex: codex, state: state, labels: labels, width: 80, now: 1)
                    // 24 rows less the status line and the key bar.
                    let shown = view.lines.prefix(22).map(\.text)
                    let lastPhrase = try #require((step.say + step.avoid).last?.value)
                    let ending = String(lastPhrase.split(separator: " ").last ?? "")
                    #expect(shown.contains { $0.contains(ending) }, "\(situation.id.value)/\(step.id.value)")
                    checked += 1
                }
            }
        }
        #expect(checked > 10)
    }

    @Test func onlyOptionalItemsAreMarked() throws {
        let codex = try CodexLoader().load(directory: sample).codex
        let labels = TerminalLabels(codex.manifest.locale)
        let situation = try #require(codex.situations.first)
        let state = ChecklistState.starting(situation: situation, process: try #require(situation.processes.first), at: 0)
        let text = StepView(codex: codex, state: state, labels: labels, width: 80, now: 0).lines.map(\.text).joined()
        #expect(!text.contains("kötelező)") || text.contains("(nem kötelező)"))
        #expect(!text.contains("(kötelező)"))
    }

    @Test func targetLongerThanACallIsADeadlineWithItsPurposeAndNoTimer() throws {
        let codex = try CodexLoader().load(directory: sample).codex
        let situation = try #require(codex.situations.first { $0.id.value == "panaszos-ugyfel" })
        let process = try #require(situation.processes.first)
        let step = try #require(process.steps.first { $0.timeTarget?.workingDays != nil })
        var state = ChecklistState.starting(situation: situation, process: process, at: 0)
        try state.apply(ChecklistEvent(.enter(step: step.id.value), time: 1))
        let lines = StepView(codex: codex, state: state, labels: TerminalLabels(.hu), width: 80, now: 1).lines.map(\.text)
        let deadline = try #require(lines.first { $0.hasPrefix("Határidő:") })
        #expect(deadline.contains("munkanap ("))
        #expect(!deadline.contains("eltelt"))
    }

    @Test func durationsAreWrittenInTheUnitsOfTheLocale() {
        #expect(TimeTarget.text(seconds: 20, in: .hu) == "20 mp")
        #expect(TimeTarget.text(seconds: 90, in: .hu) == "1 perc 30 mp")
        #expect(TimeTarget.text(seconds: 3600, in: .hu) == "1 óra")
        #expect(TimeTarget.text(seconds: 3 * 86_400, in: .hu) == "3 nap")
        #expect(TimeTarget.text(seconds: 0, workingDays: 5, in: .hu) == "5 munkanap")
        #expect(TimeTarget.text(seconds: 20, in: .en) == "20 s")
        #expect(TimeTarget.text(seconds: 180, in: .en) == "3 min")
        #expect(TimeTarget.text(seconds: 3600, in: .en) == "1 h")
        #expect(TimeTarget.text(seconds: 3 * 86_400, in: .en) == "3 days")
        #expect(TimeTarget.text(seconds: 0, workingDays: 1, in: .en) == "1 working day")
    }

    @Test func aWordWiderThanTheScreenBreaksWithAHyphenInsteadOfBeingCut() {
        let word = "Ügyfélelégedettségmérés-kérdőívkiküldésvisszaigazolás"
        let lines = TextLayout.wrap("A " + word + " vége", width: 20, first: "- ")
        #expect(lines.allSatisfy { TextLayout.width($0) <= 20 }, "\(lines)")
        #expect(!lines.joined().contains("…"))
        // Every letter is kept, in order: only hyphens and line breaks were added.
        func letters(_ text: String) -> String { text.filter { $0 != "-" && $0 != " " } }
        #expect(letters(lines.map { String($0.dropFirst(2)) }.joined()) == letters("A " + word + " vége"))
    }

    @Test func aCompoundBreaksAtItsOwnHyphenWithoutASecondOne() {
        let lines = TextLayout.wrap("Ügyfélelégedettségmérés-kérdőívkiküldés", width: 24)
        #expect(lines == ["Ügyfélelégedettségmérés-", "kérdőívkiküldés"])
    }

    @Test func quotationMarksFollowTheLocale() {
        #expect(TerminalLabels(.hu).quoted("Jó napot") == "„Jó napot”")
        #expect(TerminalLabels(.en).quoted("Hello") == "“Hello”")
    }

    @Test func everyWordHasBothLanguages() {
        for word in Word.allCases {
            #expect(!word.forms.hu.isEmpty && !word.forms.en.isEmpty, "\(word)")
        }
    }

    @Test func errorsSpeakTheLanguageOfTheCodex() {
        #expect(ChecklistError(.firstStep).message(in: .hu) == "ez az első lépés")
        #expect(ChecklistError(.noSuchBranch(number: 0, count: 2)).message(in: .hu) == "nincs 0. elágazás; 1 és 2 között válasszon")
    }
}
