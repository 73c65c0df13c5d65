import KodexEscaping
import KodexSupport

extension CodexComparison {
    /// The changes grouped as people read them: one group per situation, in order, then
    /// one for what the whole codex shares (situation `nil`).
    public var groups: [(situation: String?, changes: [CodexChange])] {
        var order: [String?] = []
        var bySituation: [String?: [CodexChange]] = [:]
        for change in changes {
            let key = change.situation
            if bySituation[key] == nil { order.append(key) }
            bySituation[key, default: []].append(change)
        }
        // The whole codex's group comes last, wherever its first change was.
        order.sort { ($0 == nil ? 1 : 0) < ($1 == nil ? 1 : 0) }
        return order.map { ($0, bySituation[$0] ?? []) }
    }

    /// The comparison as JSON: `from`, `to`, and each change with its `change`, `kind`,
    /// `id`, `path`, `fields`, `was`, and who it `affects`.
    public var json: String {
        JSONValue.object([
            ("from", .string(from)),
            ("to", .string(to)),
            ("changes", .array(changes.map { change in
                var object: [(String, JSONValue)] = [
                    ("change", .string(change.change.rawValue)), ("kind", .string(change.kind.rawValue)),
                    ("id", .string(change.id)), ("path", .string(change.path)),
                    ("fields", .array(change.fields.map { .string($0.name) })),
                ]
                if let was = change.was { object.append(("was", .string(was))) }
                if let position = change.position {
                    object.append(("position", .object([("from", .integer(position.from)), ("to", .integer(position.to))])))
                }
                if !change.fields.isEmpty {
                    object.append(("values", .object(change.fields.map {
                        ($0.name, .object([("old", .string($0.old)), ("new", .string($0.new))]))
                    })))
                }
                object.append(("affects", .object([
                    ("situations", .array(change.affects.situations.map { .string($0) })),
                    ("roles", .array(change.affects.roles.map { .string($0) })),
                    ("all_agents", .bool(change.affects.allAgents)),
                ])))
                return .object(object)
            })),
        ]).pretty
    }
}

/// Renders a comparison for a terminal, grouped by situation, coloured like `kodex check`.
public struct HumanChangeRenderer: Sendable {
    /// Whether to use ANSI colours.
    public var color: Bool

    /// Creates a renderer.
    public init(color: Bool) {
        self.color = color
    }

    /// The whole comparison, ending with a summary line.
    public func render(_ comparison: CodexComparison) -> String {
        let words = ChangeWords(locale: comparison.locale)
        var output = paint("kodex diff: \(comparison.from) → \(comparison.to)", bold) + "\n"
        for group in comparison.groups {
            output += "\n"
            if let situation = group.situation {
                let title = comparison.titles.title(.situation, situation)
                output += paint(title.map { "\($0) (\(situation))" } ?? situation, bold) + "\n"
            } else {
                output += paint(words.wholeCodex, bold) + "\n"
            }
            for change in group.changes {
                output += render(change, in: comparison, words: words)
            }
        }
        output += "\n" + words.summary(comparison.changes) + "\n"
        return output
    }

    private func render(_ change: CodexChange, in comparison: CodexComparison, words: ChangeWords) -> String {
        let (sign, style): (String, String) = switch change.change {
        case .added: ("+", green)
        case .removed: ("-", red)
        case .changed: ("~", yellow)
        case .moved: ("↕", cyan)
        case .renamed: ("→", cyan)
        }
        var verb = words.change(change.change)
        switch change.change {
        case .changed: verb += ": " + change.fields.map { words.field($0.name) }.joined(separator: ", ")
        case .moved: if let position = change.position { verb += " " + words.position(from: position.from, to: position.to) }
        case .renamed: if let was = change.was { verb += ", \(words.was): \(was)" }
        default: break
        }
        var lines = ["  " + paint(sign, style) + " " + label(change, in: comparison, words: words) + ": " + paint(verb, style)]
        if change.change == .changed {
            for field in change.fields {
                lines.append("      " + words.field(field.name) + ": " + wordDiff(field, words: words))
            }
        }
        lines.append("      " + words.affects + ": " + audience(change, in: comparison, words: words))
        return lines.joined(separator: "\n") + "\n"
    }

    private func label(_ change: CodexChange, in comparison: CodexComparison, words: ChangeWords) -> String {
        let kind = words.kind(change.kind)
        switch change.kind {
        case .situation, .process, .step:
            let inside = change.kind == .situation ? change.id : String(change.path.drop { $0 != "/" }.dropFirst())
            let title = comparison.titles.title(change.kind, change.path).map { " " + words.quoted($0) } ?? ""
            return "\(kind) \(inside)\(title)"
        case .action, .touchpoint, .phrase:
            let step = String(change.path.drop { $0 != "/" }.dropFirst())
            return "\(kind) \(words.quoted(change.id)) (\(words.kind(.step)) \(step))"
        case .bannedPhrase:
            return "\(kind) \(words.quoted(change.id))"
        case .manifest:
            return "\(kind) \(words.field(change.id))"
        default:
            let title = comparison.titles.title(change.kind, change.id).map { " " + words.quoted($0) } ?? ""
            return "\(kind) \(change.id)\(title)"
        }
    }

    private func audience(_ change: CodexChange, in comparison: CodexComparison, words: ChangeWords) -> String {
        let roles = change.affects.allAgents ? words.everyone
            : change.affects.roles.map { comparison.titles.title(.role, $0) ?? $0 }.joined(separator: ", ")
        switch change.kind {
        case .situation, .process, .step, .action, .touchpoint, .phrase, .bannedPhrase, .manifest:
            return roles
        default:
            guard !change.affects.situations.isEmpty else { return words.nobody }
            return change.affects.situations.joined(separator: ", ") + " · " + roles
        }
    }

    private func wordDiff(_ field: FieldChange, words: ChangeWords) -> String {
        if field.old.isEmpty { return paint("{+" + field.new + "+}", green) }
        if field.new.isEmpty { return paint("[-" + field.old + "-]", red) }
        let parts = WordDiff(field.old, field.new).parts
        return parts.enumerated().map { index, part in
            switch part {
            case .same(let text): return Self.shortened(text, first: index == 0, last: index == parts.count - 1)
            case .removed(let text): return paint("[-" + text + "-]", red)
            case .added(let text): return paint("{+" + text + "+}", green)
            }
        }.joined(separator: " ")
    }

    /// Words a long unchanged run keeps on each side of a change, so a one-word edit in a
    /// long text shows as one line.
    static let context = 6

    static func shortened(_ text: String, first: Bool, last: Bool) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        let keep = (first ? 0 : context) + (last ? 0 : context)
        guard words.count > keep + 2 else { return text }
        let head = first ? [] : words.prefix(context)
        let tail = last ? [] : words.suffix(context)
        return (head + ["…"] + tail).joined(separator: " ")
    }

    private let red = "\u{1B}[1;31m", green = "\u{1B}[1;32m", yellow = "\u{1B}[1;33m", cyan = "\u{1B}[1;36m", bold = "\u{1B}[1m"

    private func paint(_ text: String, _ style: String) -> String {
        color ? style + text + "\u{1B}[0m" : text
    }
}

/// Renders a comparison as a changelog for trainers: Added, Changed and Removed, each by
/// situation, with links into the HTML handbook.
public struct MarkdownChangeRenderer: Sendable {
    /// The handbook's address the links start from; empty for links relative to the
    /// handbook's root.
    public var handbook: String

    /// Creates a renderer.
    public init(handbook: String = "") {
        self.handbook = handbook.isEmpty || handbook.hasSuffix("/") ? handbook : handbook + "/"
    }

    /// The changelog, ending with a newline.
    public func render(_ comparison: CodexComparison) -> String {
        let words = ChangeWords(locale: comparison.locale)
        let hu = words.hu
        var output = "# " + (hu ? "Változások" : "Changes") + ": " + md(comparison.from) + " → " + md(comparison.to) + "\n\n"
        output += md(words.summary(comparison.changes)) + "\n"
        let sections: [(String, Set<CodexChange.Change>)] = [
            (hu ? "Új" : "Added", [.added]),
            (hu ? "Módosult" : "Changed", [.changed, .moved, .renamed]),
            (hu ? "Törölve" : "Removed", [.removed]),
        ]
        for (heading, kinds) in sections {
            let groups = comparison.groups.compactMap { group -> (String?, [CodexChange])? in
                let changes = group.changes.filter { kinds.contains($0.change) }
                return changes.isEmpty ? nil : (group.situation, changes)
            }
            guard !groups.isEmpty else { continue }
            output += "\n## \(heading)\n"
            for (situation, changes) in groups {
                if let situation {
                    let title = comparison.titles.title(.situation, situation) ?? situation
                    output += "\n### \(md(title))\n\n"
                } else {
                    output += "\n### \(md(words.wholeCodex))\n\n"
                }
                for change in changes { output += item(change, in: comparison, words: words) }
            }
        }
        return output
    }

    private func item(_ change: CodexChange, in comparison: CodexComparison, words: ChangeWords) -> String {
        let kind = words.kind(change.kind)
        let capitalised = kind.prefix(1).uppercased() + kind.dropFirst()
        var name: String
        switch change.kind {
        case .action, .touchpoint, .phrase, .bannedPhrase:
            name = md(words.quoted(change.id))
            if change.kind != .bannedPhrase {
                let stepPath = change.path
                let stepTitle = comparison.titles.title(.step, stepPath) ?? String(stepPath.split(separator: "/").last ?? "")
                let step = link(md(stepTitle), to: change.change == .removed ? nil : anchor(.step, stepPath))
                name += " (\(words.kind(.step)): \(step))"
            }
        default:
            let key = change.kind == .situation || change.kind == .process || change.kind == .step ? change.path : change.id
            let title = change.kind == .manifest ? words.field(change.id) : comparison.titles.title(change.kind, key) ?? change.id
            name = link(md(title), to: change.change == .removed ? nil : anchor(change.kind, key)) + " (`\(code(change.id))`)"
        }
        var detail = ""
        switch change.change {
        case .changed: detail = " — " + change.fields.map { md(words.field($0.name)) }.joined(separator: ", ")
        case .moved: if let position = change.position { detail = " — " + md(words.change(.moved) + " " + words.position(from: position.from, to: position.to)) }
        case .renamed: if let was = change.was { detail = " — " + md(words.change(.renamed)) + ", \(md(words.was)): `\(code(was))`" }
        default: break
        }
        var audience = change.affects.allAgents ? words.everyone
            : change.affects.roles.map { comparison.titles.title(.role, $0) ?? $0 }.joined(separator: ", ")
        if change.situation == nil, ![.bannedPhrase, .manifest].contains(change.kind) {
            let situations = change.affects.situations
            if situations.isEmpty {
                audience = words.nobody
            } else {
                audience = (situations.count <= 5 ? situations.map { comparison.titles.title(.situation, $0) ?? $0 }.joined(separator: ", ")
                    : words.situations(situations.count)) + " · " + audience
            }
        }
        var lines = ["- **\(md(capitalised)):** \(name)\(detail); \(md(words.affects)): \(md(audience))"]
        if change.change == .changed {
            for field in change.fields {
                lines.append("  - \(md(words.field(field.name))): " + wordDiff(field, words: words))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func wordDiff(_ field: FieldChange, words: ChangeWords) -> String {
        if field.old.isEmpty { return "**" + md(field.new) + "**" }
        if field.new.isEmpty { return "~~" + md(field.old) + "~~" }
        let parts = WordDiff(field.old, field.new).parts
        return parts.enumerated().map { index, part in
            switch part {
            case .same(let text): return md(HumanChangeRenderer.shortened(text, first: index == 0, last: index == parts.count - 1))
            case .removed(let text): return "~~" + md(text) + "~~"
            case .added(let text): return "**" + md(text) + "**"
            }
        }.joined(separator: " ")
    }

    /// Where an element lives in the HTML handbook.
    private func anchor(_ kind: CodexChange.Kind, _ key: String) -> String? {
        let parts = key.split(separator: "/").map(String.init)
        switch kind {
        case .situation: return "situations/\(key).html"
        case .process where parts.count == 2: return "situations/\(parts[0]).html#p-\(parts[0])--\(parts[1])"
        case .step where parts.count == 3: return "situations/\(parts[0]).html#s-\(parts[0])--\(parts[1])--\(parts[2])"
        case .expectation: return "expectations.html#expectation-\(key)"
        case .rule: return "rules.html#rule-\(key)"
        case .tool: return "tools.html#tool-\(key)"
        case .template: return "templates.html#template-\(key)"
        case .role: return "roles.html#role-\(key)"
        case .channel: return "channels.html#channel-\(key)"
        default: return nil
        }
    }

    private func link(_ text: String, to target: String?) -> String {
        guard let target else { return text }
        let escaped = (handbook + target).replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
            .replacingOccurrences(of: " ", with: "%20")
        return "[\(text)](\(escaped))"
    }

    private func md(_ text: String) -> String { Escaping.markdownInline(text) }

    /// Text for a code span: a backtick inside would end it.
    private func code(_ text: String) -> String { text.replacingOccurrences(of: "`", with: "'") }
}

/// A change in the codex's words, for a page that lists changes in its own layout, such
/// as the handbook's "what's new" page.
public struct ChangeWording: Sendable, Hashable {
    /// What happened: "új", "módosult"…
    public var change: String
    /// The kind of element, capitalised: "Lépés", "Szabály"…
    public var kind: String
    /// The element's title, or its text for an action, touchpoint or phrase.
    public var title: String
    /// The fields that changed, the places of a move, or the old id of a rename; empty
    /// for an addition or removal.
    public var details: String
    /// The roles concerned, or every agent.
    public var audience: String
}

extension CodexComparison {
    /// `change` in the codex's words.
    public func wording(of change: CodexChange) -> ChangeWording {
        let words = ChangeWords(locale: locale)
        let kind = words.kind(change.kind)
        let title: String = switch change.kind {
        case .action, .touchpoint, .phrase, .bannedPhrase: words.quoted(change.id)
        case .manifest: words.field(change.id)
        case .situation, .process, .step: titles.title(change.kind, change.path) ?? change.id
        default: titles.title(change.kind, change.id) ?? change.id
        }
        var details = ""
        switch change.change {
        case .changed: details = change.fields.map { words.field($0.name) }.joined(separator: ", ")
        case .moved: if let position = change.position { details = words.position(from: position.from, to: position.to) }
        case .renamed: if let was = change.was { details = "\(words.was): \(was)" }
        default: break
        }
        let audience = change.affects.allAgents ? words.everyone
            : change.affects.roles.map { titles.title(.role, $0) ?? $0 }.joined(separator: ", ")
        return ChangeWording(change: words.change(change.change), kind: kind.prefix(1).uppercased() + kind.dropFirst(),
                             title: title, details: details, audience: audience)
    }

    /// The summary line: how many changes of each sort, in the codex's words.
    public var summary: String { ChangeWords(locale: locale).summary(changes) }
}
