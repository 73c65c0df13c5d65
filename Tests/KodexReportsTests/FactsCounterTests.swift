import Foundation
@testable import KodexChecklist
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
                            (steps.map { CountedStep($0, plan, withNotes: withNotes) }, facts.outcome)
                        }
                    }
                    let read = text.withUTF8 { bytes in
                        counter.read(bytes, plan) ? CountedStep.all(read: counter, from: bytes, plan) : nil
                    }
                    #expect((read != nil) == (expected != nil), "\(process.id.value) seed \(seed)")
                    guard let read, let expected else {
                        leftOut += 1
                        continue
                    }
                    counted += 1
                    #expect(read == expected.0, "\(process.id.value) seed \(seed)")
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

/// A step of a session by name: what the counter read (``ReadStep``, with the places in
/// the facts' bytes made texts again), or what the facts resolved the general way say.
private struct CountedStep: Equatable {
    var index: Int
    var entered: Bool
    var spent: Int64
    var skipReason: String?
    /// The step the branch taken leads to.
    var branchTarget: String?
    var leftOpen: [Int]?
    var checked: [Int]
    /// The notes, in the order written, sorted (a step named twice gathers them from both).
    var notes: [String]

    init(_ step: SessionFacts.ResolvedStep, _ plan: ReportPlan, withNotes: Bool) {
        index = step.index
        entered = step.entered
        spent = step.spent
        skipReason = step.skipReason
        branchTarget = step.branch.flatMap { condition in
            var condition = condition
            return condition.withUTF8 { plan.branch($0, of: step.index) }.map { plan.branches[step.index][$0].target }
        }
        leftOpen = step.leftOpen
        checked = step.checked.sorted()
        notes = withNotes ? step.notes.sorted() : []
    }

    /// Every step `counter` has just read from `bytes` under `plan`.
    static func all(read counter: FactsCounter, from bytes: UnsafeBufferPointer<UInt8>, _ plan: ReportPlan) -> [CountedStep] {
        counter.steps.enumerated().map { place, step in CountedStep(step, at: place, counter, bytes, plan) }
    }

    private init(_ step: ReadStep, at place: Int, _ counter: FactsCounter, _ bytes: UnsafeBufferPointer<UInt8>,
                 _ plan: ReportPlan) {
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        index = step.index
        entered = step.entered
        spent = step.spent
        skipReason = step.skipReason.map(text)
        branchTarget = step.branch.map { plan.branches[step.index][$0].target }
        leftOpen = step.leftOpen.map { Array(counter.openItems[$0]) }
        checked = plan.actionTexts[step.index].indices.filter { counter.isChecked($0, step: place) }
        notes = counter.notes.filter { $0.step == place }.map { text($0.text) }.sorted()
    }
}

/// Items past a step's 64th, whose ticks the counter keeps apart from the first 64's.
@Suite struct FactsCounterLaterItemsTests {
    @Test func ticksOfItemsPastTheSixtyFourthAreKeptLikeTheOthers() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: FactsCounterTests.sample, toPath: folder.path + "/codex")
        let file = folder.path + "/codex/helyzetek/akvizicio.yaml"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        let actions = "          actions:\n"
        let range = try #require(text.range(of: actions))
        text.insert(contentsOf: (1 ... 70).map { "            - Teendő \($0)\n" }.joined(), at: range.upperBound)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let codex = try CodexLoader().load(directory: folder.path + "/codex").codex
        let situation = try #require(codex.situations.first { $0.id.value == "akvizicio" })
        let process = try #require(situation.processes.first)
        let plan = ReportPlan(process, situation: situation.id.value, place: 0, rows: { _ in 0 })
        let keys = plan.checklist.actionKeys[0]
        try #require(keys.count > 70)

        var facts = SessionFacts()
        var step = SessionFacts.StepFacts(step: try #require(plan.checklist.firstStepID))
        step.entered = true
        for (item, checked) in [(65, true), (66, true), (3, true), (66, false), (70, true), (70, true)] {
            step.checks.append(SessionFacts.Check(item: keys[item], checked: checked, whileRunning: true))
        }
        facts.steps = [step]
        var encoded = facts.encoded
        var counter = FactsCounter(withNotes: false)
        #expect(encoded.withUTF8 { counter.read($0, plan) })
        let checked = keys.indices.filter { counter.isChecked($0, step: 0) }
        #expect(checked == [3, 65, 70])
        #expect(checked == facts.resolved(by: plan.checklist)?.first?.checked.sorted())
    }
}
