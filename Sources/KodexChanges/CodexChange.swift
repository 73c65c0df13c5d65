import KodexModel

/// One difference between two versions of a codex, addressed by ids rather than lines.
public struct CodexChange: Sendable, Hashable {
    /// What happened to the element.
    public enum Change: String, Sendable, CaseIterable {
        /// The element is new.
        case added
        /// The element is gone.
        case removed
        /// Some of the element's fields differ; ``CodexChange/fields`` names them.
        case changed
        /// A step took another place in its process.
        case moved
        /// The element's id changed while its content stayed the same.
        case renamed
    }

    /// The kinds of element compared, with the names `--format json` uses.
    public enum Kind: String, Sendable, CaseIterable {
        case situation, process, step, action, touchpoint, phrase, expectation, rule, tool
        case bannedPhrase = "banned-phrase"
        case template, role, channel, manifest
    }

    /// What happened.
    public var change: Change
    /// The kind of element.
    public var kind: Kind
    /// The element's id: its id where it has one; an action's, touchpoint's or phrase's
    /// text; a banned phrase; a manifest setting's key.
    public var id: String
    /// Where the element sits: `situation/process/step` for what a situation holds, the
    /// id alone for what the whole codex shares.
    public var path: String
    /// The fields that differ, by their keys in the codex's files, for a change.
    public var fields: [FieldChange] = []
    /// The old id, for a rename; the old text, for an action reworded in place.
    public var was: String?
    /// The step's place in its process before and after a move, counted from 1.
    public var position: (from: Int, to: Int)?
    /// Who has to learn of the change.
    public var affects: Audience

    /// Creates a change.
    public init(_ change: Change, _ kind: Kind, id: String, path: String, fields: [FieldChange] = [], was: String? = nil,
                position: (from: Int, to: Int)? = nil, affects: Audience) {
        self.change = change
        self.kind = kind
        self.id = id
        self.path = path
        self.fields = fields
        self.was = was
        self.position = position
        self.affects = affects
    }

    /// The situation the element belongs to, for an element inside one.
    public var situation: String? {
        switch kind {
        case .situation, .process, .step, .action, .touchpoint, .phrase:
            return path.split(separator: "/", maxSplits: 1).first.map(String.init)
        default:
            return nil
        }
    }

    public static func == (lhs: CodexChange, rhs: CodexChange) -> Bool {
        lhs.change == rhs.change && lhs.kind == rhs.kind && lhs.id == rhs.id && lhs.path == rhs.path && lhs.fields == rhs.fields
            && lhs.was == rhs.was && lhs.position?.from == rhs.position?.from && lhs.position?.to == rhs.position?.to
            && lhs.affects == rhs.affects
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(change)
        hasher.combine(kind)
        hasher.combine(id)
        hasher.combine(path)
    }
}

/// One field of an element whose value differs, with both values as text.
public struct FieldChange: Sendable, Hashable {
    /// The field's key in the codex's files, such as `goal` or `time_target`.
    public var name: String
    /// The value before, empty when the field was not set.
    public var old: String
    /// The value after, empty when the field is no longer set.
    public var new: String

    /// Creates a field change.
    public init(name: String, old: String, new: String) {
        self.name = name
        self.old = old
        self.new = new
    }
}

/// The staff a change concerns: the situations it touches, and the roles of the steps it
/// touches, or every agent when a step has no role limit or the change is codex-wide.
public struct Audience: Sendable, Hashable {
    /// The situations touched, by id, sorted; empty for a change of the whole codex.
    public var situations: [String]
    /// The roles of the steps touched, by id, sorted; empty when every agent is concerned.
    public var roles: [String]

    /// Creates an audience.
    public init(situations: [String], roles: [String]) {
        self.situations = situations
        self.roles = roles
    }

    /// Every agent, in every situation.
    public static let everyone = Audience(situations: [], roles: [])

    /// Whether the change concerns every agent rather than some roles.
    public var allAgents: Bool { roles.isEmpty }
}

/// The outcome of comparing two versions of a codex.
public struct CodexComparison: Sendable {
    /// How the older side was named: a folder or a revision.
    public var from: String
    /// How the newer side was named.
    public var to: String
    /// The changes, situation by situation in the newer codex's order, then what the whole
    /// codex shares, then the manifest.
    public var changes: [CodexChange]
    /// The codex's language, from the newer side: the language of the human output.
    public var locale: Manifest.Locale
    /// Titles of situations, roles, steps and shared elements from both sides, newer
    /// first, for output a person reads.
    public var titles: Titles

    /// Creates a comparison.
    public init(from: String, to: String, changes: [CodexChange], locale: Manifest.Locale, titles: Titles) {
        self.from = from
        self.to = to
        self.changes = changes
        self.locale = locale
        self.titles = titles
    }

    /// The titles an element is shown by, keyed by kind and path.
    public struct Titles: Sendable {
        var byKey: [String: String] = [:]

        /// Creates an empty table.
        public init() {}

        /// The title of the element of `kind` at `path`, if it has one.
        public func title(_ kind: CodexChange.Kind, _ path: String) -> String? {
            byKey[kind.rawValue + "\u{0}" + path]
        }

        mutating func record(_ kind: CodexChange.Kind, _ path: String, _ title: String?) {
            guard let title, !title.isEmpty else { return }
            let key = kind.rawValue + "\u{0}" + path
            if byKey[key] == nil { byKey[key] = title }
        }
    }
}
