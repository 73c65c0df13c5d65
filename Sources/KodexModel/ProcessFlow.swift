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

    /// The steps reachable from the first step, the first included.
    public let reachable: Set<Int>
    /// The steps from which some end can be reached.
    public let reachingAnEnd: Set<Int>
    /// The loops reachable from the start with no way out to an end, each sorted, in order
    /// of their first step.
    public let trappedLoops: [[Int]]

    /// Builds the flow of `process` and what the checks ask of it, once.
    public init(_ process: Process) {
        // Steps are read in place by index: a copy of a whole step per visit, with a
        // retain for each of its fields, was a measurable part of `kodex check`.
        let steps = process.steps
        let count = steps.count
        var indexOfID = [String: Int](minimumCapacity: count)
        for index in 0..<count where indexOfID[steps[index].id.value] == nil {
            indexOfID[steps[index].id.value] = index
        }
        var leadsNowhere = false
        var ends = [Bool](repeating: false, count: count)
        var successors = [[Int]]()
        successors.reserveCapacity(count)
        for index in 0..<count {
            var targets: [Int] = []
            for branch in steps[index].branches {
                if let target = branch.target, let found = indexOfID[target.value] { targets.append(found) } else { leadsNowhere = true }
            }
            var next: Int?
            if let written = steps[index].next {
                next = indexOfID[written.value]
                if next == nil { leadsNowhere = true }
            }
            if steps[index].end != nil {
                ends[index] = true
                successors.append([])
            } else if !steps[index].branches.isEmpty {
                successors.append(targets)
            } else if steps[index].next != nil {
                successors.append(next.map { [$0] } ?? [])
            } else {
                successors.append(index + 1 < count ? [index + 1] : [])
            }
        }
        self.indexOfID = indexOfID
        self.leadsNowhere = leadsNowhere
        self.ends = ends
        self.successors = successors
        let reachable = Self.reachable(successors)
        let reachingAnEnd = Self.reachingAnEnd(successors, ends: ends)
        self.reachable = reachable
        self.reachingAnEnd = reachingAnEnd
        let trapped = reachable.subtracting(reachingAnEnd)
        trappedLoops = trapped.isEmpty ? [] : Self.loops(among: trapped, successors: successors)
    }

    /// Each step's row in Kodex's flow layout: its breadth-first distance from the first
    /// step; steps no path reaches go to a last row of their own. The handbook's diagrams
    /// and the BPMN export both lay processes out by it.
    public var rows: [Int] {
        guard !successors.isEmpty else { return [] }
        var row = [Int](repeating: -1, count: successors.count)
        row[0] = 0
        var queue = [0], head = 0
        while head < queue.count {
            let index = queue[head]
            head += 1
            for next in successors[index] where row[next] < 0 {
                row[next] = row[index] + 1
                queue.append(next)
            }
        }
        let last = (row.max() ?? 0) + 1
        return row.map { $0 < 0 ? last : $0 }
    }

    /// The condition of each of a step's successors, in order: the successors follow the
    /// branches whose targets resolve. `nil` for a successor that is no branch's.
    public func conditions(of index: Int, in process: Process) -> [Located<String>?] {
        let step = process.steps[index]
        guard !step.branches.isEmpty else { return successors[index].map { _ in nil } }
        let resolved = step.branches.filter { $0.target.flatMap { indexOfID[$0.value] } != nil }
        return successors[index].indices.map { $0 < resolved.count ? resolved[$0].condition : nil }
    }

    /// Whether step `index` is the last one and neither ends, branches nor names a next step.
    public func fallsOff(_ index: Int, in process: Process) -> Bool {
        let step = process.steps[index]
        return index == process.steps.count - 1 && step.end == nil && step.branches.isEmpty && step.next == nil
    }

    private static func reachable(_ successors: [[Int]]) -> Set<Int> {
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

    private static func reachingAnEnd(_ successors: [[Int]], ends: [Bool]) -> Set<Int> {
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
    private static func loops(among candidates: Set<Int>, successors: [[Int]]) -> [[Int]] {
        var grouped: Set<Int> = []
        var loops: [[Int]] = []
        for start in candidates.sorted() where !grouped.contains(start) {
            let forward = reach(from: start, within: candidates, successors: successors)
            guard forward.contains(start) else { continue }
            let loop = forward.filter { reach(from: $0, within: candidates, successors: successors).contains(start) }.sorted()
            grouped.formUnion(loop)
            loops.append(loop)
        }
        return loops
    }

    /// Steps reachable from `start` in one or more moves, staying inside `allowed`.
    private static func reach(from start: Int, within allowed: Set<Int>, successors: [[Int]]) -> Set<Int> {
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
