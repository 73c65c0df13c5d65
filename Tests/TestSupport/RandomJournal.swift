import KodexChecklist
import KodexModel

/// Random journals of a process, deterministic for a seed: what tests compare two ways of
/// reading a journal on.
public enum RandomJournal {
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
    public static func events(_ process: KodexModel.Process, situation: String, seed: UInt64) -> [ChecklistEvent] {
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

}
