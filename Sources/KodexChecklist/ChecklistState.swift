import KodexModel

/// Where the flow can go from the current step.
public enum NextMove: Sendable, Hashable {
    /// To the step at this index.
    case step(Int)
    /// The agent chooses one of these branches: condition and step index.
    case branches([(condition: String, step: Int)])
    /// The process ends here with this outcome.
    case end(String)
    /// Nowhere: the codex's flow is broken here (`kodex check` reports it).
    case nowhere

    public static func == (lhs: NextMove, rhs: NextMove) -> Bool {
        switch (lhs, rhs) {
        case (.step(let a), .step(let b)): return a == b
        case (.end(let a), .end(let b)): return a == b
        case (.nowhere, .nowhere): return true
        case (.branches(let a), .branches(let b)): return a.map(\.condition) == b.map(\.condition) && a.map(\.step) == b.map(\.step)
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .step(let index): hasher.combine(index)
        case .end(let outcome): hasher.combine(outcome)
        case .nowhere: hasher.combine(0)
        case .branches(let options): for option in options { hasher.combine(option.condition); hasher.combine(option.step) }
        }
    }
}

/// The state of one checklist session: which step the agent is on, what they checked,
/// noted and skipped, and how long each step took. It changes only by applying events,
/// so replaying a journal rebuilds it exactly.
public struct ChecklistState: Sendable {
    /// The situation being worked through.
    public let situation: Situation
    /// The process being worked through.
    public let process: KodexModel.Process
    /// The index of the current step.
    public private(set) var current = 0
    /// The steps visited, oldest first; the last is the current one.
    public private(set) var trail: [Int] = []
    /// Checked items by step id.
    public private(set) var checked: [String: Set<Int>] = [:]
    /// Notes in the order written.
    public private(set) var notes: [(step: String, text: String)] = []
    /// Skip reasons by step id.
    public private(set) var skipped: [String: String] = [:]
    /// Required items left open, by step id, after the agent confirmed leaving.
    public private(set) var leftOpen: [String: [Int]] = [:]
    /// The condition of the branch taken, by the step id it was taken from.
    public private(set) var branchesTaken: [String: String] = [:]
    /// Who runs the session, for whom, on which codex: from the start event.
    public private(set) var attribution = SessionAttribution(agent: "", codexTitle: "")
    /// Milliseconds spent on each step, by step id.
    public private(set) var timeSpent: [String: Int64] = [:]
    /// The outcome, once the process reached an end.
    public private(set) var outcome: String?
    /// Whether the agent paused the session.
    public private(set) var isPaused = false
    /// When the session started, in milliseconds since 1970.
    public private(set) var startedAt: Int64 = 0
    /// When the current step was entered.
    public private(set) var enteredAt: Int64 = 0
    /// When the last event happened.
    public private(set) var lastEventAt: Int64 = 0
    /// Every event applied, in order, `undo` events and what they took back included.
    public private(set) var events: [ChecklistEvent] = []

    private let plan: ChecklistPlan
    private var indexOfStep: [String: Int] { plan.indexOfStep }
    private var actionKeys: [[String]] { plan.actionKeys }

    /// A session on `process` of `situation`, before its start event.
    public init(situation: Situation, process: KodexModel.Process) {
        self.init(situation: situation, process: process, plan: ChecklistPlan(process))
    }

    /// A session on `process` of `situation`, before its start event, with the lookups
    /// already worked out for the process: for a caller replaying many sessions of it.
    public init(situation: Situation, process: KodexModel.Process, plan: ChecklistPlan) {
        self.situation = situation
        self.process = process
        self.plan = plan
    }

    /// A session rebuilt from its journal's events under the codex as it is now.
    ///
    /// A tick is found by its item's key, so an item that moved keeps its tick. A tick
    /// or an open item whose item is gone (its text changed or it was removed) is left
    /// out and reported; any other event that does not fit refuses the journal.
    public static func replaying(_ events: [ChecklistEvent], situation: Situation, process: KodexModel.Process,
                                 plan: ChecklistPlan? = nil) throws(ChecklistError) -> (ChecklistState, lostTicks: [String]) {
        var state = ChecklistState(situation: situation, process: process, plan: plan ?? ChecklistPlan(process))
        var lost: [String] = []
        for event in events {
            do {
                try state.apply(event)
            } catch {
                guard case .check(let step, let item, _) = event.kind, state.isActionMissing(item, of: step) else { throw error }
                lost.append(step)
                state.events.append(event)
                state.lastEventAt = event.time
            }
        }
        return (state, lost)
    }

    private func isActionMissing(_ key: String, of stepID: String) -> Bool {
        guard let index = indexOfStep[stepID] else { return false }
        return item(key, of: index) == nil
    }

    /// The position of the item with `key` in step `index`: a key from ``Step/actionKeys``,
    /// or `#` and a position, as journals written before keys hold it.
    func item(_ key: String, of index: Int) -> Int? { plan.item(key, of: index) }

    /// The key of item `item` (0-based) of step `index`.
    public func key(ofAction item: Int, step index: Int) -> String { actionKeys[index][item] }

    /// A session on `process` of `situation` as it would be just after starting at `time`:
    /// what the first screen shows before the session itself begins.
    public static func starting(situation: Situation, process: KodexModel.Process, at time: Int64) -> ChecklistState {
        var state = ChecklistState(situation: situation, process: process)
        // A start is valid on a fresh state; should it ever not be, the clock simply
        // reads from zero.
        let nobody = SessionAttribution(agent: "", codexTitle: "")
        try? state.apply(ChecklistEvent(.start(situation: situation.id.value, process: process.id.value, attribution: nobody),
                                        time: time))
        return state
    }

    /// The current step.
    public var step: Step { process.steps[current] }

    /// Whether the process reached an end.
    public var isFinished: Bool { outcome != nil }

    /// The required items of step `index` that are not checked.
    public func openRequiredActions(of index: Int) -> [Int] {
        let step = process.steps[index]
        let done = checked[step.id.value] ?? []
        return step.actions.indices.filter { step.actions[$0].required && !done.contains($0) }
    }

    /// Where the flow can go from the current step.
    public var nextMove: NextMove {
        let step = self.step
        if let end = step.end { return .end(end.value) }
        if !step.branches.isEmpty {
            return .branches(step.branches.compactMap { branch in
                guard let target = branch.target.flatMap({ indexOfStep[$0.value] }) else { return nil }
                return (branch.condition?.value ?? "", target)
            })
        }
        if let next = step.next { return indexOfStep[next.value].map { .step($0) } ?? .nowhere }
        return current + 1 < process.steps.count ? .step(current + 1) : .nowhere
    }

    /// Milliseconds on the current step so far, at `now`.
    public func elapsedOnStep(at now: Int64) -> Int64 {
        let running = isPaused || isFinished ? 0 : elapsedMilliseconds(from: enteredAt, to: now)
        let total = (timeSpent[step.id.value] ?? 0).addingReportingOverflow(running)
        return total.overflow ? Int64.max : total.partialValue
    }

    // MARK: - Applying events

    /// Applies one event, checking that it fits the session.
    public mutating func apply(_ event: ChecklistEvent) throws(ChecklistError) {
        switch event.kind {
        case .start(let situationID, let processID, let attribution):
            guard events.isEmpty else { throw ChecklistError("a second start event") }
            self.attribution = attribution
            guard situationID == situation.id.value, processID == process.id.value else {
                throw ChecklistError("the journal is of `\(situationID)`/`\(processID)`, not of this process")
            }
            guard !process.steps.isEmpty else { throw ChecklistError("process `\(processID)` has no steps") }
            startedAt = event.time
            enteredAt = event.time
            trail = [0]
        case .enter(let id):
            let target = try index(of: id)
            try requireRunning()
            closeInterval(at: event.time)
            current = target
            trail.append(target)
            enteredAt = event.time
        case .check(let id, let key, let isChecked):
            try requireRunning()
            let index = try index(of: id)
            guard let item = item(key, of: index) else {
                throw ChecklistError("step `\(id)` has no item `\(key)`")
            }
            if isChecked { checked[id, default: []].insert(item) } else { checked[id, default: []].remove(item) }
        case .note(let id, let text):
            _ = try index(of: id)
            notes.append((id, text))
        case .skip(let id, let reason):
            try requireRunning()
            _ = try index(of: id)
            skipped[id] = reason
        case .leaveOpen(let id, let keys):
            try requireRunning()
            let index = try index(of: id)
            leftOpen[id] = keys.compactMap { item($0, of: index) }
        case .stay(let id, _):
            try requireRunning()
            _ = try index(of: id)
        case .branch(let id, let condition, let targetID):
            try requireRunning()
            guard id == step.id.value else { throw ChecklistError("a branch from `\(id)`, but the current step is `\(step.id.value)`") }
            let target = try index(of: targetID)
            branchesTaken[id] = condition
            closeInterval(at: event.time)
            current = target
            trail.append(target)
            enteredAt = event.time
        case .back(_, let toID):
            try requireRunning()
            let target = try index(of: toID)
            closeInterval(at: event.time)
            if trail.count > 1 { trail.removeLast() }
            current = target
            enteredAt = event.time
        case .end(let id, let outcome):
            try requireRunning()
            guard id == step.id.value else { throw ChecklistError("an end at `\(id)`, but the current step is `\(step.id.value)`") }
            closeInterval(at: event.time)
            self.outcome = outcome
        case .undo:
            try requireRunning()
            let kept = ChecklistEvent.effective(events + [event])
            guard kept.count < ChecklistEvent.effective(events).count else { throw ChecklistError(.nothingToUndo) }
            var (rebuilt, _) = try Self.replaying(kept, situation: situation, process: process)
            rebuilt.events = events
            self = rebuilt
        case .pause:
            guard !isFinished else { throw ChecklistError("a pause after the end") }
            if !isPaused { closeInterval(at: event.time) }
            isPaused = true
        case .resume:
            guard !isFinished else { throw ChecklistError("a resume after the end") }
            // An interrupted session has no pause: its last interval ends at its last event.
            if !isPaused { closeInterval(at: lastEventAt) }
            isPaused = false
            enteredAt = event.time
        }
        events.append(event)
        lastEventAt = event.time
    }

    private func index(of id: String) throws(ChecklistError) -> Int {
        guard let index = indexOfStep[id] else { throw ChecklistError("process `\(process.id.value)` has no step `\(id)`") }
        return index
    }

    private func requireRunning() throws(ChecklistError) {
        guard !events.isEmpty else { throw ChecklistError("the session has not started") }
        guard !isFinished else { throw ChecklistError(.alreadyEnded) }
    }

    private mutating func closeInterval(at time: Int64) {
        guard !isPaused, !events.isEmpty else { return }
        let spent = timeSpent[step.id.value, default: 0].addingReportingOverflow(elapsedMilliseconds(from: enteredAt, to: time))
        timeSpent[step.id.value] = spent.overflow ? Int64.max : spent.partialValue
        enteredAt = time
    }
}

/// Milliseconds from `start` to `end`: never negative, and never a trap for the times a
/// damaged journal may hold.
func elapsedMilliseconds(from start: Int64, to end: Int64) -> Int64 {
    let (difference, overflow) = end.subtractingReportingOverflow(start)
    return overflow ? 0 : max(0, difference)
}

/// What a session needs of its process, worked out once: each step's position by id,
/// and its actions' keys. Working out a key normalises the action's text, which made up
/// a third of a report's time when it was done again for every session replayed.
public struct ChecklistPlan: Sendable {
    let indexOfStep: [String: Int]
    /// Each step's items' keys (``Step/actionKeys``), by the step's position.
    public let actionKeys: [[String]]
    /// Each step's id, by position.
    public let stepIDs: [String]
    /// The id of the process's first step; nil for a process without steps.
    public let firstStepID: String?

    /// The position of the first step with id `id`.
    public func index(ofStep id: String) -> Int? { indexOfStep[id] }

    /// The plan of `process`.
    public init(_ process: KodexModel.Process) {
        var index: [String: Int] = [:]
        for (number, step) in process.steps.enumerated() where index[step.id.value] == nil {
            index[step.id.value] = number
        }
        indexOfStep = index
        actionKeys = process.steps.map(\.actionKeys)
        firstStepID = process.steps.first?.id.value
        stepIDs = process.steps.map(\.id.value)
    }

    /// The position of the item with `key` in step `index`: a key from ``Step/actionKeys``,
    /// or `#` and a position, as journals written before keys hold it.
    public func item(_ key: String, of index: Int) -> Int? {
        let keys = actionKeys[index]
        if key.hasPrefix("#") {
            return Int(key.dropFirst()).flatMap { keys.indices.contains($0) ? $0 : nil }
        }
        return keys.firstIndex(of: key)
    }
}
