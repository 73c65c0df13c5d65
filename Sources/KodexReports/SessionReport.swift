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
        let layout = Layout(codex, withNotes: withNotes)
        // Each part of the store is counted on a thread of its own; the parts' figures
        // are then added up, which gives the figures of counting them all in one.
        let factsParts = try database.factsParts(max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)))
        let parts = concurrentMap(factsParts.count) { part in
            Result { () throws(ReportError) -> Tally in
                var counting = PartCount(layout, withNotes: withNotes)
                try database.forEachSessionFacts(filter, in: factsParts[part]) { counting.count($0) }
                return counting.tally
            }
        }
        var whole = Tally()
        for part in parts { whole.merge(try part.get()) }
        var overall = Accumulator(layout)
        for version in whole.byVersion.keys.sorted() {
            if let figures = whole.byVersion[version] { overall.merge(figures) }
        }
        var report = overall.finished
        // The store hands sessions over in its own order; the report names them by id.
        report.leftOut = whole.leftOut.sorted()
        if whole.byVersion.count > 1 {
            report.versions = whole.byVersion.sorted { $0.key < $1.key }
                .map { VersionFigures(version: $0.key, report: $0.value.finished) }
        }
        return report
    }

    /// What a report's counts are laid out by, worked out once from the codex: every
    /// situation's and step's empty figures, each step's row among all the situations'
    /// steps, each process's plan, and what each place of the counts of items left open
    /// and of branches taken stands for.
    private struct Layout: Sendable {
        /// Empty figures for every situation and step of the codex.
        let empty: SessionReport
        /// The row of each situation's first step, by the situation's place: a step's row
        /// is its situation's first row plus its place among the situation's steps.
        let firstRows: [Int]
        /// The number of rows.
        let rowCount: Int
        /// Each item's step row and text, by its place among the counts of items left open.
        let items: [(row: Int?, text: String)]
        /// Each branch's step row and the step it leads to, by its place among the counts of branches.
        let branches: [(row: Int?, target: String)]
        let plans: PlanLookup

        init(_ codex: Codex, withNotes: Bool) {
            var report = SessionReport()
            report.withNotes = withNotes
            var situationPlaces: [String: Int] = [:]
            var rowOfStep: [[String: Int]] = []
            var firstRows: [Int] = []
            var rowCount = 0
            for situation in codex.situations where situationPlaces[situation.id.value] == nil {
                situationPlaces[situation.id.value] = report.situations.count
                var rows: [String: Int] = [:]
                var figures = SituationFigures(id: situation.id.value, title: situation.title?.value ?? situation.id.value)
                for process in situation.processes {
                    for step in process.steps where rows[process.id.value + "\u{0}" + step.id.value] == nil {
                        rows[process.id.value + "\u{0}" + step.id.value] = figures.steps.count
                        figures.steps.append(StepFigures(process: process.id.value, id: step.id.value,
                                                         title: step.title?.value ?? step.id.value,
                                                         target: step.timeTarget?.seconds,
                                                         targetText: step.timeTarget?.text(in: codex.manifest.locale)))
                    }
                }
                firstRows.append(rowCount)
                rowCount += figures.steps.count
                report.situations.append(figures)
                rowOfStep.append(rows)
            }
            var plans: [String: [String: ReportPlan]] = [:]
            var items: [(row: Int?, text: String)] = []
            var branches: [(row: Int?, target: String)] = []
            for situation in codex.situations where plans[situation.id.value] == nil {
                let place = situationPlaces[situation.id.value]
                var processes: [String: ReportPlan] = [:]
                for process in situation.processes where processes[process.id.value] == nil {
                    let plan = ReportPlan(process, situation: situation.id.value, place: place, rows: { step in
                        place.flatMap { place in rowOfStep[place][process.id.value + "\u{0}" + step].map { firstRows[place] + $0 } }
                    }, firstItemSlot: items.count, firstBranchSlot: branches.count)
                    for (index, row) in plan.rows.enumerated() {
                        items += plan.actionTexts[index].map { (row, $0) }
                        branches += plan.branches[index].map { (row, $0.target) }
                    }
                    processes[process.id.value] = plan
                }
                plans[situation.id.value] = processes
            }
            empty = report
            self.firstRows = firstRows
            self.rowCount = rowCount
            self.items = items
            self.branches = branches
            self.plans = PlanLookup(plans)
        }

        /// The situation's place and the step's place among its steps, of row `row`.
        func place(ofRow row: Int) -> (situation: Int, step: Int) {
            var low = 0, high = firstRows.count - 1
            // The last situation whose first row is at most `row` (situations without
            // steps share their first row with the next).
            while low < high {
                let middle = (low + high + 1) / 2
                if firstRows[middle] <= row { low = middle } else { high = middle - 1 }
            }
            return (low, row - firstRows[low])
        }
    }

    /// Each process's plan by situation and process id, found by the ids' bytes: a
    /// session's ids are compared as the store holds them, without a `String` of them.
    private struct PlanLookup: Sendable {
        private let situations: ByteNumbers
        private let processes: [[(id: [UInt8], plan: ReportPlan)]]
        private let table: [String: [String: ReportPlan]]

        init(_ table: [String: [String: ReportPlan]]) {
            self.table = table
            var situations = ByteNumbers()
            var processes: [[(id: [UInt8], plan: ReportPlan)]] = []
            for (situation, plans) in table.sorted(by: { $0.key < $1.key }) {
                _ = Array(situation.utf8).withUnsafeBufferPointer { situations.number($0) }
                processes.append(plans.map { (Array($0.key.utf8), $0.value) })
            }
            self.situations = situations
            self.processes = processes
        }

        func plan(_ situation: UnsafeBufferPointer<UInt8>, _ process: UnsafeBufferPointer<UInt8>) -> ReportPlan? {
            if let number = situations.find(situation) {
                for entry in processes[number] where equal(entry.id, process) { return entry.plan }
            }
            // Ids equal in Unicode's sense but not byte for byte: as a dictionary finds them.
            return table[StoredSessionRow.text(situation)]?[StoredSessionRow.text(process)]
        }
    }

    /// The counting of one part of the store's sessions, on a thread of its own.
    private struct PartCount {
        let layout: Layout
        private var leftOut: [String] = []
        private var weeks = WeekCache()
        private var counter: FactsCounter
        private var names = Names()
        /// By version number: a session is counted once, under its version, and the whole
        /// is the versions added up.
        private var versions: [Counts] = []

        init(_ layout: Layout, withNotes: Bool) {
            self.layout = layout
            counter = FactsCounter(withNotes: withNotes)
        }

        mutating func count(_ row: StoredSessionRow) {
            // A session counts once its facts resolve under the codex, as its replay would.
            guard let plan = layout.plans.plan(row.situation, row.process), counter.read(row.facts, plan) else {
                leftOut.append(StoredSessionRow.text(row.id))
                return
            }
            let version = row.codexVersion.map { names.versions.number($0) } ?? names.noVersion
            if version >= versions.count {
                versions.append(contentsOf: repeatElement(Counts(layout), count: version - versions.count + 1))
            }
            versions[version].add(row, week: weeks.week(of: row.startedAt), plan, counter, &names)
        }

        /// The part's figures by version, and the sessions it left out.
        var tally: Tally {
            var tally = Tally()
            tally.leftOut = leftOut
            for (version, counts) in versions.enumerated() where counts.sessions > 0 {
                tally.add(version: names.versions.text(version),
                          counts.figures(layout, names, weeks: weeks.names, outcomes: counter.outcomeNames))
            }
            return tally
        }
    }

    /// The texts one part of a report counts by, each numbered by its bytes the first time
    /// it is read (see ``ByteNumbers``); shared by the part's versions.
    private struct Names {
        var agents = ByteNumbers()
        var versions = ByteNumbers()
        var skipReasons = ByteNumbers()
        var notes = ByteNumbers()
        /// The number of the version of sessions whose journal names none, `–`.
        let noVersion: Int

        init() {
            var versions = ByteNumbers()
            noVersion = Array("–".utf8).withUnsafeBufferPointer { versions.number($0) }
            self.versions = versions
        }
    }

    /// The figures of one part of the store's sessions, by version, and the sessions it
    /// left out.
    private struct Tally: Sendable {
        var byVersion: [String: Accumulator] = [:]
        var leftOut: [String] = []

        /// Adds the figures of `version`: versions whose names are equal in Unicode's
        /// sense, though not byte for byte, are one.
        mutating func add(version: String, _ figures: Accumulator) {
            if byVersion[version] == nil { byVersion[version] = figures } else { byVersion[version]?.merge(figures) }
        }

        mutating func merge(_ other: Tally) {
            for (version, figures) in other.byVersion { add(version: version, figures) }
            leftOut += other.leftOut
        }
    }

    /// The ISO week of each moment asked, each week worked out once from the calendar,
    /// with its first moment and the first moment after it, local time.
    ///
    /// A week is answered as its number in ``names``, which the figures count by. Sessions
    /// mostly come in the order they ran, so the last week asked is kept at hand; the
    /// others are found by a binary search of their bounds, cheaper than hashing a key for
    /// each of a million sessions that come in any order.
    struct WeekCache {
        /// ISO weeks in the time zone the report is made in.
        private let calendar: Calendar
        /// Every week (or quarter of an hour, where the calendar could not bound its week)
        /// asked so far, by its first moment.
        private var known: [(from: Int64, below: Int64, week: Int)] = []
        private var numbers: [String: Int] = [:]
        private var last: (from: Int64, below: Int64, week: Int) = (0, 0, 0)
        /// Each week's name, by its number.
        private(set) var names: [String] = []

        init(calendar: Calendar = SessionReport.calendar) { self.calendar = calendar }

        mutating func week(of milliseconds: Int64) -> Int {
            if milliseconds >= last.from, milliseconds < last.below { return last.week }
            // The first known span that starts after the moment; the one before may hold it.
            var low = 0, high = known.count
            while low < high {
                let middle = (low + high) / 2
                if known[middle].from <= milliseconds { low = middle + 1 } else { high = middle }
            }
            if low > 0, milliseconds < known[low - 1].below {
                last = known[low - 1]
                return last.week
            }
            // Every time zone's offset is a whole number of quarters of an hour, so all of a
            // quarter falls in one week, which its first moment names.
            let quarter = milliseconds >= 0 ? milliseconds / 900_000 : (milliseconds + 1) / 900_000 - 1
            let name = SessionReport.week(of: quarter * 900_000, in: calendar)
            let week: Int
            if let number = numbers[name] {
                week = number
            } else {
                week = names.count
                numbers[name] = week
                names.append(name)
            }
            let bounds = bounds(ofWeekAround: quarter)
            last = (bounds.from, bounds.below, week)
            known.insert(last, at: low)
            return week
        }

        /// The first moment of the week of quarter `quarter` and the first after it, or the
        /// quarter's own when the calendar cannot tell.
        private func bounds(ofWeekAround quarter: Int64) -> (from: Int64, below: Int64) {
            let start = quarter * 900_000
            let date = Date(timeIntervalSince1970: Double(start) / 1000)
            guard let week = calendar.dateInterval(of: .weekOfYear, for: date),
                  let from = Int64(exactly: (week.start.timeIntervalSince1970 * 1000).rounded()),
                  let below = Int64(exactly: (week.end.timeIntervalSince1970 * 1000).rounded()),
                  from <= start, below >= start + 900_000 else { return (start, start + 900_000) }
            return (from, below)
        }
    }

    /// The figures of one version of the codex.
    public struct VersionFigures: Sendable {
        /// The codex's version, as its manifest gave it when the sessions ran; `–` for none.
        public var version: String
        /// The same figures as the whole report, over that version's sessions.
        public var report: SessionReport
    }

    /// One version's figures in one part of the store, counted session by session by
    /// number: each step by its row, each item left open and each branch by its place in
    /// the ``Layout``, each week, outcome, agent and skip reason by its number. Nothing is
    /// named, or hashed by name, until ``figures(_:_:weeks:outcomes:)``.
    private struct Counts {
        var sessions = 0
        var damagedLines = 0
        var weeks: [Int] = []
        var situationSessions: [Int]
        /// By situation, then outcome number (0: none, the session is open).
        var outcomes: [[Int]]
        var handleTimes: [Durations]
        /// By row, three counts each: sessions that entered the step, that skipped it, and
        /// that overran its target (one array: a session touches a dozen rows).
        var steps: [Int]
        var durations: [Durations]
        var itemsLeftOpen: [Int]
        var branches: [Int]
        /// By row and skip reason, as `row << 32 | reason`.
        var skipReasons: [Int: Int] = [:]
        /// By row and note, as `row << 32 | note`.
        var notes: [Int: Int] = [:]
        /// By agent number, five counts each: sessions, required items done, required items
        /// on the steps entered, skips and overruns.
        var agents: [Int] = []

        /// The places of a row's counts in ``steps``.
        enum StepCount {
            static let entered = 0, skipped = 1, overran = 2, all = 3
        }

        /// The places of an agent's counts in ``agents``.
        enum AgentCount {
            static let sessions = 0, requiredDone = 1, requiredOnEntered = 2, skips = 3, overruns = 4, all = 5
        }

        init(_ layout: Layout) {
            let situations = layout.empty.situations.count
            situationSessions = Array(repeating: 0, count: situations)
            outcomes = Array(repeating: [], count: situations)
            handleTimes = Array(repeating: Durations(), count: situations)
            steps = Array(repeating: 0, count: layout.rowCount * StepCount.all)
            durations = Array(repeating: Durations(), count: layout.rowCount)
            itemsLeftOpen = Array(repeating: 0, count: layout.items.count)
            branches = Array(repeating: 0, count: layout.branches.count)
        }

        /// Counts the session `session`, started in week number `week`, whose facts `counter`
        /// has just read under `plan`.
        mutating func add(_ session: StoredSessionRow, week: Int, _ plan: ReportPlan, _ counter: FactsCounter,
                          _ names: inout Names) {
            guard let place = plan.place else { return }
            sessions += 1
            damagedLines += session.damagedLines
            if week >= weeks.count { weeks.append(contentsOf: repeatElement(0, count: week - weeks.count + 1)) }
            weeks[week] += 1
            let agent = names.agents.number(session.agent) * AgentCount.all
            if agent >= agents.count { agents.append(contentsOf: repeatElement(0, count: agent + AgentCount.all - agents.count)) }
            agents[agent + AgentCount.sessions] += 1
            situationSessions[place] += 1
            let outcome = counter.outcomeNumber
            if outcome >= outcomes[place].count {
                outcomes[place].append(contentsOf: repeatElement(0, count: outcome - outcomes[place].count + 1))
            }
            outcomes[place][outcome] += 1
            var handled: Int64 = 0
            for step in counter.steps {
                let sum = handled.addingReportingOverflow(step.spent)
                handled = sum.overflow ? Int64.max : sum.partialValue
            }
            handleTimes[place].add(milliseconds: handled)
            // The plan's tables, taken once for the session rather than once for each step.
            let rows = plan.rows, targets = plan.targets, required = plan.required
            var skips = 0, overruns = 0, requiredOnEntered = 0, requiredDone = 0
            for (stepPlace, step) in counter.steps.enumerated() {
                let index = step.index
                guard let row = rows[index] else { continue }
                let counts = row * StepCount.all
                if let reason = step.skipReason {
                    steps[counts + StepCount.skipped] += 1
                    let number = names.skipReasons.number(UnsafeBufferPointer(rebasing: session.facts[reason]))
                    skipReasons[row << 32 | number, default: 0] += 1
                    skips += 1
                }
                guard step.entered else { continue }
                steps[counts + StepCount.entered] += 1
                durations[row].add(milliseconds: step.spent)
                if let target = targets[index], step.spent > target {
                    steps[counts + StepCount.overran] += 1
                    overruns += 1
                }
                if let open = step.leftOpen {
                    let first = plan.itemSlots[index]
                    for item in counter.openItems[open] { itemsLeftOpen[first + item] += 1 }
                }
                if let branch = step.branch { branches[plan.branchSlots[index] + branch] += 1 }
                requiredOnEntered += required[index].count
                for item in required[index] where counter.isChecked(item, step: stepPlace) { requiredDone += 1 }
            }
            agents[agent + AgentCount.skips] += skips
            agents[agent + AgentCount.overruns] += overruns
            agents[agent + AgentCount.requiredOnEntered] += requiredOnEntered
            agents[agent + AgentCount.requiredDone] += requiredDone
            for note in counter.notes {
                let step = counter.steps[note.step]
                guard step.entered, let row = rows[step.index] else { continue }
                let number = names.notes.number(UnsafeBufferPointer(rebasing: session.facts[note.text]))
                notes[row << 32 | number, default: 0] += 1
            }
        }

        /// The figures counted, by name: `names` names the agents, versions, skip reasons
        /// and notes, `weeks` each week by its number, `outcomes` each outcome.
        func figures(_ layout: Layout, _ names: Names, weeks weekNames: [String], outcomes outcomeNames: [String]) -> Accumulator {
            var figures = Accumulator(layout)
            var report = figures.report
            report.sessions = sessions
            report.damagedLines = damagedLines
            for (week, count) in weeks.enumerated() where count > 0 { report.weeks[weekNames[week], default: 0] += count }
            for place in report.situations.indices {
                report.situations[place].sessions = situationSessions[place]
                for (outcome, count) in outcomes[place].enumerated() where count > 0 {
                    report.situations[place].outcomes[outcome == 0 ? "open" : outcomeNames[outcome - 1], default: 0] += count
                }
                report.situations[place].handleTimes = handleTimes[place]
                for step in report.situations[place].steps.indices {
                    let row = layout.firstRows[place] + step
                    report.situations[place].steps[step].entered = steps[row * StepCount.all + StepCount.entered]
                    report.situations[place].steps[step].skipped = steps[row * StepCount.all + StepCount.skipped]
                    report.situations[place].steps[step].overruns = steps[row * StepCount.all + StepCount.overran]
                    report.situations[place].steps[step].durations = durations[row]
                }
            }
            for (slot, count) in itemsLeftOpen.enumerated() where count > 0 {
                guard let row = layout.items[slot].row else { continue }
                let (place, step) = layout.place(ofRow: row)
                report.situations[place].steps[step].actionsLeftOpen[layout.items[slot].text, default: 0] += count
            }
            for (slot, count) in branches.enumerated() where count > 0 {
                guard let row = layout.branches[slot].row else { continue }
                let (place, step) = layout.place(ofRow: row)
                report.situations[place].steps[step].branches[layout.branches[slot].target, default: 0] += count
            }
            for (key, count) in skipReasons {
                let (place, step) = layout.place(ofRow: key >> 32)
                report.situations[place].steps[step].skipReasons[names.skipReasons.text(key & 0xffff_ffff), default: 0] += count
            }
            for (key, count) in notes {
                let (place, step) = layout.place(ofRow: key >> 32)
                report.situations[place].steps[step].notes[names.notes.text(key & 0xffff_ffff), default: 0] += count
            }
            figures.report = report
            for first in stride(from: 0, to: agents.count, by: AgentCount.all) where agents[first + AgentCount.sessions] > 0 {
                var agent = AgentFigures(agent: names.agents.text(first / AgentCount.all))
                agent.sessions = agents[first + AgentCount.sessions]
                agent.requiredDone = agents[first + AgentCount.requiredDone]
                agent.requiredOnEntered = agents[first + AgentCount.requiredOnEntered]
                agent.skips = agents[first + AgentCount.skips]
                agent.overruns = agents[first + AgentCount.overruns]
                figures.add(agent)
            }
            return figures
        }
    }

    /// Figures by name, as the parts' and versions' figures are added up.
    private struct Accumulator: Sendable {
        var report: SessionReport
        private var agentIndex: [String: Int] = [:]

        /// Empty figures for every situation and step of the codex.
        init(_ layout: Layout) { report = layout.empty }

        /// Adds an agent's figures: agents whose names are equal in Unicode's sense, though
        /// not byte for byte, are one.
        mutating func add(_ agent: AgentFigures) {
            guard let index = agentIndex[agent.agent] else {
                agentIndex[agent.agent] = report.agents.count
                report.agents.append(agent)
                return
            }
            report.agents[index].sessions += agent.sessions
            report.agents[index].requiredDone += agent.requiredDone
            report.agents[index].requiredOnEntered += agent.requiredOnEntered
            report.agents[index].skips += agent.skips
            report.agents[index].overruns += agent.overruns
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
            for agent in other.report.agents { add(agent) }
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

    /// ISO weeks in local time.
    static let calendar = Calendar(identifier: .iso8601)

    /// The ISO week a moment falls in, local time, as `2026-W48`.
    static func week(of milliseconds: Int64, in calendar: Calendar = calendar) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        let week = parts.weekOfYear ?? 0
        return "\(parts.yearForWeekOfYear ?? 0)-W" + (week < 10 ? "0" : "") + String(week)
    }
}
