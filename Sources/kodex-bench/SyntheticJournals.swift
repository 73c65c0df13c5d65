import Foundation
import KodexChecklist
import KodexModel

/// Session journals of a codex, deterministic for a count, valid by construction: each
/// event is applied to the session's state before it is written, and one the state
/// refuses is never written. The mix is a call centre's: most steps done, some skipped
/// with one of a few reasons, required actions now and then left open, a branch taken
/// at every branching step, a time on each step around its target with some overruns,
/// and a fifth of the sessions paused before their end.
struct SyntheticJournals {
    let codex: Codex

    private static let reasons = ["customer in a hurry", "already done by phone", "not relevant here", "system down"]
    private static let agents = (0..<40).map { "agent-\($0)" }
    private static let outcomes = ["solved", "escalated", "callback"]

    /// Writes `count` journals into `folder`; answers the number of events written.
    func write(_ count: Int, to folder: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var events = 0
        for session in 0..<count {
            let (name, lines) = journal(session)
            events += lines.count
            let text = lines.joined(separator: "\n") + "\n"
            guard FileManager.default.createFile(atPath: folder + "/" + name + ".jsonl", contents: Data(text.utf8)) else {
                throw BenchError("cannot write journals into \(folder)")
            }
        }
        return events
    }

    /// Session `number`'s journal name and lines.
    func journal(_ number: Int) -> (name: String, lines: [String]) {
        var random = Random(seed: UInt64(number) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let situation = codex.situations[number % codex.situations.count]
        let process = situation.processes[(number / codex.situations.count) % situation.processes.count]
        // A session a minute from 1 January 2026: a million sessions span about two years.
        var time = Int64(1_767_225_600_000) + Int64(number) * 60_000
        let who = SessionAttribution(agent: Self.agents[random.below(Self.agents.count)], codexTitle: "Benchmark",
                                     codexVersion: number % 3 == 0 ? "1.0" : "1.1")
        let start = ChecklistEvent(.start(situation: situation.id.value, process: process.id.value, attribution: who), time: time)
        guard var state = try? ChecklistState.replaying([start], situation: situation, process: process).0 else {
            return (Self.name(number, situation.id.value), [start.jsonLine])
        }
        var lines = [start.jsonLine]
        func add(_ kind: ChecklistEvent.Kind) {
            let event = ChecklistEvent(kind, time: time)
            guard (try? state.apply(event)) != nil else { return }
            lines.append(event.jsonLine)
        }
        let pausesEarly = random.below(5) == 0
        for move in 0..<(process.steps.count * 2) {
            let index = state.current
            let step = state.step
            let id = step.id.value
            let target = Int64(step.timeTarget?.seconds ?? 120) * 1000
            time += target / 2 + Int64(random.below(Int(target / 1000) + 1)) * 1000
            if random.below(10) == 0 {
                add(.skip(step: id, reason: Self.reasons[random.below(Self.reasons.count)]))
            } else {
                for action in step.actions.indices where random.below(10) > 0 {
                    add(.check(step: id, item: state.key(ofAction: action, step: index), checked: true))
                }
                let open = state.openRequiredActions(of: index)
                if !open.isEmpty { add(.leaveOpen(step: id, openActions: open.map { state.key(ofAction: $0, step: index) })) }
            }
            if pausesEarly, move >= 2 {
                add(.pause)
                break
            }
            switch state.nextMove {
            case .end(let outcome):
                add(.end(step: id, outcome: random.below(4) == 0 ? Self.outcomes[random.below(3)] : outcome))
            case .branches(let branches) where !branches.isEmpty:
                let branch = branches[random.below(branches.count)]
                add(.branch(step: id, condition: branch.condition, target: process.steps[branch.step].id.value))
                continue
            case .step(let next):
                add(.enter(step: process.steps[next].id.value))
                continue
            default:
                add(.pause)
            }
            break
        }
        return (Self.name(number, situation.id.value), lines)
    }

    private static func name(_ number: Int, _ situation: String) -> String {
        let hex = String(UInt32(truncatingIfNeeded: UInt64(number) &* 2_654_435_761), radix: 16)
        return "20260101-000000-\(situation)-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// A small, fast generator (SplitMix64), the same on every machine.
    private struct Random {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    }
}
