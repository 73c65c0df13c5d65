import Foundation
import KodexChecklist
import KodexModel

/// What agents actually did, from stored sessions replayed against the codex: per
/// situation, per step and per agent, as trainers ask it.
public struct SessionReport: Sendable {
    /// Quantiles of a duration, in seconds.
    public struct Spread: Sendable, Hashable {
        /// The median.
        public var median: Double
        /// The 90th percentile.
        public var p90: Double

        /// A spread of the given quantiles.
        public init(median: Double, p90: Double) {
            self.median = median
            self.p90 = p90
        }

        /// The spread of the durations counted in `histogram`, or nil for none:
        /// nearest-rank quantiles, so each figure is one that was measured (to the second).
        init?(_ histogram: Durations) {
            let total = histogram.seconds.values.reduce(0, +)
            guard total > 0 else { return nil }
            let sorted = histogram.seconds.sorted { $0.key < $1.key }
            func rank(_ quantile: Double) -> Double {
                let wanted = max(1, Int((quantile * Double(total)).rounded(.up)))
                var seen = 0
                for (second, count) in sorted {
                    seen += count
                    if seen >= wanted { return Double(second) }
                }
                return Double(sorted.last?.key ?? 0)
            }
            median = rank(0.5)
            p90 = rank(0.9)
        }
    }

    /// Durations counted by the whole second (rounded to the nearest): a report over a
    /// million sessions holds one count per distinct second, not one number per session.
    struct Durations: Sendable {
        var seconds: [Int64: Int] = [:]

        mutating func add(milliseconds: Int64) {
            seconds[(milliseconds + 500) / 1000, default: 0] += 1
        }
    }

    /// One step's figures.
    public struct StepFigures: Sendable {
        /// The step's process, by id.
        public var process: String
        /// The step's id.
        public var id: String
        /// The step's title.
        public var title: String
        /// Sessions that entered the step.
        public var entered = 0
        /// Sessions that skipped it.
        public var skipped = 0
        /// Skip reasons with their counts.
        public var skipReasons: [String: Int] = [:]
        /// Required actions left open on leaving, by their text, with counts.
        public var actionsLeftOpen: [String: Int] = [:]
        /// Time on the step, over the sessions that entered it.
        public var time: Spread?
        /// The step's time target in seconds, if it has one.
        public var target: Int?
        /// The time target as the codex writes it, in its language, such as `4 óra`.
        public var targetText: String?
        /// Sessions that spent longer than the target on the step.
        public var overruns = 0
        /// For a branching step, how often each branch was taken, by the step it leads to.
        public var branches: [String: Int] = [:]
        /// The agents' notes on the step with their counts; only in a report made with
        /// notes, since a note can hold a customer's personal data.
        public var notes: [String: Int] = [:]
        var durations = Durations()
    }

    /// One situation's figures.
    public struct SituationFigures: Sendable {
        /// The situation's id.
        public var id: String
        /// The situation's title.
        public var title: String
        /// Sessions of the situation.
        public var sessions = 0
        /// Outcomes with their counts; a session without an end counts as `open`.
        public var outcomes: [String: Int] = [:]
        /// Time on the steps, per session.
        public var handleTime: Spread?
        /// Every step of the situation's processes, in the codex's order.
        public var steps: [StepFigures] = []
        var handleTimes = Durations()
    }

    /// One agent's figures.
    public struct AgentFigures: Sendable {
        /// The agent, as the journals name them.
        public var agent: String
        /// The agent's sessions.
        public var sessions = 0
        /// Required actions done on the steps the agent entered.
        public var requiredDone = 0
        /// Required actions on the steps the agent entered.
        public var requiredOnEntered = 0
        /// Steps the agent skipped.
        public var skips = 0
        /// Steps on which the agent spent longer than the target.
        public var overruns = 0
        /// Required actions done ÷ required actions on the steps entered; nil without any.
        public var adherence: Double? { requiredOnEntered == 0 ? nil : Double(requiredDone) / Double(requiredOnEntered) }
    }

    /// Sessions covered.
    public var sessions = 0
    /// Every situation of the codex, in its order.
    public var situations: [SituationFigures] = []
    /// Every agent with a session, by name.
    public var agents: [AgentFigures] = []
    /// Sessions left out: their situation or process is not in the codex, or their
    /// journal no longer replays under it.
    public var leftOut: [String] = []
    /// Journal lines that were damaged, over the sessions covered.
    public var damagedLines = 0
    /// Sessions by the week they started in, as `YYYY-Www` (ISO weeks, local time).
    public var weeks: [String: Int] = [:]
    /// The same figures for each version of the codex, when the sessions ran on more
    /// than one: what a change of the codex did.
    public var versions: [VersionFigures] = []
    /// Whether the report holds the agents' notes (``StepFigures/notes``).
    public var withNotes = false

    /// The report over the sessions of `database` that `filter` keeps, against `codex`,
    /// with the same figures for each version of the codex the sessions ran on.
    ///
    /// - Parameter withNotes: keep the agents' notes, which are otherwise left out since
    ///   a note can hold a customer's personal data.
    public static func make(from database: any SessionDatabase, filter: ReportFilter, codex: Codex,
                            withNotes: Bool = false) throws(ReportError) -> SessionReport {
        var shape = Accumulator(codex)
        shape.report.withNotes = withNotes
        var overall = shape
        var byVersion: [String: Accumulator] = [:]
        var situations: [String: Situation] = [:]
        for situation in codex.situations where situations[situation.id.value] == nil {
            situations[situation.id.value] = situation
        }
        var leftOut: [String] = []
        var plans: [String: ChecklistPlan] = [:]
        try database.forEachSession(filter) { session, events in
            guard let situation = situations[session.situation],
                  let process = situation.processes.first(where: { $0.id.value == session.process }) else {
                leftOut.append(session.id)
                return
            }
            let planKey = session.situation + "\u{0}" + session.process
            let plan = plans[planKey] ?? ChecklistPlan(process)
            plans[planKey] = plan
            guard let (state, _) = try? ChecklistState.replaying(events, situation: situation, process: process, plan: plan) else {
                leftOut.append(session.id)
                return
            }
            overall.add(session, process, state)
            byVersion[session.codexVersion ?? "–", default: shape].add(session, process, state)
        }
        var report = overall.finished
        report.leftOut = leftOut
        if byVersion.count > 1 {
            report.versions = byVersion.sorted { $0.key < $1.key }.map { VersionFigures(version: $0.key, report: $0.value.finished) }
        }
        return report
    }

    /// The figures of one version of the codex.
    public struct VersionFigures: Sendable {
        /// The codex's version, as its manifest gave it when the sessions ran; `–` for none.
        public var version: String
        /// The same figures as the whole report, over that version's sessions.
        public var report: SessionReport
    }

    /// Figures gathered session by session.
    private struct Accumulator {
        var report = SessionReport()
        private var situationIndex: [String: Int] = [:]
        private var agentIndex: [String: Int] = [:]
        /// Each step's row in its situation's figures, by process and step id.
        private var rows: [[String: Int]] = []

        /// Empty figures for every situation and step of `codex`.
        init(_ codex: Codex) {
            for situation in codex.situations where situationIndex[situation.id.value] == nil {
                situationIndex[situation.id.value] = report.situations.count
                var rowOfStep: [String: Int] = [:]
                var figures = SituationFigures(id: situation.id.value, title: situation.title?.value ?? situation.id.value)
                for process in situation.processes {
                    for step in process.steps where rowOfStep[process.id.value + "\u{0}" + step.id.value] == nil {
                        rowOfStep[process.id.value + "\u{0}" + step.id.value] = figures.steps.count
                        figures.steps.append(StepFigures(process: process.id.value, id: step.id.value,
                                                         title: step.title?.value ?? step.id.value,
                                                         target: step.timeTarget?.seconds,
                                                         targetText: step.timeTarget?.text(in: codex.manifest.locale)))
                    }
                }
                report.situations.append(figures)
                rows.append(rowOfStep)
            }
        }

        /// Counts a session, replayed into `state`, on `process`.
        mutating func add(_ session: StoredSession, _ process: KodexModel.Process, _ state: ChecklistState) {
            guard let place = situationIndex[session.situation] else { return }
            report.sessions += 1
            report.damagedLines += session.damagedLines
            report.weeks[SessionReport.week(of: session.startedAt), default: 0] += 1
            if agentIndex[session.agent] == nil {
                agentIndex[session.agent] = report.agents.count
                report.agents.append(AgentFigures(agent: session.agent))
            }
            let agent = agentIndex[session.agent] ?? 0
            report.agents[agent].sessions += 1
            report.situations[place].sessions += 1
            report.situations[place].outcomes[state.outcome ?? "open", default: 0] += 1
            report.situations[place].handleTimes.add(milliseconds: state.timeSpent.values.reduce(0, +))
            let entered = Set(state.trail)
            for (index, step) in process.steps.enumerated() {
                guard let row = rows[place][process.id.value + "\u{0}" + step.id.value] else { continue }
                let id = step.id.value
                if let reason = state.skipped[id] {
                    report.situations[place].steps[row].skipped += 1
                    report.situations[place].steps[row].skipReasons[reason, default: 0] += 1
                    report.agents[agent].skips += 1
                }
                guard entered.contains(index) else { continue }
                report.situations[place].steps[row].entered += 1
                let spent = state.timeSpent[id] ?? 0
                report.situations[place].steps[row].durations.add(milliseconds: spent)
                if let target = step.timeTarget?.seconds, spent > Int64(target) * 1000 {
                    report.situations[place].steps[row].overruns += 1
                    report.agents[agent].overruns += 1
                }
                for action in state.leftOpen[id] ?? [] where step.actions.indices.contains(action) {
                    report.situations[place].steps[row].actionsLeftOpen[step.actions[action].text.value, default: 0] += 1
                }
                if report.withNotes {
                    for note in state.notes where note.step == id {
                        report.situations[place].steps[row].notes[note.text, default: 0] += 1
                    }
                }
                if let condition = state.branchesTaken[id],
                   let target = step.branches.first(where: { $0.condition?.value == condition })?.target?.value {
                    report.situations[place].steps[row].branches[target, default: 0] += 1
                }
                let required = step.actions.indices.filter { step.actions[$0].required }
                let done = state.checked[id] ?? []
                report.agents[agent].requiredOnEntered += required.count
                report.agents[agent].requiredDone += required.filter { done.contains($0) }.count
            }
        }

        /// The figures, with the spreads worked out.
        var finished: SessionReport {
            var report = report
            for situation in report.situations.indices {
                report.situations[situation].handleTime = Spread(report.situations[situation].handleTimes)
                report.situations[situation].handleTimes = Durations()
                for step in report.situations[situation].steps.indices {
                    report.situations[situation].steps[step].time = Spread(report.situations[situation].steps[step].durations)
                    report.situations[situation].steps[step].durations = Durations()
                }
            }
            report.agents.sort { $0.agent < $1.agent }
            return report
        }
    }

    /// The ISO week a moment falls in, local time, as `2026-W48`.
    static func week(of milliseconds: Int64) -> String {
        let calendar = Calendar(identifier: .iso8601)
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        let week = parts.weekOfYear ?? 0
        return "\(parts.yearForWeekOfYear ?? 0)-W" + (week < 10 ? "0" : "") + String(week)
    }
}
