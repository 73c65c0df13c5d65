import Foundation
@testable import KodexChecklist
import KodexModel
import Testing

/// Session facts, worked out without the codex and resolved against it, say exactly what
/// replaying the journal under the codex says.
@Suite struct SessionFactsTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("codex").path

    /// A small deterministic generator, so that a failing journal can be made again.
    struct Random {
        var state: UInt64
        mutating func below(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
        mutating func pick<Element>(_ values: [Element]) -> Element? { values.isEmpty ? nil : values[below(values.count)] }
    }

    /// A journal of mostly fitting events with now and then one that does not: a step
    /// the process lacks, an item key no step has, a branch off another step, events
    /// after the end, undos, pauses, clocks that go back.
    static func journal(_ process: KodexModel.Process, situation: String, seed: UInt64) -> [ChecklistEvent] {
        var random = Random(state: seed)
        var time: Int64 = 1_800_000_000_000
        // Half the journals name only steps the process has, so that many replay.
        let hostile = random.below(2) == 0
        let ids = process.steps.map(\.id.value) + (hostile ? ["no-such-step"] : [])
        let who = SessionAttribution(agent: "a", codexTitle: "T")
        var events = [ChecklistEvent(.start(situation: situation, process: process.id.value, attribution: who), time: time)]
        var current = 0
        for _ in 0 ..< 5 + random.below(40) {
            time += random.below(12) == 0 ? -Int64(random.below(5_000)) : Int64(random.below(90_000))
            let stepIndex = random.below(6) == 0 ? random.below(process.steps.count) : current
            let step = process.steps[stepIndex]
            let id = hostile && random.below(25) == 0 ? "no-such-step" : step.id.value
            let keys = step.actionKeys + ["#0", "#\(step.actions.count)", "gone-item"]
            let kind: ChecklistEvent.Kind
            switch random.below(13) {
            case 0, 1:
                let target = random.pick(ids) ?? id
                kind = .enter(step: target)
                if let index = process.steps.firstIndex(where: { $0.id.value == target }) { current = index }
            case 2, 3: kind = .check(step: id, item: random.pick(keys) ?? "", checked: random.below(3) != 0)
            case 4: kind = .note(step: id, text: "note \(random.below(3)), with: \"quotes\"\n and a line")
            case 5: kind = .skip(step: id, reason: ["hurry", "done", "n/a"][random.below(3)])
            case 6: kind = .leaveOpen(step: id, openActions: Array(keys.prefix(random.below(keys.count + 1))))
            case 7: kind = .stay(step: id, openActions: [])
            case 8:
                let branch = random.pick(step.branches)
                let target = branch?.target?.value ?? (random.pick(ids) ?? id)
                kind = .branch(step: id, condition: branch?.condition?.value ?? "any", target: target)
                if let index = process.steps.firstIndex(where: { $0.id.value == target }) { current = index }
            case 9:
                let target = random.pick(ids) ?? id
                kind = .back(from: id, to: target)
                if let index = process.steps.firstIndex(where: { $0.id.value == target }) { current = index }
            case 10: kind = .undo(undid: "x")
            case 11: kind = random.below(2) == 0 ? .pause : .resume
            default: kind = random.below(4) == 0 ? .end(step: id, outcome: "solved") : .check(step: id, item: random.pick(keys) ?? "", checked: true)
            }
            events.append(ChecklistEvent(kind, time: time))
        }
        if hostile, random.below(10) == 0 { events.insert(events[0], at: 1 + random.below(events.count)) }
        return events
    }

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
                if !step.checked.isEmpty { checked[step.index] = step.checked }
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
                    let events = Self.journal(process, situation: situation.id.value, seed: seed &* 7919 &+ 13)
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
            guard let facts = try? SessionFacts(events: Self.journal(process, situation: situation.id.value, seed: seed)) else { continue }
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
