import KodexChecklist

/// One step of a session as a report counts it: ``SessionFacts/ResolvedStep`` read from
/// the facts' bytes, with what it needs of their text (a skip reason) kept as a place in
/// those bytes, so that reading a session makes no string and a step is a few
/// plain words.
struct ReadStep: Sendable {
    /// The step's position in its process.
    var index: Int
    var entered = false
    var spent: Int64 = 0
    /// Where the skip reason is in the facts' bytes, if the step was skipped.
    var skipReason: Range<Int>?
    /// The branch taken, by its number among the step's branches in the plan, when the
    /// codex has that branch.
    var branch: Int?
    /// The items confirmed left open, as places in ``FactsCounter/openItems``.
    var leftOpen: Range<Int>?
    /// Which of the first 64 items are checked at the end; any further ones are in
    /// ``FactsCounter/laterChecked``.
    var checked: UInt64 = 0

    init(index: Int) { self.index = index }
}

/// Reads a session's stored facts straight from their bytes into the steps a report
/// counts, resolved under a process as ``SessionFacts/resolved(by:)`` resolves them,
/// without building the facts first: a report over a million sessions spent most of its
/// time making and dropping the strings and arrays of facts it only counts.
struct FactsCounter {
    /// Keep the agents' notes.
    let withNotes: Bool
    /// The steps of the last session read; reused, so that a session costs no new storage.
    private(set) var steps: [ReadStep] = []
    /// The positions of the items the last session's steps left open.
    private(set) var openItems: [Int] = []
    /// Where the last session's notes are in its facts' bytes, each with its step's
    /// place in ``steps`` (a step named twice in the facts gathers the notes of both).
    private(set) var notes: [(step: Int, text: Range<Int>)] = []
    /// Checked items past a step's first 64, by the step's place in ``steps``.
    private(set) var laterChecked: [(step: Int, item: Int)] = []
    /// The place in ``steps`` of each step of the process, by position; -1 for none.
    private var placeOfStep: [Int] = []
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

    /// Whether item `item` of the step at `place` in ``steps`` is checked at the end.
    func isChecked(_ item: Int, step place: Int) -> Bool {
        guard item >= 64 else { return steps[place].checked & (1 << UInt64(item)) != 0 }
        return laterChecked.contains { $0.step == place && $0.item == item }
    }

    /// Reads the facts `bytes` hold under `plan` into ``steps`` and ``outcome``; false when the facts do
    /// not resolve under the process (the session is left out) or are not facts.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, _ plan: ReportPlan) -> Bool {
        for step in steps { placeOfStep[step.index] = -1 }
        if placeOfStep.count < plan.stepCount {
            placeOfStep.append(contentsOf: repeatElement(-1, count: plan.stepCount - placeOfStep.count))
        }
        steps.removeAll(keepingCapacity: true)
        openItems.removeAll(keepingCapacity: true)
        notes.removeAll(keepingCapacity: true)
        laterChecked.removeAll(keepingCapacity: true)
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
            var place = placeOfStep[index]
            if place < 0 {
                place = steps.count
                placeOfStep[index] = place
                steps.append(ReadStep(index: index))
            }
            if reader.number() == 1 { steps[place].entered = true }
            let spent = steps[place].spent.addingReportingOverflow(reader.number())
            steps[place].spent = spent.overflow ? Int64.max : spent.partialValue
            if reader.present() { steps[place].skipReason = reader.textRange() }
            if reader.present() { steps[place].branch = plan.branch(reader.textBytes(), of: index) }
            if reader.present() {
                let first = openItems.count
                for _ in 0 ..< reader.count() {
                    if let item = plan.item(reader.textBytes(), of: index) { openItems.append(item) }
                }
                steps[place].leftOpen = first ..< openItems.count
            }
            for _ in 0 ..< reader.count() {
                let key = reader.textBytes()
                let flags = reader.number()
                guard let item = plan.item(key, of: index) else { continue }
                // A tick after the end of an item the step has refuses the journal.
                guard flags & 2 != 0 else { return false }
                setChecked(item, of: place, flags & 1 != 0)
            }
            for _ in 0 ..< reader.count() {
                let note = reader.textRange()
                if withNotes { notes.append((place, note)) }
            }
            guard reader.isValid else { return false }
        }
        return true
    }

    private mutating func setChecked(_ item: Int, of place: Int, _ checked: Bool) {
        if item < 64 {
            let bit: UInt64 = 1 << UInt64(item)
            if checked { steps[place].checked |= bit } else { steps[place].checked &= ~bit }
            return
        }
        let known = laterChecked.firstIndex { $0.step == place && $0.item == item }
        if checked, known == nil { laterChecked.append((place, item)) }
        if !checked, let known { laterChecked.remove(at: known) }
    }

    /// The number of the outcome named by `bytes`: a codex has a handful, each made a
    /// string once. A search of a few is cheaper here than ``ByteNumbers``' hash (a report
    /// over a million sessions took 5% longer with it).
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
