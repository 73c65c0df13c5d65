import Foundation
import KodexChecklist
import KodexModel

/// What a report needs of one process, worked out once: each step's row in the report,
/// time target, required items, items' texts and branches, and the ids and keys as bytes,
/// which a session's facts are compared with without making a `String` of them.
///
/// A class, so that handing a session's plan over costs no copy of its tables.
final class ReportPlan: Sendable {
    /// The situation, by id.
    let situation: String
    /// The situation's place among the report's situations.
    let place: Int?
    /// Each step's row among the rows of every situation's steps, by the step's position.
    let rows: [Int?]
    /// The number of steps.
    let stepCount: Int
    /// Each step's first place among the counts of items left open, by position: the
    /// report counts item `n` of the step at place `itemSlots[step] + n`.
    let itemSlots: [Int]
    /// Each step's first place among the counts of branches taken, by position.
    let branchSlots: [Int]
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
    /// Each step's id, by position.
    let stepIDs: PackedTexts
    /// Every step's items' keys, one step after another: the keys of the step at position
    /// `n` are numbers `firstKeys[n] ..< firstKeys[n + 1]`.
    let keys: PackedTexts
    let firstKeys: [Int]
    /// The first step's id as bytes.
    let firstStepBytes: [UInt8]
    /// Whether two steps share an id (the codex is broken): the first one counts, as the
    /// checklist's own lookup finds it.
    let hasDuplicateIDs: Bool

    /// The plan of `process`; its items' counts start at `firstItemSlot`, its branches'
    /// at `firstBranchSlot`.
    init(_ process: KodexModel.Process, situation: String, place: Int?, rows: (String) -> Int?,
         firstItemSlot: Int = 0, firstBranchSlot: Int = 0) {
        self.situation = situation
        self.place = place
        self.rows = process.steps.map { rows($0.id.value) }
        stepCount = process.steps.count
        let checklist = ChecklistPlan(process)
        self.checklist = checklist
        targets = process.steps.map { step in
            step.timeTarget.map { target in
                let (milliseconds, overflow) = Int64(target.seconds).multipliedReportingOverflow(by: 1000)
                return overflow ? Int64.max : milliseconds
            }
        }
        required = process.steps.map { step in step.actions.indices.filter { step.actions[$0].required } }
        let actionTexts = process.steps.map { $0.actions.map(\.text.value) }
        self.actionTexts = actionTexts
        let branches = process.steps.map { step in
            var seen: Set<String> = []
            var branches: [(condition: [UInt8], target: String)] = []
            for branch in step.branches {
                guard let condition = branch.condition?.value, let target = branch.target?.value,
                      seen.insert(condition).inserted else { continue }
                branches.append((Array(condition.utf8), target))
            }
            return branches
        }
        self.branches = branches
        stepIDs = PackedTexts(checklist.stepIDs)
        keys = PackedTexts(checklist.actionKeys.flatMap { $0 })
        firstKeys = Self.starts(checklist.actionKeys.map(\.count), from: 0)
        firstStepBytes = Array((checklist.firstStepID ?? "").utf8)
        hasDuplicateIDs = Set(checklist.stepIDs).count != checklist.stepIDs.count
        itemSlots = Array(Self.starts(actionTexts.map(\.count), from: firstItemSlot).dropLast())
        branchSlots = Array(Self.starts(branches.map(\.count), from: firstBranchSlot).dropLast())
    }

    /// Where each of runs of `counts` things laid one after another from `first` starts,
    /// and where the last one ends.
    private static func starts(_ counts: [Int], from first: Int) -> [Int] {
        var starts = [first]
        for count in counts { starts.append((starts.last ?? first) + count) }
        return starts
    }

    /// The position of the step named by `bytes`, as ``ChecklistPlan/index(ofStep:)``
    /// finds it; the search starts at `hint` when that is safe.
    func step(_ bytes: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        if hasDuplicateIDs { return checklist.index(ofStep: String(decoding: bytes, as: UTF8.self)) }
        // Steps are mostly named in order: from the hint to the end, then from the start.
        let start = hint >= stepIDs.count ? 0 : hint
        if let index = stepIDs.first(in: start ..< stepIDs.count, equalTo: bytes)
            ?? stepIDs.first(in: 0 ..< start, equalTo: bytes) { return index }
        // Text equal to an id in Unicode's sense but not byte for byte: as a dictionary finds
        // it. ASCII text is equal to ASCII ids only byte for byte.
        if stepIDs.isASCII, PackedTexts.isASCII(bytes) { return nil }
        return checklist.index(ofStep: String(decoding: bytes, as: UTF8.self))
    }

    /// The position of item `bytes` of step `index`, as ``ChecklistPlan/item(_:of:)`` finds it.
    func item(_ bytes: UnsafeBufferPointer<UInt8>, of index: Int) -> Int? {
        if bytes.first != UInt8(ascii: "#") {
            if let key = keys.first(in: firstKeys[index] ..< firstKeys[index + 1], equalTo: bytes) {
                return key - firstKeys[index]
            }
            // A key of an item the step no longer has, as most are: ASCII, like the keys.
            if keys.isASCII, PackedTexts.isASCII(bytes) { return nil }
        }
        return checklist.item(String(decoding: bytes, as: UTF8.self), of: index)
    }

    /// The branch of condition `bytes` from step `index`, by its number among the step's
    /// branches, when the codex has it.
    func branch(_ bytes: UnsafeBufferPointer<UInt8>, of index: Int) -> Int? {
        for (number, branch) in branches[index].enumerated() where equal(branch.condition, bytes) { return number }
        let condition = String(decoding: bytes, as: UTF8.self)
        return branches[index].firstIndex { String(decoding: $0.condition, as: UTF8.self) == condition }
    }

    /// Whether `bytes` name the first step.
    func isFirstStep(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        equal(firstStepBytes, bytes) || checklist.firstStepID == String(decoding: bytes, as: UTF8.self)
    }
}

/// Texts one after another in one buffer, compared with a session's bytes without
/// following a pointer to each text or taking a reference to an array: a report looks up
/// a step or an item a few dozen times for each of a million sessions.
///
/// Unchecked `Sendable`: its memory is written once, while it is made, and only read after.
final class PackedTexts: @unchecked Sendable {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Where each text starts, and where the last one ends.
    private let starts: UnsafeMutableBufferPointer<Int>
    /// The number of texts.
    let count: Int
    /// Whether every text is ASCII.
    let isASCII: Bool

    init(_ texts: [String]) {
        var bytes: [UInt8] = []
        var starts = [0]
        for text in texts {
            bytes += text.utf8
            starts.append(bytes.count)
        }
        self.bytes = .allocate(capacity: bytes.count)
        _ = self.bytes.initialize(from: bytes)
        self.starts = .allocate(capacity: starts.count)
        _ = self.starts.initialize(from: starts)
        count = texts.count
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
    }

    /// The number of the first text of `numbers` whose bytes are `candidate`'s.
    @inline(__always)
    func first(in numbers: Range<Int>, equalTo candidate: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = candidate.count
        for number in numbers {
            let start = starts[number]
            guard starts[number + 1] - start == count else { continue }
            guard let mine = bytes.baseAddress, let theirs = candidate.baseAddress else { return number }
            if sameBytes(UnsafeRawPointer(mine + start), UnsafeRawPointer(theirs), count) { return number }
        }
        return nil
    }

    /// Whether `bytes` are all ASCII, where texts equal in Unicode's sense are equal byte for byte.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { bytes.allSatisfy { $0 < 0x80 } }
}

/// Whether `bytes` hold exactly `expected`.
@inline(__always)
func equal(_ expected: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard expected.count == bytes.count else { return false }
    return expected.withUnsafeBufferPointer { mine in
        guard let a = mine.baseAddress, let b = bytes.baseAddress else { return true }
        return sameBytes(UnsafeRawPointer(a), UnsafeRawPointer(b), bytes.count)
    }
}

/// Whether the `count` bytes at `a` and at `b` are the same. Ids and keys are a few
/// bytes, which a word at a time compares sooner than a call to `memcmp`.
@inline(__always)
func sameBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    guard count <= 32 else { return memcmp(a, b, count) == 0 }
    var offset = 0
    while count - offset >= 8 {
        guard a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
        offset += 8
    }
    while offset < count {
        guard a.load(fromByteOffset: offset, as: UInt8.self) == b.load(fromByteOffset: offset, as: UInt8.self) else { return false }
        offset += 1
    }
    return true
}
