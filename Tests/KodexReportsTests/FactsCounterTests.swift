import Foundation
import KodexChecklist
import KodexModel
@testable import KodexReports
import Testing
import TestSupport

/// The report's reader of stored facts, which works on their bytes, counts exactly what
/// the facts resolved the general way say.
@Suite struct FactsCounterTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("codex").path

    @Test(arguments: [false, true]) func countedStepsEqualTheFactsResolvedTheGeneralWay(withNotes: Bool) throws {
        let codex = try CodexLoader().load(directory: Self.sample).codex
        var counted = 0, leftOut = 0
        for situation in codex.situations {
            for process in situation.processes where !process.steps.isEmpty {
                let plan = ReportPlan(process, situation: situation.id.value, place: 0, rows: { _ in 0 })
                var counter = FactsCounter(withNotes: withNotes)
                for seed in 0 ..< 300 as Range<UInt64> {
                    var text = StoredFacts.text(of: RandomJournal.events(process, situation: situation.id.value, seed: seed))
                    let expected = SessionFacts(encoded: text).flatMap { facts in
                        facts.resolved(by: plan.checklist).map { steps in
                            (steps.map { step in
                                var counted = CountedStep(step, plan)
                                if !withNotes { counted.notes = [] }
                                return counted
                            }, facts.outcome)
                        }
                    }
                    let read = text.withUTF8 { counter.read($0, plan) }
                    #expect(read == (expected != nil), "\(process.id.value) seed \(seed)")
                    guard read, let expected else {
                        leftOut += 1
                        continue
                    }
                    counted += 1
                    #expect(counter.steps == expected.0, "\(process.id.value) seed \(seed)")
                    #expect(counter.outcome == expected.1, "\(process.id.value) seed \(seed)")
                }
            }
        }
        #expect(counted > 400)
        #expect(leftOut > 400)
    }

    @Test func factsThatAreNotFactsAreLeftOut() throws {
        let codex = try CodexLoader().load(directory: Self.sample).codex
        let situation = try #require(codex.situations.first)
        let process = try #require(situation.processes.first)
        let plan = ReportPlan(process, situation: situation.id.value, place: 0, rows: { _ in 0 })
        var counter = FactsCounter(withNotes: false)
        for text in ["", "refused: a second start event", "1,0,0,", "1,0,0,1,", "9,0,0,0,", "1,0,0,0,x"] {
            var text = text
            #expect(!text.withUTF8 { counter.read($0, plan) }, "\(text)")
        }
        var empty = "1,0,0,0,"
        #expect(empty.withUTF8 { counter.read($0, plan) }, "no steps named is a session that never moved")
    }
}
