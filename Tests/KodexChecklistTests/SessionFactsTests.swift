import Foundation
@testable import KodexChecklist
import KodexModel
import Testing
import TestSupport

/// Session facts, worked out without the codex and resolved against it, say exactly what
/// replaying the journal under the codex says.
@Suite struct SessionFactsTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("codex").path

    /// What a report reads of a session, from the replay.
    struct Figures: Equatable, CustomStringConvertible {
        var entered: Set<Int> = []
        var spent: [Int: Int64] = [:]
        var skipped: [Int: String] = [:]
        var leftOpen: [Int: [Int]] = [:]
        var branches: [Int: String] = [:]
        var checked: [Int: Set<Int>] = [:]
        var notes: [Int: [String]] = [:]
        var outcome: String?
        var description: String { "entered \(entered.sorted()) spent \(spent) skipped \(skipped) open \(leftOpen) branches \(branches) checked \(checked) notes \(notes.mapValues(\.count)) outcome \(outcome ?? "-")" }

        init(_ state: ChecklistState, _ process: KodexModel.Process) {
            let index = Dictionary(process.steps.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { first, _ in first })
            entered = Set(state.trail)
            for (id, value) in state.timeSpent where value > 0 { spent[index[id] ?? -1] = value }
            for (id, value) in state.skipped { skipped[index[id] ?? -1] = value }
            for (id, value) in state.leftOpen { leftOpen[index[id] ?? -1] = value }
            for (id, value) in state.branchesTaken { branches[index[id] ?? -1] = value }
            for (id, value) in state.checked where !value.isEmpty { checked[index[id] ?? -1] = value }
            for note in state.notes { notes[index[note.step] ?? -1, default: []].append(note.text) }
            outcome = state.outcome
        }

        init(_ steps: [SessionFacts.ResolvedStep], outcome: String?) {
            for step in steps {
                if step.entered { entered.insert(step.index) }
                if step.spent > 0 { spent[step.index] = step.spent }
                if let reason = step.skipReason { skipped[step.index] = reason }
                if let open = step.leftOpen { leftOpen[step.index] = open }
                if let branch = step.branch { branches[step.index] = branch }
                if !step.checked.isEmpty { checked[step.index] = Set(step.checked) }
                if !step.notes.isEmpty { notes[step.index] = step.notes }
            }
            self.outcome = outcome
        }
    }

    @Test func factsResolvedAgainstTheCodexAgreeWithTheReplayOnThousandsOfRandomJournals() throws {
        let codex = try CodexLoader().load(directory: Self.sample).codex
        var replayed = 0, refused = 0
        for situation in codex.situations {
            for process in situation.processes where !process.steps.isEmpty {
                let plan = ChecklistPlan(process)
                for seed in 0 ..< 400 as Range<UInt64> {
                    let events = RandomJournal.events(process, situation: situation.id.value, seed: seed &* 7919 &+ 13)
                    let outcome = Result { () throws(ChecklistError) in try ChecklistState.replaying(events, situation: situation, process: process, plan: plan).0 }
                    let state = try? outcome.get()
                    let facts = try? SessionFacts(events: events)
                    let resolved = facts.flatMap { $0.resolved(by: plan) }
                    #expect((state == nil) == (resolved == nil),
                            "\(process.id.value) seed \(seed): replay \(state == nil ? "refuses" : "keeps"), facts \(resolved == nil ? "refuse" : "keep"): \(outcome)")
                    guard let state, let resolved else {
                        refused += 1
                        continue
                    }
                    replayed += 1
                    #expect(Figures(state, process) == Figures(resolved, outcome: facts?.outcome), "\(process.id.value) seed \(seed)")
                }
            }
        }
        // Both kinds must be common, or the comparison proves little.
        #expect(replayed > 500)
        #expect(refused > 500)
    }

    @Test func factsReadBackFromTheirTextUnchanged() throws {
        let codex = try CodexLoader().load(directory: Self.sample).codex
        let situation = try #require(codex.situations.first)
        let process = try #require(situation.processes.first)
        var compared = 0
        for seed in 0 ..< 300 as Range<UInt64> {
            guard let facts = try? SessionFacts(events: RandomJournal.events(process, situation: situation.id.value, seed: seed)) else { continue }
            #expect(SessionFacts(encoded: facts.encoded) == facts)
            compared += 1
        }
        #expect(compared > 100)
    }

    @Test func factsTextThatIsCutOrAlteredReadsAsNothingRatherThanWrongFacts() throws {
        var facts = SessionFacts()
        var step = SessionFacts.StepFacts(step: "greet")
        step.notes = ["a note: 12, with ünicode"]
        step.checks = [SessionFacts.Check(item: "abc", checked: true, whileRunning: true)]
        facts.steps = [step]
        let text = facts.encoded
        for end in text.indices.dropLast() {
            #expect(SessionFacts(encoded: String(text[..<end])) == nil)
        }
        #expect(SessionFacts(encoded: text + "1,") == nil)
        #expect(SessionFacts(encoded: "2" + text.dropFirst()) == nil)
        #expect(SessionFacts(encoded: "") == nil)
    }
}
