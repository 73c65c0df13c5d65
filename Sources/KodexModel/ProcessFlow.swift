/// The flow of a process as a graph over its steps' indices.
///
/// The flow is linear by default: a step leads to the one written after it, unless it
/// ends the process, branches, or names its `next` step.
public struct ProcessFlow: Sendable {
    /// For each step, the steps it may lead to.
    public let successors: [[Int]]
    /// For each step, whether it ends the process.
    public let ends: [Bool]
    /// The index of each step id; the first step wins when ids repeat.
    public let indexOfID: [String: Int]
    /// Whether a branch or `next` names no step of the process, or a branch names none:
    /// the flow as written is then not the flow meant, so findings about reachability
    /// would only repeat that one mistake.
    public let leadsNowhere: Bool

    /// Builds the flow of `process`.
    public init(_ process: Process) {
        var indexOfID: [String: Int] = [:]
        for (index, step) in process.steps.enumerated() where indexOfID[step.id.value] == nil {
            indexOfID[step.id.value] = index
        }
        self.indexOfID = indexOfID
        leadsNowhere = process.steps.contains { step in
            step.branches.contains { $0.target.map { indexOfID[$0.value] == nil } ?? true }
                || step.next.map { indexOfID[$0.value] == nil } == true
        }
        ends = process.steps.map { $0.end != nil }
        successors = process.steps.enumerated().map { index, step in
            if step.end != nil { return [] }
            if !step.branches.isEmpty {
                return step.branches.compactMap { $0.target.flatMap { indexOfID[$0.value] } }
            }
            if let next = step.next { return indexOfID[next.value].map { [$0] } ?? [] }
            return index + 1 < process.steps.count ? [index + 1] : []
        }
    }

    /// Whether step `index` is the last one and neither ends, branches nor names a next step.
    public func fallsOff(_ index: Int, in process: Process) -> Bool {
        let step = process.steps[index]
        return index == process.steps.count - 1 && step.end == nil && step.branches.isEmpty && step.next == nil
    }

    /// The steps reachable from the first step, the first included.
    public var reachable: Set<Int> {
        guard !successors.isEmpty else { return [] }
        var seen: Set<Int> = [0]
        var pending = [0]
        while let index = pending.popLast() {
            for next in successors[index] where seen.insert(next).inserted {
                pending.append(next)
            }
        }
        return seen
    }

    /// The steps from which some end can be reached.
    public var reachingAnEnd: Set<Int> {
        var predecessors = [[Int]](repeating: [], count: successors.count)
        for (index, nexts) in successors.enumerated() {
            for next in nexts { predecessors[next].append(index) }
        }
        var seen = Set(ends.indices.filter { ends[$0] })
        var pending = Array(seen)
        while let index = pending.popLast() {
            for previous in predecessors[index] where seen.insert(previous).inserted {
                pending.append(previous)
            }
        }
        return seen
    }

    /// The steps that can return to themselves, grouped into their loops, each loop
    /// sorted and the loops in order of their first step.
    public func loops(among candidates: Set<Int>) -> [[Int]] {
        var grouped: Set<Int> = []
        var loops: [[Int]] = []
        for start in candidates.sorted() where !grouped.contains(start) {
            let forward = reach(from: start, within: candidates)
            guard forward.contains(start) else { continue }
            let loop = forward.filter { reach(from: $0, within: candidates).contains(start) }.sorted()
            grouped.formUnion(loop)
            loops.append(loop)
        }
        return loops
    }

    /// Steps reachable from `start` in one or more moves, staying inside `allowed`.
    private func reach(from start: Int, within allowed: Set<Int>) -> Set<Int> {
        var seen: Set<Int> = []
        var pending = [start]
        while let index = pending.popLast() {
            for next in successors[index] where allowed.contains(next) && seen.insert(next).inserted {
                pending.append(next)
            }
        }
        return seen
    }
}
