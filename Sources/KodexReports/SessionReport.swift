import Foundation
import KodexChecklist
import KodexModel
import KodexSupport

/// What agents actually did, from the stored sessions' facts counted against the codex:
/// per situation, per step and per agent, as trainers ask it.
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
    ///
    /// The first four hours are counted in an array, which takes a count without hashing
    /// (a report counts a dozen durations a session); longer ones in a table.
    struct Durations: Sendable {
        private var dense: [Int] = []
        private var sparse: [Int64: Int] = [:]
        private static let denseSeconds: Int64 = 4 * 3600

        /// The counts by second.
        var seconds: [Int64: Int] {
            var seconds = sparse
            for (second, count) in dense.enumerated() where count > 0 { seconds[Int64(second)] = count }
            return seconds
        }

        mutating func add(milliseconds: Int64) {
            add(second: milliseconds / 1000 + (milliseconds % 1000 >= 500 ? 1 : 0), count: 1)
        }

        private mutating func add(second: Int64, count: Int) {
            guard second >= 0, second < Self.denseSeconds else { return sparse[second, default: 0] += count }
            let index = Int(second)
            if index >= dense.count { dense.append(contentsOf: repeatElement(0, count: index - dense.count + 1)) }
            dense[index] += count
        }

        mutating func merge(_ other: Durations) {
            for (second, count) in other.dense.enumerated() where count > 0 { add(second: Int64(second), count: count) }
            sparse.merge(other.sparse, uniquingKeysWith: +)
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

        /// Adds the figures of the same step counted over other sessions.
        mutating func merge(_ other: StepFigures) {
            entered += other.entered
            skipped += other.skipped
            skipReasons.merge(other.skipReasons, uniquingKeysWith: +)
            actionsLeftOpen.merge(other.actionsLeftOpen, uniquingKeysWith: +)
            overruns += other.overruns
            branches.merge(other.branches, uniquingKeysWith: +)
            notes.merge(other.notes, uniquingKeysWith: +)
            durations.merge(other.durations)
        }
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
        var plans: [String: [String: ReportPlan]] = [:]
        for situation in codex.situations where plans[situation.id.value] == nil {
            var processes: [String: ReportPlan] = [:]
            for process in situation.processes where processes[process.id.value] == nil {
                processes[process.id.value] = ReportPlan(process, situation: situation.id.value,
                                                         place: shape.place(of: situation.id.value),
                                                         rows: { shape.row(situation.id.value, process.id.value, $0) })
            }
            plans[situation.id.value] = processes
        }
        // Each part of the store is counted on a thread of its own; the parts' figures
        // are then added up, which gives the figures of counting them all in one.
        let plansOfSituations = PlanLookup(plans)
        let start = shape
        let parts = concurrentMap(database.factsParts) { part in
            Result { () throws(ReportError) -> Tally in
                var tally = Tally(overall: start)
                var weeks = WeekCache()
                var counter = FactsCounter(withNotes: withNotes)
                var versions: [(version: String, figures: Accumulator)] = []
                var laterVersions: [String: Int] = [:]
                try database.forEachSessionFacts(filter, part: part, of: database.factsParts) { session, facts in
                    // A session counts once its facts resolve under the codex, as its replay would.
                    guard let plan = plansOfSituations.plan(session.situation, session.process), counter.read(facts, plan) else {
                        tally.leftOut.append(session.id)
                        return
                    }
                    // Counted once, under its version: the whole is the versions added up. A
                    // store holds a handful of versions, found by a search cheaper than a hash.
                    let version = session.codexVersion ?? "–"
                    let slot: Int
                    if let known = versions.prefix(16).firstIndex(where: { $0.version == version }) ?? laterVersions[version] {
                        slot = known
                    } else {
                        slot = versions.count
                        versions.append((version, start))
                        // A store with many versions would make the search slow: past a few, a table.
                        if slot >= 16 { laterVersions[version] = slot }
                    }
                    versions[slot].figures.add(session, week: weeks.week(of: session.startedAt), plan, counter.steps,
                                               outcome: counter.outcomeNumber)
                }
                for (version, var figures) in versions {
                    figures.settle(weeks: weeks.names, outcomes: counter.outcomeNames)
                    tally.byVersion[version] = figures
                }
                return tally
            }
        }
        var whole = Tally(overall: shape)
        for part in parts { whole.merge(try part.get()) }
        for version in whole.byVersion.keys.sorted() {
            if let figures = whole.byVersion[version] { whole.overall.merge(figures) }
        }
        var report = whole.overall.finished
        // The store hands sessions over in its own order; the report names them by id.
        report.leftOut = whole.leftOut.sorted()
        if whole.byVersion.count > 1 {
            report.versions = whole.byVersion.sorted { $0.key < $1.key }
                .map { VersionFigures(version: $0.key, report: $0.value.finished) }
        }
        return report
    }

    /// Each process's plan by situation and process id. A codex has a few situations of a
    /// few processes each: a search through them, comparing short ids, is cheaper than
    /// hashing two ids for each of a million sessions.
    private struct PlanLookup: Sendable {
        private let plans: [(situation: String, process: String, plan: ReportPlan)]
        private let table: [String: [String: ReportPlan]]

        init(_ table: [String: [String: ReportPlan]]) {
            self.table = table
            plans = table.count * (table.values.map(\.count).max() ?? 0) <= 32
                ? table.flatMap { situation in situation.value.map { (situation.key, $0.key, $0.value) } } : []
        }

        func plan(_ situation: String, _ process: String) -> ReportPlan? {
            guard !plans.isEmpty else { return table[situation]?[process] }
            for entry in plans where entry.situation == situation && entry.process == process { return entry.plan }
            return nil
        }
    }

    /// The figures of one part of the store's sessions, by version; `overall` holds
    /// nothing until the versions are added up.
    private struct Tally: Sendable {
        var overall: Accumulator
        var byVersion: [String: Accumulator] = [:]
        var leftOut: [String] = []

        mutating func merge(_ other: Tally) {
            for (version, figures) in other.byVersion {
                if byVersion[version] == nil { byVersion[version] = figures } else { byVersion[version]?.merge(figures) }
            }
            leftOut += other.leftOut
        }
    }

    /// The ISO week of each quarter of an hour asked, worked out once: every time zone's
    /// offset is a whole number of quarters, so all of a quarter falls in one week.
    ///
    /// A week is answered as its number in ``names``, which the figures count by; sessions
    /// mostly come in the order they ran, so the last quarter asked is kept at hand.
    private struct WeekCache {
        private var weeks: [Int64: Int] = [:]
        private var numbers: [String: Int] = [:]
        private var last: (quarter: Int64, week: Int) = (.min, 0)
        /// Each week's name, by its number.
        private(set) var names: [String] = []

        mutating func week(of milliseconds: Int64) -> Int {
            let quarter = milliseconds >= 0 ? milliseconds / 900_000 : (milliseconds + 1) / 900_000 - 1
            if quarter == last.quarter { return last.week }
            let week: Int
            if let known = weeks[quarter] {
                week = known
            } else {
                let name = SessionReport.week(of: quarter * 900_000)
                if let known = numbers[name] {
                    week = known
                } else {
                    week = names.count
                    numbers[name] = week
                    names.append(name)
                }
                weeks[quarter] = week
            }
            last = (quarter, week)
            return week
        }
    }

    /// The figures of one version of the codex.
    public struct VersionFigures: Sendable {
        /// The codex's version, as its manifest gave it when the sessions ran; `–` for none.
        public var version: String
        /// The same figures as the whole report, over that version's sessions.
        public var report: SessionReport
    }

    /// Figures gathered session by session.
    private struct Accumulator: Sendable {
        var report = SessionReport()
        private var situationIndex: [String: Int] = [:]
        private var agentIndex: [String: Int] = [:]
        /// Each step's row in its situation's figures, by process and step id.
        private var rows: [[String: Int]] = []
        /// Sessions by week and, per situation, by outcome, counted by number while a part
        /// is read (see ``settle(weeks:outcomes:)``): a count without hashing a name.
        private var weekCounts: [Int] = []
        private var outcomeCounts: [[Int]] = []

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
                outcomeCounts.append([])
            }
        }

        /// The place of situation `id` among the report's situations.
        func place(of id: String) -> Int? { situationIndex[id] }

        /// The row of step `step` of `process` in the figures of situation `situation`.
        func row(_ situation: String, _ process: String, _ step: String) -> Int? {
            situationIndex[situation].flatMap { rows[$0][process + "\u{0}" + step] }
        }

        /// Counts a session of `plan`'s process, in the week `week`, from its resolved facts.
        /// Moves the counts by number into the figures by name: `weeks` names each week by
        /// its number, `outcomes` each outcome (0: none, the session is open).
        mutating func settle(weeks: [String], outcomes: [String]) {
            for (week, count) in weekCounts.enumerated() where count > 0 { report.weeks[weeks[week], default: 0] += count }
            for (place, counts) in outcomeCounts.enumerated() {
                for (outcome, count) in counts.enumerated() where count > 0 {
                    report.situations[place].outcomes[outcome == 0 ? "open" : outcomes[outcome - 1], default: 0] += count
                }
            }
            weekCounts = []
            outcomeCounts = Array(repeating: [], count: report.situations.count)
        }

        /// Counts a session of `plan`'s process that started in week number `week`, from
        /// its steps; `outcome` numbers its outcome (0: none).
        mutating func add(_ session: StoredSession, week: Int, _ plan: ReportPlan, _ steps: [CountedStep], outcome: Int) {
            guard let place = plan.place else { return }
            report.sessions += 1
            report.damagedLines += session.damagedLines
            if week >= weekCounts.count { weekCounts.append(contentsOf: repeatElement(0, count: week - weekCounts.count + 1)) }
            weekCounts[week] += 1
            let agent: Int
            if let known = agentIndex[session.agent] {
                agent = known
            } else {
                agent = report.agents.count
                agentIndex[session.agent] = agent
                report.agents.append(AgentFigures(agent: session.agent))
            }
            report.agents[agent].sessions += 1
            report.situations[place].sessions += 1
            if outcome >= outcomeCounts[place].count {
                outcomeCounts[place].append(contentsOf: repeatElement(0, count: outcome - outcomeCounts[place].count + 1))
            }
            outcomeCounts[place][outcome] += 1
            var handled: Int64 = 0
            for step in steps {
                let sum = handled.addingReportingOverflow(step.spent)
                handled = sum.overflow ? Int64.max : sum.partialValue
            }
            report.situations[place].handleTimes.add(milliseconds: handled)
            for step in steps {
                let index = step.index
                guard let row = plan.rows[index] else { continue }
                if let reason = step.skipReason {
                    report.situations[place].steps[row].skipped += 1
                    report.situations[place].steps[row].skipReasons[reason, default: 0] += 1
                    report.agents[agent].skips += 1
                }
                guard step.entered else { continue }
                report.situations[place].steps[row].entered += 1
                report.situations[place].steps[row].durations.add(milliseconds: step.spent)
                if let target = plan.targets[index], step.spent > target {
                    report.situations[place].steps[row].overruns += 1
                    report.agents[agent].overruns += 1
                }
                let texts = plan.actionTexts[index]
                for action in step.leftOpen ?? [] where texts.indices.contains(action) {
                    report.situations[place].steps[row].actionsLeftOpen[texts[action], default: 0] += 1
                }
                if report.withNotes {
                    for note in step.notes { report.situations[place].steps[row].notes[note, default: 0] += 1 }
                }
                if let target = step.branchTarget {
                    report.situations[place].steps[row].branches[target, default: 0] += 1
                }
                let required = plan.required[index]
                report.agents[agent].requiredOnEntered += required.count
                var done = 0
                for item in required where step.checked.contains(item) { done += 1 }
                report.agents[agent].requiredDone += done
            }
        }

        /// Adds the figures of `other`, counted over other sessions against the same codex.
        mutating func merge(_ other: Accumulator) {
            report.sessions += other.report.sessions
            report.damagedLines += other.report.damagedLines
            report.weeks.merge(other.report.weeks, uniquingKeysWith: +)
            for (place, theirs) in other.report.situations.enumerated() {
                report.situations[place].sessions += theirs.sessions
                report.situations[place].outcomes.merge(theirs.outcomes, uniquingKeysWith: +)
                report.situations[place].handleTimes.merge(theirs.handleTimes)
                for (row, step) in theirs.steps.enumerated() {
                    report.situations[place].steps[row].merge(step)
                }
            }
            for agent in other.report.agents {
                if agentIndex[agent.agent] == nil {
                    agentIndex[agent.agent] = report.agents.count
                    report.agents.append(AgentFigures(agent: agent.agent))
                }
                let index = agentIndex[agent.agent] ?? 0
                report.agents[index].sessions += agent.sessions
                report.agents[index].requiredDone += agent.requiredDone
                report.agents[index].requiredOnEntered += agent.requiredOnEntered
                report.agents[index].skips += agent.skips
                report.agents[index].overruns += agent.overruns
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
