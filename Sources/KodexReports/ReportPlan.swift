import Foundation
import KodexChecklist
import KodexModel

/// What a report needs of one process, worked out once: each step's row in the report,
/// time target, required items, items' texts and branches, and the ids and keys as bytes,
/// which a session's facts are compared with without making a `String` of them.
struct ReportPlan: Sendable {
    /// The situation, by id.
    let situation: String
    /// The situation's place among the report's situations.
    let place: Int?
    /// Each step's row in its situation's figures, by the step's position.
    let rows: [Int?]
    /// The checklist's lookups, which decide exactly as a replay does.
    let checklist: ChecklistPlan
    /// Each step's time target in milliseconds, by position.
    let targets: [Int64?]
    /// Each step's required items, by position.
    let required: [[Int]]
    /// Each step's items' texts, by position.
    let actionTexts: [[String]]
    /// Each step's branches: the condition's bytes and the step it leads to, the first
    /// branch of a condition winning.
    let branches: [[(condition: [UInt8], target: String)]]
    /// Each step's id as bytes, and its items' keys.
    let stepIDBytes: [[UInt8]]
    let keyBytes: [[[UInt8]]]
    /// The first step's id as bytes.
    let firstStepBytes: [UInt8]
    /// Whether two steps share an id (the codex is broken): the first one counts, as the
    /// checklist's own lookup finds it.
    let hasDuplicateIDs: Bool

    init(_ process: KodexModel.Process, situation: String, place: Int?, rows: (String) -> Int?) {
        self.situation = situation
        self.place = place
        self.rows = process.steps.map { rows($0.id.value) }
        checklist = ChecklistPlan(process)
        targets = process.steps.map { step in
            step.timeTarget.map { target in
                let (milliseconds, overflow) = Int64(target.seconds).multipliedReportingOverflow(by: 1000)
                return overflow ? Int64.max : milliseconds
            }
        }
        required = process.steps.map { step in step.actions.indices.filter { step.actions[$0].required } }
        actionTexts = process.steps.map { $0.actions.map(\.text.value) }
        branches = process.steps.map { step in
            var seen: Set<String> = []
            var branches: [(condition: [UInt8], target: String)] = []
            for branch in step.branches {
                guard let condition = branch.condition?.value, let target = branch.target?.value,
                      seen.insert(condition).inserted else { continue }
                branches.append((Array(condition.utf8), target))
            }
            return branches
        }
        stepIDBytes = checklist.stepIDs.map { Array($0.utf8) }
        keyBytes = checklist.actionKeys.map { $0.map { Array($0.utf8) } }
        firstStepBytes = Array((checklist.firstStepID ?? "").utf8)
        hasDuplicateIDs = Set(checklist.stepIDs).count != checklist.stepIDs.count
    }

    /// The position of the step named by `bytes`, as ``ChecklistPlan/index(ofStep:)``
    /// finds it; the search starts at `hint` when that is safe.
    func step(_ bytes: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        if hasDuplicateIDs { return checklist.index(ofStep: String(decoding: bytes, as: UTF8.self)) }
        let count = stepIDBytes.count
        let start = hint >= count ? 0 : hint
        for offset in 0 ..< count {
            let index = (start + offset) % count
            if equal(stepIDBytes[index], bytes) { return index }
        }
        // Text equal to an id in Unicode's sense but not byte for byte: as a dictionary finds it.
        return checklist.index(ofStep: String(decoding: bytes, as: UTF8.self))
    }

    /// The position of item `bytes` of step `index`, as ``ChecklistPlan/item(_:of:)`` finds it.
    func item(_ bytes: UnsafeBufferPointer<UInt8>, of index: Int) -> Int? {
        if bytes.first != UInt8(ascii: "#") {
            for (item, key) in keyBytes[index].enumerated() where equal(key, bytes) { return item }
        }
        return checklist.item(String(decoding: bytes, as: UTF8.self), of: index)
    }

    /// The step the branch of condition `bytes` from step `index` leads to.
    func branchTarget(_ bytes: UnsafeBufferPointer<UInt8>, of index: Int) -> String? {
        for branch in branches[index] where equal(branch.condition, bytes) { return branch.target }
        let condition = String(decoding: bytes, as: UTF8.self)
        return branches[index].first { String(decoding: $0.condition, as: UTF8.self) == condition }?.target
    }

    /// Whether `bytes` name the first step.
    func isFirstStep(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        equal(firstStepBytes, bytes) || checklist.firstStepID == String(decoding: bytes, as: UTF8.self)
    }
}

/// Whether `bytes` hold exactly `expected`.
@inline(__always)
func equal(_ expected: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard expected.count == bytes.count else { return false }
    return expected.withUnsafeBufferPointer { mine in
        guard let a = mine.baseAddress, let b = bytes.baseAddress else { return true }
        return memcmp(a, b, bytes.count) == 0
    }
}
