import KodexModel

/// Why a command or a recorded event does not fit the session.
public struct ChecklistError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A lowercase message.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

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
    /// Every event applied, in order.
    public private(set) var events: [ChecklistEvent] = []

    private let indexOfStep: [String: Int]

    /// A session on `process` of `situation`, before its start event.
    public init(situation: Situation, process: KodexModel.Process) {
        self.situation = situation
        self.process = process
        var index: [String: Int] = [:]
        for (number, step) in process.steps.enumerated() where index[step.id.value] == nil {
            index[step.id.value] = number
        }
        indexOfStep = index
    }

    /// A session on `process` of `situation` as it would be just after starting at `time`:
    /// what the first screen shows before the session itself begins.
    public static func starting(situation: Situation, process: KodexModel.Process, at time: Int64) -> ChecklistState {
        var state = ChecklistState(situation: situation, process: process)
        // A start is valid on a fresh state; should it ever not be, the clock simply
        // reads from zero.
        try? state.apply(ChecklistEvent(.start(situation: situation.id.value, process: process.id.value, codexTitle: ""),
                                        time: time))
        return state
    }

    /// The current step.
    public var step: Step { process.steps[current] }

    /// Whether the process reached an end.
    public var isFinished: Bool { outcome != nil }

    /// The required items of step `index` that are not checked.
    public func openRequiredItems(of index: Int) -> [Int] {
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
        (timeSpent[step.id.value] ?? 0) + (isPaused || isFinished ? 0 : max(0, now - enteredAt))
    }

    // MARK: - Applying events

    /// Applies one event, checking that it fits the session.
    public mutating func apply(_ event: ChecklistEvent) throws(ChecklistError) {
        switch event.kind {
        case .start(let situationID, let processID, _):
            guard events.isEmpty else { throw ChecklistError("a second start event") }
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
        case .check(let id, let item, let isChecked):
            try requireRunning()
            let index = try index(of: id)
            guard process.steps[index].actions.indices.contains(item) else {
                throw ChecklistError("step `\(id)` has no item \(item + 1)")
            }
            if isChecked { checked[id, default: []].insert(item) } else { checked[id, default: []].remove(item) }
        case .note(let id, let text):
            _ = try index(of: id)
            notes.append((id, text))
        case .skip(let id, let reason):
            try requireRunning()
            _ = try index(of: id)
            skipped[id] = reason
        case .leaveOpen(let id, let items):
            try requireRunning()
            _ = try index(of: id)
            leftOpen[id] = items
        case .branch(let id, _, let targetID):
            try requireRunning()
            guard id == step.id.value else { throw ChecklistError("a branch from `\(id)`, but the current step is `\(step.id.value)`") }
            let target = try index(of: targetID)
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
        guard !isFinished else { throw ChecklistError("the session has ended") }
    }

    private mutating func closeInterval(at time: Int64) {
        guard !isPaused, !events.isEmpty else { return }
        timeSpent[step.id.value, default: 0] += max(0, time - enteredAt)
        enteredAt = time
    }
}
