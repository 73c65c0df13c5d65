import KodexChanges
import KodexPageTemplates

/// What changed since an earlier version of the codex, as the handbook shows it: a badge
/// on each new or changed step and glossary entry, and a "what's new" page.
public struct HandbookChanges: Sendable {
    /// The comparison with the earlier version.
    public let comparison: CodexComparison
    private var steps: [String: Mark] = [:]
    private var newParts = Set<String>()
    private var entries: [String: Mark] = [:]

    /// How an element is marked.
    enum Mark: String {
        case new, changed
    }

    /// Marks what `comparison` found.
    public init(_ comparison: CodexComparison) {
        self.comparison = comparison
        for change in comparison.changes {
            let mark: Mark = change.change == .added ? .new : .changed
            switch change.kind {
            case .situation, .process:
                if change.change == .added { newParts.insert(change.path) }
            case .step:
                if change.change != .removed, steps[change.path] != .new { steps[change.path] = mark }
            case .action, .touchpoint, .phrase:
                // What a step holds changed: the step changed, unless it is new itself.
                if steps[change.path] == nil { steps[change.path] = .changed }
            case .expectation, .rule, .tool, .template, .role, .channel:
                if change.change != .removed { entries[change.kind.rawValue + "\u{0}" + change.id] = mark }
            case .bannedPhrase, .manifest:
                break
            }
        }
    }

    /// The mark of a step, when it is new or changed.
    func step(situation: String, process: String, step: String) -> Mark? {
        if newParts.contains(situation) || newParts.contains(situation + "/" + process) { return .new }
        return steps[situation + "/" + process + "/" + step]
    }

    /// The mark of a glossary entry, when it is new or changed.
    func entry(_ kind: CodexChange.Kind, _ id: String) -> Mark? {
        entries[kind.rawValue + "\u{0}" + id]
    }

    /// A badge for `mark`, in the handbook's words.
    static func badge(_ mark: Mark?, labels: [String: String]) -> ChangeBadge? {
        mark.map { ChangeBadge(kind: $0.rawValue, label: labels[$0 == .new ? "changeNew" : "changeChanged"] ?? $0.rawValue) }
    }

    /// The "what's new" page's data, with links made by `linker`.
    func page(linker: Linker, labels: [String: String]) -> WhatsNew {
        let groups = comparison.groups.map { group -> WhatsNewGroup in
            let items = group.changes.map { change -> WhatsNewItem in
                let wording = comparison.wording(of: change)
                return WhatsNewItem(change: change.change.rawValue, changeLabel: wording.change, kindLabel: wording.kind,
                                    title: wording.title, href: href(change, linker),
                                    details: wording.details.isEmpty ? nil : wording.details,
                                    audience: wording.audience)
            }
            if let situation = group.situation {
                let removed = group.changes.contains { $0.kind == .situation && $0.change == .removed }
                return WhatsNewGroup(title: comparison.titles.title(.situation, situation) ?? situation,
                                     href: removed ? nil : linker.situation(situation), items: PageList(items))
            }
            return WhatsNewGroup(title: labels["wholeCodex"] ?? "", href: nil, items: PageList(items))
        }
        return WhatsNew(since: comparison.from, summary: comparison.summary, groups: PageList(groups))
    }

    private func href(_ change: CodexChange, _ linker: Linker) -> String? {
        guard change.change != .removed else { return nil }
        let parts = change.path.split(separator: "/").map(String.init)
        switch change.kind {
        case .situation: return linker.situation(change.id)
        case .process where parts.count == 2:
            return linker.situation(parts[0]).split(separator: "#").first.map(String.init).map {
                $0 + "#" + Anchor.process(situation: parts[0], process: parts[1])
            }
        case .step, .action, .touchpoint, .phrase:
            return parts.count == 3 ? linker.step(situation: parts[0], process: parts[1], step: parts[2]) : nil
        case .expectation: return linker.glossaryEntry("expectations", kind: "expectation", id: change.id)
        case .rule: return linker.glossaryEntry("rules", kind: "rule", id: change.id)
        case .tool: return linker.glossaryEntry("tools", kind: "tool", id: change.id)
        case .template: return linker.glossaryEntry("templates", kind: "template", id: change.id)
        case .role: return linker.glossaryEntry("roles", kind: "role", id: change.id)
        case .channel: return linker.glossaryEntry("channels", kind: "channel", id: change.id)
        default: return nil
        }
    }
}

/// The badge of a new or changed step or glossary entry.
struct ChangeBadge: PageRecord {
    /// `new` or `changed`, for a style to tell them apart.
    var kind: String
    var label: String

    static let table = PageFields<ChangeBadge>(["kind": .text(\.kind), "label": .text(\.label)])
}

/// The "what's new" page: every change since an earlier version, by situation.
struct WhatsNew: PageRecord {
    /// The earlier version, as the build named it.
    var since: String
    var summary: String
    var groups: PageList<WhatsNewGroup>

    static let table = PageFields<WhatsNew>([
        "since": .text(\.since), "summary": .text(\.summary), "groups": .list(\.groups),
    ])
}

/// The changes of one situation, or of what the whole codex shares.
struct WhatsNewGroup: PageRecord {
    var title: String
    var href: String?
    var items: PageList<WhatsNewItem>

    static let table = PageFields<WhatsNewGroup>([
        "title": .text(\.title), "href": .optionalText(\.href), "items": .list(\.items),
    ])
}

/// One change on the "what's new" page.
struct WhatsNewItem: PageRecord {
    /// `added`, `removed`, `changed`, `moved` or `renamed`, for a style.
    var change: String
    var changeLabel: String
    var kindLabel: String
    var title: String
    var href: String?
    var details: String?
    var audience: String

    static let table = PageFields<WhatsNewItem>([
        "change": .text(\.change), "changeLabel": .text(\.changeLabel), "kindLabel": .text(\.kindLabel),
        "title": .text(\.title), "href": .optionalText(\.href), "details": .optionalText(\.details), "audience": .text(\.audience),
    ])
}
