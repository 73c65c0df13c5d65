/// What a session's journal says happened on each step, worked out from its events
/// alone, without the codex: what a session store keeps beside each session, so that a
/// report over a million sessions reads one short text per session instead of replaying
/// every event.
///
/// The facts are the journal replayed as ``ChecklistState`` replays it, with the steps
/// named by id and the checklist items by key. What only the codex can tell, whether a
/// step or an item exists and which step comes first, is left as a question that
/// ``ChecklistState/replaying(_:situation:process:plan:)``'s answer turns on; a report
/// answers it with the codex it is made against (see `SessionReport`).
public struct SessionFacts: Sendable, Hashable {
    /// The name of the step a session starts on before any event names it: the first step
    /// of the process, which only the codex knows.
    public static let firstStep = ""

    /// One tick or untick of a checklist item.
    public struct Check: Sendable, Hashable {
        /// The item's key (see `Step.actionKeys`), or `#` and its position.
        public var item: String
        /// Whether it was checked (else unchecked).
        public var checked: Bool
        /// Whether the session was running then. A tick after the end refuses the
        /// journal when its item exists, and is a lost tick when it does not.
        public var whileRunning: Bool
    }

    /// What happened on one step.
    public struct StepFacts: Sendable, Hashable {
        /// The step's id, or ``SessionFacts/firstStep``.
        public var step: String
        /// Whether the step is on the session's trail at its end (entered, and not
        /// gone back from).
        public var entered = false
        /// Milliseconds spent on the step.
        public var spent: Int64 = 0
        /// The reason given for skipping it, if it was skipped.
        public var skipReason: String?
        /// The condition of the branch taken from it.
        public var branch: String?
        /// The keys of the required items the agent confirmed leaving open, if they did.
        public var leftOpen: [String]?
        /// The last tick or untick of each item, oldest first.
        public var checks: [Check] = []
        /// The agent's notes on the step, in the order written.
        public var notes: [String] = []

        /// Facts of a step with nothing yet on it.
        public init(step: String) { self.step = step }
    }

    /// Step ids the process's first step must have for the journal to replay: a branch
    /// or an end recorded on the first step before any event named it.
    public var firstStepIDs: [String] = []
    /// Each step the journal names (and the first step), in the order first named.
    public var steps: [StepFacts] = []
    /// The outcome, once the process reached an end.
    public var outcome: String?

    /// Facts of no events.
    public init() {}

    /// The facts of `events` replayed in order.
    ///
    /// - Throws: ``ChecklistError`` when the events do not fit a session whatever the
    ///   codex, as ``ChecklistState/apply(_:)`` refuses them: a second start, a move
    ///   after the end, an undo with nothing to take back.
    public init(events: [ChecklistEvent]) throws(ChecklistError) {
        var replay = Replay()
        for event in events { try replay.apply(event) }
        self = replay.finished
    }
}

/// ``ChecklistState/apply(_:)`` with steps named instead of looked up: every rule that
/// needs no codex, in the same order.
private struct Replay {
    var facts = SessionFacts()
    var place: [String: Int] = [:]
    /// The current step's id; ``SessionFacts/firstStep`` until an event names one.
    var current = SessionFacts.firstStep
    var trail: [String] = []
    var isPaused = false
    var enteredAt: Int64 = 0
    var lastEventAt: Int64 = 0
    var events: [ChecklistEvent] = []

    var isFinished: Bool { facts.outcome != nil }

    /// The facts with the trail marked on the steps.
    var finished: SessionFacts {
        var facts = self.facts
        let onTrail = Set(trail)
        for index in facts.steps.indices { facts.steps[index].entered = onTrail.contains(facts.steps[index].step) }
        return facts
    }

    /// The index of step `id`'s facts, made on first mention.
    mutating func named(_ id: String) -> Int {
        if let index = place[id] { return index }
        place[id] = facts.steps.count
        facts.steps.append(SessionFacts.StepFacts(step: id))
        return facts.steps.count - 1
    }

    mutating func apply(_ event: ChecklistEvent) throws(ChecklistError) {
        switch event.kind {
        case .start:
            guard events.isEmpty else { throw ChecklistError("a second start event") }
            _ = named(SessionFacts.firstStep)
            enteredAt = event.time
            trail = [SessionFacts.firstStep]
        case .enter(let id):
            _ = named(id)
            try requireRunning()
            move(to: id, at: event.time)
        case .check(let id, let item, let checked):
            // Whether the tick counts turns on its item, which only the codex knows: it
            // is kept with whether the session was running (see `Check.whileRunning`).
            let index = named(id)
            let running = !events.isEmpty && !isFinished
            facts.steps[index].checks.removeAll { $0.item == item }
            facts.steps[index].checks.append(SessionFacts.Check(item: item, checked: checked, whileRunning: running))
        case .note(let id, let text):
            facts.steps[named(id)].notes.append(text)
        case .skip(let id, let reason):
            try requireRunning()
            facts.steps[named(id)].skipReason = reason
        case .leaveOpen(let id, let items):
            try requireRunning()
            facts.steps[named(id)].leftOpen = items
        case .stay(let id, _):
            try requireRunning()
            _ = named(id)
        case .branch(let id, let condition, let target):
            try requireRunning()
            try requireCurrent(id, "a branch")
            _ = named(target)
            facts.steps[named(id)].branch = condition
            move(to: target, at: event.time)
        case .back(_, let to):
            try requireRunning()
            _ = named(to)
            closeInterval(at: event.time)
            if trail.count > 1 { trail.removeLast() }
            current = to
            enteredAt = event.time
        case .end(let id, let outcome):
            try requireRunning()
            try requireCurrent(id, "an end")
            closeInterval(at: event.time)
            facts.outcome = outcome
        case .undo:
            try requireRunning()
            let kept = ChecklistEvent.effective(events + [event])
            guard kept.count < ChecklistEvent.effective(events).count else { throw ChecklistError(.nothingToUndo) }
            var rebuilt = Replay()
            for event in kept { try rebuilt.apply(event) }
            // The replay refused a step or a first step the codex lacks when it was named,
            // before any undo: what was named stays to be checked.
            for step in facts.steps { _ = rebuilt.named(step.step) }
            for id in facts.firstStepIDs where !rebuilt.facts.firstStepIDs.contains(id) { rebuilt.facts.firstStepIDs.append(id) }
            rebuilt.events = events
            self = rebuilt
        case .pause:
            guard !isFinished else { throw ChecklistError("a pause after the end") }
            if !isPaused { closeInterval(at: event.time) }
            isPaused = true
        case .resume:
            guard !isFinished else { throw ChecklistError("a resume after the end") }
            if !isPaused { closeInterval(at: lastEventAt) }
            isPaused = false
            enteredAt = event.time
        }
        events.append(event)
        lastEventAt = event.time
    }

    private mutating func move(to id: String, at time: Int64) {
        closeInterval(at: time)
        current = id
        trail.append(id)
        enteredAt = time
    }

    /// A branch or an end must be recorded on the current step; on the first step before
    /// any event named it, only the codex can tell, so the id is kept for it to check.
    private mutating func requireCurrent(_ id: String, _ what: String) throws(ChecklistError) {
        if current == SessionFacts.firstStep {
            if !facts.firstStepIDs.contains(id) { facts.firstStepIDs.append(id) }
            _ = named(id)
        } else if id != current {
            throw ChecklistError("\(what) at `\(id)`, but the current step is `\(current)`")
        }
    }

    private func requireRunning() throws(ChecklistError) {
        guard !events.isEmpty else { throw ChecklistError("the session has not started") }
        guard !isFinished else { throw ChecklistError(.alreadyEnded) }
    }

    private mutating func closeInterval(at time: Int64) {
        guard !isPaused, !events.isEmpty else { return }
        let index = named(current)
        let spent = facts.steps[index].spent.addingReportingOverflow(elapsedMilliseconds(from: enteredAt, to: time))
        facts.steps[index].spent = spent.overflow ? Int64.max : spent.partialValue
        enteredAt = time
    }
}

extension SessionFacts {
    /// What happened on one step of the process, with its items by position.
    public struct ResolvedStep: Sendable, Hashable {
        /// The step's position in the process.
        public var index: Int
        /// Whether it is on the session's trail at the end.
        public var entered = false
        /// Milliseconds spent on it.
        public var spent: Int64 = 0
        /// The reason given for skipping it, if it was skipped.
        public var skipReason: String?
        /// The condition of the branch taken from it.
        public var branch: String?
        /// Required items the agent confirmed leaving open, by position.
        public var leftOpen: [Int]?
        /// Checked items by position, in the order checked (a step has a handful: a list
        /// is cheaper than a set for a report over a million sessions).
        public var checked: [Int] = []
        /// Notes, in the order written.
        public var notes: [String] = []
    }

    /// The facts under the process `plan` was made of, step by step in the order first
    /// named, or nil when the journal does not replay under it: exactly when
    /// ``ChecklistState/replaying(_:situation:process:plan:)`` refuses it (a step or a
    /// first step the process does not have, a tick after the end of an item it has).
    public func resolved(by plan: ChecklistPlan) -> [ResolvedStep]? {
        guard let first = plan.firstStepID, firstStepIDs.allSatisfy({ $0 == first }) else { return nil }
        var resolved: [ResolvedStep] = []
        resolved.reserveCapacity(steps.count)
        for step in steps {
            guard let index = step.step == Self.firstStep ? 0 : plan.indexOfStep[step.step] else { return nil }
            // A session names a dozen steps or so: a search is cheaper than a table.
            let slot: Int
            if let known = resolved.firstIndex(where: { $0.index == index }) {
                slot = known
            } else {
                slot = resolved.count
                resolved.append(ResolvedStep(index: index))
            }
            resolved[slot].entered = resolved[slot].entered || step.entered
            let spent = resolved[slot].spent.addingReportingOverflow(step.spent)
            resolved[slot].spent = spent.overflow ? Int64.max : spent.partialValue
            if let reason = step.skipReason { resolved[slot].skipReason = reason }
            if let branch = step.branch { resolved[slot].branch = branch }
            if let open = step.leftOpen { resolved[slot].leftOpen = open.compactMap { plan.item($0, of: index) } }
            for check in step.checks {
                guard let item = plan.item(check.item, of: index) else { continue }
                guard check.whileRunning else { return nil }
                resolved[slot].checked.removeAll { $0 == item }
                if check.checked { resolved[slot].checked.append(item) }
            }
            resolved[slot].notes += step.notes
        }
        return resolved
    }
}
