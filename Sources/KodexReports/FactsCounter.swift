import KodexChecklist

/// What a report counts of one step of a session: ``SessionFacts/ResolvedStep`` with the
/// branch taken as the step it leads to and the ticks as a set of positions.
struct CountedStep: Sendable, Equatable {
    var index: Int
    var entered = false
    var spent: Int64 = 0
    var skipReason: String?
    /// The step the branch taken leads to, when the codex has that branch.
    var branchTarget: String?
    var leftOpen: [Int]?
    var checked = ItemSet()
    var notes: [String] = []

    init(index: Int) { self.index = index }

    /// The counted form of a step resolved the general way.
    init(_ step: SessionFacts.ResolvedStep, _ plan: ReportPlan) {
        index = step.index
        entered = step.entered
        spent = step.spent
        skipReason = step.skipReason
        branchTarget = step.branch.flatMap { condition in
            var condition = condition
            return condition.withUTF8 { plan.branchTarget($0, of: step.index) }
        }
        leftOpen = step.leftOpen
        for item in step.checked { checked.insert(item) }
        notes = step.notes
    }
}

/// Item positions: the first 64 in a word, any further ones in a list.
struct ItemSet: Sendable, Equatable {
    private var low: UInt64 = 0
    private var high: [Int] = []

    func contains(_ item: Int) -> Bool { item < 64 ? low & (1 << UInt64(item)) != 0 : high.contains(item) }

    mutating func insert(_ item: Int) {
        if item < 64 { low |= 1 << UInt64(item) } else if !high.contains(item) { high.append(item); high.sort() }
    }

    mutating func remove(_ item: Int) {
        if item < 64 { low &= ~(1 << UInt64(item)) } else { high.removeAll { $0 == item } }
    }
}

/// Reads a session's stored facts straight from their bytes into the steps a report
/// counts, resolved under a process as ``SessionFacts/resolved(by:)`` resolves them,
/// without building the facts first: a report over a million sessions spent most of its
/// time making and dropping the strings and arrays of facts it only counts.
struct FactsCounter {
    /// Keep the agents' notes.
    let withNotes: Bool
    /// The steps of the last session read; reused, so that a session costs no new storage.
    private(set) var steps: [CountedStep] = []
    /// The outcome of the last session read.
    var outcome: String? { outcomeNumber == 0 ? nil : outcomes[outcomeNumber - 1].text }
    /// The outcome of the last session read, by number: 0 for none, else its place in
    /// ``outcomeNames`` plus one.
    private(set) var outcomeNumber = 0
    /// Every outcome read so far, by number less one.
    var outcomeNames: [String] { outcomes.map(\.text) }
    private var outcomes: [(bytes: [UInt8], text: String)] = []
    private var laterOutcomes: [[UInt8]: Int] = [:]

    init(withNotes: Bool) {
        self.withNotes = withNotes
        steps.reserveCapacity(32)
    }

    /// Reads the facts `bytes` hold under `plan` into ``steps`` and ``outcome``; false when the facts do
    /// not resolve under the process (the session is left out) or are not facts.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, _ plan: ReportPlan) -> Bool {
        steps.removeAll(keepingCapacity: true)
        outcomeNumber = 0
        var reader = SessionFactsReader(bytes)
        return read(&reader, plan) && reader.isComplete
    }

    private mutating func read(_ reader: inout SessionFactsReader, _ plan: ReportPlan) -> Bool {
        guard reader.number() == Int64(SessionFacts.textVersion), plan.checklist.firstStepID != nil else { return false }
        for _ in 0 ..< reader.count() {
            guard plan.isFirstStep(reader.textBytes()) else { return false }
        }
        if reader.present() { outcomeNumber = number(ofOutcome: reader.textBytes()) }
        var hint = 0
        for _ in 0 ..< reader.count() {
            let id = reader.textBytes()
            guard let index = id.isEmpty ? 0 : plan.step(id, hint: hint) else { return false }
            hint = index + 1
            let slot: Int
            if let known = steps.firstIndex(where: { $0.index == index }) {
                slot = known
            } else {
                slot = steps.count
                steps.append(CountedStep(index: index))
            }
            if reader.number() == 1 { steps[slot].entered = true }
            let spent = steps[slot].spent.addingReportingOverflow(reader.number())
            steps[slot].spent = spent.overflow ? Int64.max : spent.partialValue
            if reader.present() { steps[slot].skipReason = String(decoding: reader.textBytes(), as: UTF8.self) }
            if reader.present() { steps[slot].branchTarget = plan.branchTarget(reader.textBytes(), of: index) }
            if reader.present() {
                var open: [Int] = []
                for _ in 0 ..< reader.count() {
                    if let item = plan.item(reader.textBytes(), of: index) { open.append(item) }
                }
                steps[slot].leftOpen = open
            }
            for _ in 0 ..< reader.count() {
                let key = reader.textBytes()
                let flags = reader.number()
                guard let item = plan.item(key, of: index) else { continue }
                // A tick after the end of an item the step has refuses the journal.
                guard flags & 2 != 0 else { return false }
                if flags & 1 != 0 { steps[slot].checked.insert(item) } else { steps[slot].checked.remove(item) }
            }
            for _ in 0 ..< reader.count() {
                let note = reader.textBytes()
                if withNotes { steps[slot].notes.append(String(decoding: note, as: UTF8.self)) }
            }
            guard reader.isValid else { return false }
        }
        return true
    }

    /// The number of the outcome named by `bytes`: a codex has a handful, each made a
    /// string once.
    private mutating func number(ofOutcome bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let searched = min(outcomes.count, 16)
        for number in 0 ..< searched where equal(outcomes[number].bytes, bytes) { return number + 1 }
        // Journals a codex did not write may hold any number of outcomes: past a few, a table.
        let text = String(decoding: bytes, as: UTF8.self)
        if outcomes.count > 16, let known = laterOutcomes[Array(bytes)] { return known }
        outcomes.append((Array(bytes), text))
        if outcomes.count > 16 { laterOutcomes[Array(bytes)] = outcomes.count }
        return outcomes.count
    }
}
