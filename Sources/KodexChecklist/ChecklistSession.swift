import Foundation
import KodexModel

/// A live checklist session: every command becomes an event that is written to the
/// journal first and applied to the state only once it is on disk.
public final class ChecklistSession {
    /// The state, as the events recorded so far make it.
    public private(set) var state: ChecklistState
    /// The session's id, which is also its journal's name.
    public let id: String
    /// What the agent should know about a resumed session before going on: damaged
    /// lines, a torn line that was ended, a codex that changed since the pause.
    public private(set) var resumeNotices: [ResumeNotice] = []
    private let journal: JournalWriter
    private let clock: @Sendable () -> Int64

    /// Something found while taking a session up again.
    public enum ResumeNotice: Sendable, Hashable {
        /// Journal lines that could not be read and were left out.
        case damagedLines([JournalContents.Damage])
        /// The journal's last line was torn by a crash; it was ended so that new events
        /// start on a line of their own.
        case tornLineEnded
        /// The codex's files changed since the session was started.
        case codexChanged(before: String, now: String)
        /// Ticks whose item is gone from the codex, by step id; they were left out.
        case ticksLost([String])
    }

    /// The current time in milliseconds since 1970.
    public static let systemClock: @Sendable () -> Int64 = {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// Starts a session on `process` of `situation`, with a new journal in `store`.
    public init(situation: Situation, process: KodexModel.Process, attribution: SessionAttribution, store: SessionStore,
                clock: @escaping @Sendable () -> Int64 = ChecklistSession.systemClock) throws(ChecklistError) {
        self.clock = clock
        state = ChecklistState(situation: situation, process: process)
        let now = clock()
        id = store.newSessionID(situation: situation.id.value, at: now)
        do {
            try store.prepare()
            journal = try JournalWriter(path: store.path(of: id), creating: true)
        } catch {
            throw ChecklistError(error.message)
        }
        try record(.start(situation: situation.id.value, process: process.id.value, attribution: attribution))
    }

    /// Takes up a recorded session again: locks its journal, replays it under the codex
    /// as it is now, and records a resume.
    ///
    /// - Parameter codexHash: the codex's `CodexFingerprint` now, compared with the one
    ///   the session started with.
    public init(resuming id: String, contents: JournalContents, situation: Situation, process: KodexModel.Process,
                codexHash: String? = nil, store: SessionStore,
                clock: @escaping @Sendable () -> Int64 = ChecklistSession.systemClock) throws(ChecklistError) {
        self.id = id
        self.clock = clock
        do {
            journal = try JournalWriter(path: store.path(of: id))
        } catch {
            throw ChecklistError(error.message)
        }
        let (replayed, lost) = try ChecklistState.replaying(contents.events, situation: situation, process: process)
        state = replayed
        guard !state.isFinished else { throw ChecklistError(.alreadyEnded) }
        if !contents.damaged.isEmpty { resumeNotices.append(.damagedLines(contents.damaged)) }
        if journal.repairedTornLine { resumeNotices.append(.tornLineEnded) }
        if let before = state.attribution.codexHash, let codexHash, before != codexHash {
            resumeNotices.append(.codexChanged(before: before, now: codexHash))
        }
        if !lost.isEmpty { resumeNotices.append(.ticksLost(lost)) }
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
        guard state.step.actions.indices.contains(item) else { throw ChecklistError(.noSuchAction(number: item + 1)) }
        let step = state.step.id.value
        let isChecked = state.checked[step]?.contains(item) ?? false
        try record(.check(step: step, item: state.key(ofAction: item, step: state.current), checked: !isChecked))
    }

    /// Adds a note to the current step.
    public func note(_ text: String) throws(ChecklistError) {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { throw ChecklistError(.noteNeedsText) }
        try record(.note(step: state.step.id.value, text: trimmed))
    }

    /// The required items that leaving the current step would leave open: none once the
    /// step is skipped.
    public var openActionsOnLeaving: [Int] {
        guard state.skipped[state.step.id.value] == nil else { return [] }
        return state.openRequiredActions(of: state.current)
    }

    /// Moves on along the flow: to the next step, or to the end of the process.
    ///
    /// - Parameter confirmOpen: leave even though required items are open; the open
    ///   items are recorded.
    /// - Throws: when required items are open and not confirmed, or the step branches.
    public func next(confirmOpen: Bool = false) throws(ChecklistError) {
        switch state.nextMove {
        case .branches: throw ChecklistError(.chooseBranch)
        case .nowhere: throw ChecklistError(.flowGoesNowhere)
        case .step(let target):
            try leave(confirmOpen: confirmOpen)
            try record(.enter(step: state.process.steps[target].id.value))
        case .end(let outcome):
            try leave(confirmOpen: confirmOpen)
            try record(.end(step: state.step.id.value, outcome: outcome))
        }
    }

    /// Checks that branch `number` (0-based) of the current step exists, before anything
    /// is asked about leaving the step.
    public func validateBranch(_ number: Int) throws(ChecklistError) {
        guard case .branches(let options) = state.nextMove else { throw ChecklistError(.noBranches) }
        guard options.indices.contains(number) else { throw ChecklistError(.noSuchBranch(number: number + 1, count: options.count)) }
    }

    /// Takes branch `number` (0-based) of the current step.
    public func choose(_ number: Int, confirmOpen: Bool = false) throws(ChecklistError) {
        try validateBranch(number)
        guard case .branches(let options) = state.nextMove else { throw ChecklistError(.noBranches) }
        try leave(confirmOpen: confirmOpen)
        let option = options[number]
        try record(.branch(step: state.step.id.value, condition: option.condition,
                           target: state.process.steps[option.step].id.value))
    }

    /// Records that the agent answered "no" to leaving with required items open.
    public func stay() throws(ChecklistError) {
        let open = openActionsOnLeaving
        guard !open.isEmpty else { return }
        try record(.stay(step: state.step.id.value, openActions: open.map { state.key(ofAction: $0, step: state.current) }))
    }

    /// Skips the current step with a reason, without moving on.
    public func skip(reason: String) throws(ChecklistError) {
        let trimmed = reason.trimmed
        guard !trimmed.isEmpty else { throw ChecklistError(.skipNeedsReason) }
        try record(.skip(step: state.step.id.value, reason: trimmed))
    }

    /// Goes back to the step visited before this one.
    public func back() throws(ChecklistError) {
        guard state.trail.count > 1 else { throw ChecklistError(.firstStep) }
        let previous = state.trail[state.trail.count - 2]
        try record(.back(from: state.step.id.value, to: state.process.steps[previous].id.value))
    }

    /// The event ``undo()`` would take back, if any.
    public var undoable: ChecklistEvent? {
        ChecklistEvent.effective(state.events).last(where: \.isUndoable)
    }

    /// Takes back the last event that can be taken back, by recording an `undo`: the
    /// journal stays append-only. Returns the event taken back.
    @discardableResult
    public func undo() throws(ChecklistError) -> ChecklistEvent {
        guard let target = undoable else { throw ChecklistError(.nothingToUndo) }
        try record(.undo(undid: target.type))
        return target
    }

    /// Pauses the session so that it can be resumed later.
    public func pause() throws(ChecklistError) {
        guard !state.isFinished, !state.isPaused else { return }
        try record(.pause)
    }

    private func leave(confirmOpen: Bool) throws(ChecklistError) {
        let open = openActionsOnLeaving
        guard !open.isEmpty else { return }
        guard confirmOpen else { throw ChecklistError(.requiredActionsOpen(open)) }
        try record(.leaveOpen(step: state.step.id.value, openActions: open.map { state.key(ofAction: $0, step: state.current) }))
    }
}
