import KodexModel
import KodexSupport

/// Compares two versions of a codex element by element.
///
/// Elements are matched by id (actions, touchpoints and phrases by their text, banned
/// phrases by the phrase); an element whose id is gone while one with the same content
/// appeared beside it was renamed, and references to it are read under the new id, so a
/// rename is one change rather than one per step that uses it. Text is compared with its
/// spacing normalised, lists of references as sets, and nothing depends on the files an
/// element was read from or the order of its keys.
public enum CodexComparer {
    /// The changes that lead from `old` to `new`; `from` and `to` name the two sides for
    /// the output.
    ///
    /// - Parameter unchangedFiles: files, as each side's spans name them, whose bytes are
    ///   the same on both sides. What they define is the same on both sides (an id is
    ///   defined once in a codex that passes its check), so it is not compared: a large
    ///   codex changed in a few places is compared in the time of those places.
    public static func compare(_ old: Codex, _ new: Codex, from: String, to: String,
                               unchangedFiles: (old: Set<String>, new: Set<String>) = ([], [])) -> CodexComparison {
        compare(old, new, from: from, to: to, unchangedFiles: unchangedFiles, skippingUnchangedSteps: true)
    }

    /// ``compare(_:_:from:to:unchangedFiles:)``, with the steps that are the same on both
    /// sides skipped or not: the same changes either way, which a test holds it to.
    static func compare(_ old: Codex, _ new: Codex, from: String, to: String,
                        unchangedFiles: (old: Set<String>, new: Set<String>),
                        skippingUnchangedSteps: Bool) -> CodexComparison {
        var walk = Walk()
        let whole = (old: old, new: new)
        let old = old.leavingOut(unchangedFiles.old), new = new.leavingOut(unchangedFiles.new)

        // Shared elements first, so that steps read their references under new ids.
        var shared: [CodexChange] = []
        swap(&walk.changes, &shared)
        for (oldKind, newKind) in zip(Element.shared(of: old), Element.shared(of: new)) {
            walk.compareSiblings(oldKind, newKind, parent: nil, process: nil)
        }
        swap(&walk.changes, &shared)
        // Without renames, a step that is the same on both sides holds no change.
        let (oldWalked, newWalked) = skippingUnchangedSteps && walk.renames.isEmpty
            ? Self.withoutUnchangedSteps(old.situations, new.situations) : (old.situations, new.situations)
        let oldSituations = concurrentMap(oldWalked.count) { Element(oldWalked[$0]) }
        let newSituations = concurrentMap(newWalked.count) { Element(newWalked[$0]) }
        walk.compareSiblings(oldSituations, newSituations, parent: nil, process: nil)
        // Who each change concerns, and the titles the output shows, are looked up for the
        // changes found alone: a large codex changed in a few places pays for those places.
        var changes = walk.changes + shared
        let audiences = AudienceIndex(old: whole.old, new: whole.new, for: changes)
        for index in changes.indices { changes[index].affects = audiences.audience(of: changes[index]) }
        let situations = Set(changes.flatMap { [String($0.path.prefix { $0 != "/" })] + $0.affects.situations })
        var titles = CodexComparison.Titles()
        for codex in [whole.new, whole.old] { Walk.recordTitles(codex, situations: situations, into: &titles) }
        return CodexComparison(from: from, to: to, changes: changes, locale: new.manifest.locale, titles: titles)
    }
}

extension CodexComparer {
    /// Both sides' situations without the steps that are the same on both (``Element/sameStep(_:_:)``)
    /// in a process whose steps are the same ids in the same order: such a step holds no
    /// change, and no step moved there. Building the trees of a changed file's unchanged steps
    /// was most of comparing a large codex changed in many files.
    ///
    /// Only to be used while no element was renamed: a rename changes what an unchanged
    /// step's reference means. Situations and processes whose id is not unique are kept whole.
    static func withoutUnchangedSteps(_ old: [Situation], _ new: [Situation]) -> ([Situation], [Situation]) {
        let newPlace = uniquePlaces(new.map(\.id.value))
        let oldPlace = uniquePlaces(old.map(\.id.value))
        let pairs = old.indices.compactMap { index -> (old: Int, new: Int)? in
            guard oldPlace[old[index].id.value] == index, let other = newPlace[old[index].id.value] else { return nil }
            return (index, other)
        }
        let pruned = concurrentMap(pairs.count) { job in prune(old[pairs[job].old], new[pairs[job].new]) }
        var oldResult = old, newResult = new
        for (job, pair) in pairs.enumerated() {
            oldResult[pair.old] = pruned[job].old
            newResult[pair.new] = pruned[job].new
        }
        return (oldResult, newResult)
    }

    /// Each id's place, for the ids that occur once.
    private static func uniquePlaces(_ ids: [String]) -> [String: Int] {
        var places: [String: Int] = [:]
        var repeated = Set<String>()
        for (place, id) in ids.enumerated() where !repeated.contains(id) {
            if places.updateValue(place, forKey: id) != nil {
                places[id] = nil
                repeated.insert(id)
            }
        }
        return places
    }

    private static func prune(_ old: Situation, _ new: Situation) -> (old: Situation, new: Situation) {
        var old = old, new = new
        let newPlace = uniquePlaces(new.processes.map(\.id.value))
        let oldPlace = uniquePlaces(old.processes.map(\.id.value))
        for index in old.processes.indices {
            guard oldPlace[old.processes[index].id.value] == index, let other = newPlace[old.processes[index].id.value] else { continue }
            let before = old.processes[index].steps, after = new.processes[other].steps
            guard before.count == after.count, zip(before, after).allSatisfy({ $0.id.value == $1.id.value }) else { continue }
            let changed = zip(before, after).map { !Element.sameStep($0, $1) }
            old.processes[index].steps = zip(before, changed).filter(\.1).map(\.0)
            new.processes[other].steps = zip(after, changed).filter(\.1).map(\.0)
        }
        return (old, new)
    }
}

/// The comparison's state as it walks both trees.
private struct Walk {
    var renames = Renames()
    /// The changes found, each concerning nobody yet: audiences are found once the walk ends.
    var changes: [CodexChange] = []

    /// Compares two lists of elements that sit side by side under the same parent.
    mutating func compareSiblings(_ old: [Element], _ new: [Element], parent: String?, process: String?) {
        var oldIndex: [String: Int] = [:]
        for (index, element) in old.enumerated() where oldIndex[key(element)] == nil { oldIndex[key(element)] = index }
        var matchOf = [Int?](repeating: nil, count: new.count)
        var matchedOld = Set<Int>()
        for (index, element) in new.enumerated() {
            if let match = oldIndex[key(element)], !matchedOld.contains(match) {
                matchOf[index] = match
                matchedOld.insert(match)
            }
        }
        let unmatchedOld = old.indices.filter { !matchedOld.contains($0) }
        let unmatchedNew = new.indices.filter { matchOf[$0] == nil }

        // Renames: an old and a new element whose content is the same, one of each.
        var renamed = Set<Int>()
        var reworded = Set<Int>()
        var pairs: [(old: Int, new: Int)] = []
        let textKeyed: Set<CodexChange.Kind> = [.action, .touchpoint, .phrase]
        for kind in Set(unmatchedNew.map { new[$0].kind }) where !textKeyed.contains(kind) {
            let gone = unmatchedOld.filter { old[$0].kind == kind }
            let came = unmatchedNew.filter { new[$0].kind == kind }
            guard !gone.isEmpty else { continue }
            var goneByContent: [String: [Int]] = [:]
            for index in gone { goneByContent[old[index].fingerprint(renames, process: process), default: []].append(index) }
            var cameByContent: [String: [Int]] = [:]
            for index in came { cameByContent[new[index].fingerprint(renames, process: process), default: []].append(index) }
            for (content, newIndices) in cameByContent {
                guard newIndices.count == 1, let oldIndices = goneByContent[content], oldIndices.count == 1 else { continue }
                pairs.append((oldIndices[0], newIndices[0]))
                renamed.insert(newIndices[0])
            }
        }
        // Rewordings: an action, touchpoint or phrase whose text changed in place, when as
        // many of its kind went as came.
        for kind in textKeyed {
            let gone = unmatchedOld.filter { old[$0].kind == kind }
            let came = unmatchedNew.filter { new[$0].kind == kind }
            guard !gone.isEmpty, gone.count == came.count else { continue }
            for (oldIndex, newIndex) in zip(gone, came) {
                pairs.append((oldIndex, newIndex))
                reworded.insert(newIndex)
            }
        }
        for pair in pairs {
            matchOf[pair.new] = pair.old
            matchedOld.insert(pair.old)
            if renamed.contains(pair.new) {
                renames.record(new[pair.new].kind, from: old[pair.old].id, to: new[pair.new].id, process: process)
            }
        }

        // Only a step's place means something: it is the order of the conversation.
        let moved = new.first?.kind == .step ? Self.moved(matchOf) : []
        // What each matched pair holds is compared on its own; situations on every core,
        // each with the renames found so far, and their changes joined in order.
        let nested: [[CodexChange]]
        let nestedPairs = new.indices.compactMap { index in matchOf[index].map { (old: $0, new: index) } }
            .filter { !renamed.contains($0.new) && (!new[$0.new].children.isEmpty || !old[$0.old].children.isEmpty) }
            // Without renames, equal children hold no change: most of a changed file is as it was.
            .filter { !renames.isEmpty || new[$0.new].children != old[$0.old].children }
        if new.first?.kind == .situation {
            let walk = self
            let paths = nestedPairs.map { path(of: new[$0.new], under: parent) }
            nested = concurrentMap(nestedPairs.count) { job in
                var inner = Walk(renames: walk.renames)
                let pair = nestedPairs[job]
                inner.compareSiblings(old[pair.old].children, new[pair.new].children, parent: paths[job], process: nil)
                return inner.changes
            }
        } else {
            nested = []
        }
        var nestedOf: [Int: Int] = [:]
        for (job, pair) in nestedPairs.enumerated() { nestedOf[pair.new] = job }

        for (index, element) in new.enumerated() {
            let path = self.path(of: element, under: parent)
            let context = element.kind == .process ? element.id : process
            guard let match = matchOf[index] else {
                changes.append(CodexChange(.added, element.kind, id: element.id, path: path, affects: .everyone))
                continue
            }
            let before = old[match]
            if renamed.contains(index) {
                changes.append(CodexChange(.renamed, element.kind, id: element.id, path: path, was: before.id, affects: .everyone))
            } else {
                let fields = renames.isEmpty && before.fields == element.fields ? [] : fieldChanges(before, element, process: process)
                if !fields.isEmpty {
                    changes.append(CodexChange(.changed, element.kind, id: element.id, path: path, fields: fields,
                                               was: reworded.contains(index) ? before.id : nil, affects: .everyone))
                }
            }
            if moved.contains(index) {
                changes.append(CodexChange(.moved, element.kind, id: element.id, path: path,
                                           position: (from: match + 1, to: index + 1), affects: .everyone))
            }
            if let job = nestedOf[index] {
                if nested.isEmpty {
                    compareSiblings(before.children, element.children, parent: path, process: context)
                } else {
                    changes += nested[job]
                }
            }
        }
        for index in old.indices where !matchedOld.contains(index) {
            let element = old[index]
            let path = self.path(of: element, under: parent)
            changes.append(CodexChange(.removed, element.kind, id: element.id, path: path, affects: .everyone))
        }
    }

    /// The key an element is matched by: its kind and id.
    private func key(_ element: Element) -> String { element.kind.rawValue + "\u{0}" + element.id }

    /// Where an element sits: a situation's elements by their ids joined with `/`, an
    /// action, touchpoint or phrase at its step.
    private func path(of element: Element, under parent: String?) -> String {
        switch element.kind {
        case .action, .touchpoint, .phrase: return parent ?? element.id
        default: return parent.map { $0 + "/" + element.id } ?? element.id
        }
    }

    /// The fields whose values differ, references read under the new ids.
    private func fieldChanges(_ old: Element, _ new: Element, process: String?) -> [FieldChange] {
        var oldFields: [String: Field.Value] = [:]
        for field in old.fields { oldFields[field.name] = field.value.renamed(renames, stepsOf: process) }
        var result: [FieldChange] = []
        var seen = Set<String>()
        for field in new.fields {
            seen.insert(field.name)
            let before = oldFields[field.name]
            if before != field.value {
                result.append(FieldChange(name: field.name, old: before?.display ?? "", new: field.value.display))
            }
        }
        for field in old.fields where !seen.contains(field.name) {
            result.append(FieldChange(name: field.name, old: field.value.display, new: ""))
        }
        return result
    }

    /// The new positions of elements that left the order they had: those outside a
    /// longest run of matched elements whose old positions rise.
    static func moved(_ matchOf: [Int?]) -> Set<Int> {
        let matched = matchOf.enumerated().compactMap { index, match in match.map { (new: index, old: $0) } }
        guard matched.count > 1 else { return [] }
        // Patience sorting: tails[k] is the smallest old position ending a rising run of k + 1.
        var tails: [Int] = []
        var tailAt: [Int] = []
        var previous = [Int](repeating: -1, count: matched.count)
        for (position, pair) in matched.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if tails[middle] < pair.old { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[position] = tailAt[low - 1] }
            if low == tails.count {
                tails.append(pair.old)
                tailAt.append(position)
            } else {
                tails[low] = pair.old
                tailAt[low] = position
            }
        }
        var kept = Set<Int>()
        var position = tailAt.last ?? -1
        while position >= 0 {
            kept.insert(matched[position].new)
            position = previous[position]
        }
        return Set(matched.map(\.new)).subtracting(kept)
    }

    /// Records the titles of `codex`'s shared elements, and of the situations named in
    /// `situations` with their processes and steps.
    static func recordTitles(_ codex: Codex, situations wanted: Set<String>, into titles: inout CodexComparison.Titles) {
        for role in codex.manifest.roles { titles.record(.role, role.id.value, role.title?.value) }
        for channel in codex.manifest.channels { titles.record(.channel, channel.id.value, channel.title?.value) }
        for expectation in codex.expectations { titles.record(.expectation, expectation.id.value, expectation.title?.value) }
        for rule in codex.rules { titles.record(.rule, rule.id.value, rule.title?.value) }
        for tool in codex.tools { titles.record(.tool, tool.id.value, tool.title?.value) }
        for template in codex.templates { titles.record(.template, template.id.value, template.title?.value) }
        for situation in codex.situations where wanted.contains(situation.id.value) {
            titles.record(.situation, situation.id.value, situation.title?.value)
            for process in situation.processes {
                let processPath = situation.id.value + "/" + process.id.value
                titles.record(.process, processPath, process.title?.value)
                for step in process.steps {
                    titles.record(.step, processPath + "/" + step.id.value, step.title?.value)
                }
            }
        }
    }
}

/// Who uses each element that changed, in either codex: the steps and situations that
/// refer to it.
struct AudienceIndex {
    /// Users of a changed shared element, by kind and id: each a situation and the role of
    /// the step (nil for a step without a role limit, or a situation-wide use).
    private var users: [String: [(situation: String, role: String?)]] = [:]
    /// The step roles of each changed situation, process and step, by path; nil in the set
    /// for a step without one.
    private var stepRoles: [String: Set<String?>] = [:]

    /// Gathers, from both codices, what the audiences of `changes` need.
    init(old: Codex, new: Codex, for changes: [CodexChange]) {
        var situations = Set<String>()
        var shared = Set<String>()
        for change in changes {
            switch change.kind {
            case .situation, .process, .step, .action, .touchpoint, .phrase:
                situations.insert(String(change.path.prefix { $0 != "/" }))
            case .bannedPhrase, .manifest:
                break
            default:
                shared.insert(Self.key(change.kind, change.id))
                if change.change == .renamed, let was = change.was { shared.insert(Self.key(change.kind, was)) }
            }
        }
        for codex in [old, new] {
            for situation in codex.situations {
                let id = situation.id.value
                let changed = situations.contains(id)
                guard changed || !shared.isEmpty else { continue }
                for channel in situation.channels { use(.channel, channel.value, id, nil, wanted: shared) }
                for expectation in situation.expectations { use(.expectation, expectation.value, id, nil, wanted: shared) }
                for process in situation.processes {
                    let processPath = id + "/" + process.id.value
                    for step in process.steps {
                        let role = step.role?.value
                        if changed {
                            stepRoles[id, default: []].insert(role)
                            stepRoles[processPath, default: []].insert(role)
                            stepRoles[processPath + "/" + step.id.value, default: []].insert(role)
                        }
                        guard !shared.isEmpty else { continue }
                        for rule in step.rules { use(.rule, rule.value, id, role, wanted: shared) }
                        for tool in step.tools { use(.tool, tool.value, id, role, wanted: shared) }
                        for message in step.messages { use(.template, message.value, id, role, wanted: shared) }
                        if let role { use(.role, role, id, role, wanted: shared) }
                    }
                }
            }
        }
    }

    private static func key(_ kind: CodexChange.Kind, _ id: String) -> String { kind.rawValue + "\u{0}" + id }

    private mutating func use(_ kind: CodexChange.Kind, _ id: String, _ situation: String, _ role: String?, wanted: Set<String>) {
        let key = Self.key(kind, id)
        guard wanted.contains(key) else { return }
        users[key, default: []].append((situation, role))
    }

    /// The staff `change` concerns: for a rename, the users of the old id too.
    func audience(of change: CodexChange) -> Audience {
        switch change.kind {
        case .situation, .process, .step, .action, .touchpoint, .phrase:
            let situation = String(change.path.prefix { $0 != "/" })
            let roles = stepRoles[change.path] ?? [nil]
            return Audience(situations: [situation], roles: roles.contains(nil) ? [] : roles.compactMap { $0 }.sorted())
        case .bannedPhrase, .manifest:
            return .everyone
        default:
            let was = change.change == .renamed ? change.was : nil
            let found = ([change.id] + (was.map { [$0] } ?? [])).flatMap { users[Self.key(change.kind, $0)] ?? [] }
            let situations = Set(found.map(\.situation)).sorted()
            let roles = found.contains { $0.role == nil } ? [] : Set(found.compactMap(\.role)).sorted()
            return Audience(situations: situations, roles: roles)
        }
    }
}

extension Codex {
    /// The codex without what `files` define; the manifest stays.
    fileprivate func leavingOut(_ files: Set<String>) -> Codex {
        guard !files.isEmpty else { return self }
        var codex = self
        codex.expectations.removeAll { files.contains($0.span.file) }
        codex.rules.removeAll { files.contains($0.span.file) }
        codex.tools.removeAll { files.contains($0.span.file) }
        codex.bannedPhrases.removeAll { files.contains($0.span.file) }
        codex.templates.removeAll { files.contains($0.span.file) }
        codex.situations.removeAll { files.contains($0.span.file) }
        return codex
    }
}
