import Foundation
import KodexModel

/// A live checklist session: every command becomes an event that is written to the
/// journal first and applied to the state only once it is on disk.
public final class ChecklistSession {
    /// The state, as the events recorded so far make it.
    public private(set) var state: ChecklistState
    /// The session's id, which is also its journal's name.
    public let id: String
    private let journal: JournalWriter
    private let clock: @Sendable () -> Int64

    /// The current time in milliseconds since 1970.
    public static let systemClock: @Sendable () -> Int64 = {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// Starts a session on `process` of `situation`, with a new journal in `store`.
    public init(situation: Situation, process: KodexModel.Process, codexTitle: String, store: SessionStore,
                clock: @escaping @Sendable () -> Int64 = ChecklistSession.systemClock) throws(ChecklistError) {
        self.clock = clock
        state = ChecklistState(situation: situation, process: process)
        let now = clock()
        id = store.newSessionID(situation: situation.id.value, at: now)
        do {
            try store.prepare()
            journal = try JournalWriter(path: store.path(of: id))
        } catch {
            throw ChecklistError(error.message)
        }
        try record(.start(situation: situation.id.value, process: process.id.value, codexTitle: codexTitle))
    }

    /// Takes up a recorded session again: replays its journal and records a resume.
    public init(resuming id: String, events: [ChecklistEvent], situation: Situation, process: KodexModel.Process,
                store: SessionStore, clock: @escaping @Sendable () -> Int64 = ChecklistSession.systemClock) throws(ChecklistError) {
        self.id = id
        self.clock = clock
        state = ChecklistState(situation: situation, process: process)
        for event in events {
            try state.apply(event)
        }
        guard !state.isFinished else { throw ChecklistError("session `\(id)` has already ended") }
        do {
            journal = try JournalWriter(path: store.path(of: id))
        } catch {
            throw ChecklistError(error.message)
        }
        try record(.resume)
    }

    /// Writes `kind` to the journal, then applies it.
    private func record(_ kind: ChecklistEvent.Kind) throws(ChecklistError) {
        let event = ChecklistEvent(kind, time: max(clock(), state.lastEventAt))
        var next = state
        try next.apply(event)
        do {
            try journal.append(event)
        } catch {
            throw ChecklistError(error.message)
        }
        state = next
    }

    // MARK: - Commands

    /// Checks or unchecks item `item` (0-based) of the current step.
    public func toggle(_ item: Int) throws(ChecklistError) {
        let step = state.step.id.value
        let isChecked = state.checked[step]?.contains(item) ?? false
        try record(.check(step: step, item: item, checked: !isChecked))
    }

    /// Adds a note to the current step.
    public func note(_ text: String) throws(ChecklistError) {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { throw ChecklistError("a note needs text") }
        try record(.note(step: state.step.id.value, text: trimmed))
    }

    /// Moves on along the flow: to the next step, or to the end of the process.
    ///
    /// - Parameter confirmOpen: leave even though required items are open; the open
    ///   items are recorded.
    /// - Throws: when required items are open and not confirmed, or the step branches.
    public func next(confirmOpen: Bool = false) throws(ChecklistError) {
        switch state.nextMove {
        case .branches: throw ChecklistError("choose a branch to go on")
        case .nowhere: throw ChecklistError("the process does not say where to go from here")
        case .step(let target):
            try leave(confirmOpen: confirmOpen)
            try record(.enter(step: state.process.steps[target].id.value))
        case .end(let outcome):
            try leave(confirmOpen: confirmOpen)
            try record(.end(step: state.step.id.value, outcome: outcome))
        }
    }

    /// Takes branch `number` (0-based) of the current step.
    public func choose(_ number: Int, confirmOpen: Bool = false) throws(ChecklistError) {
        guard case .branches(let options) = state.nextMove else { throw ChecklistError("this step has no branches") }
        guard options.indices.contains(number) else { throw ChecklistError("there is no branch \(number + 1)") }
        try leave(confirmOpen: confirmOpen)
        let option = options[number]
        try record(.branch(step: state.step.id.value, condition: option.condition,
                           target: state.process.steps[option.step].id.value))
    }

    /// Skips the current step with a reason, without moving on.
    public func skip(reason: String) throws(ChecklistError) {
        let trimmed = reason.trimmed
        guard !trimmed.isEmpty else { throw ChecklistError("a skip needs a reason") }
        try record(.skip(step: state.step.id.value, reason: trimmed))
    }

    /// Goes back to the step visited before this one.
    public func back() throws(ChecklistError) {
        guard state.trail.count > 1 else { throw ChecklistError("this is the first step") }
        let previous = state.trail[state.trail.count - 2]
        try record(.back(from: state.step.id.value, to: state.process.steps[previous].id.value))
    }

    /// Pauses the session so that it can be resumed later.
    public func pause() throws(ChecklistError) {
        guard !state.isFinished, !state.isPaused else { return }
        try record(.pause)
    }

    private func leave(confirmOpen: Bool) throws(ChecklistError) {
        let open = state.openRequiredItems(of: state.current)
        guard !open.isEmpty, state.skipped[state.step.id.value] == nil else { return }
        guard confirmOpen else {
            throw ChecklistError("required items are open: \(open.map { String($0 + 1) }.joined(separator: ", "))")
        }
        try record(.leaveOpen(step: state.step.id.value, openItems: open))
    }
}
