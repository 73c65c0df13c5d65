import KodexYAML

/// A whole codex: the manifest and every element from every included file.
public struct Codex: Sendable, Equatable {
    /// The settings from `codex.yaml`.
    public var manifest: Manifest
    /// What customers expect.
    public var expectations: [Expectation] = []
    /// The behavioural rules staff follow.
    public var rules: [Rule] = []
    /// The tools staff use.
    public var tools: [Tool] = []
    /// Phrases staff must not say, each with a substitute.
    public var bannedPhrases: [BannedPhrase] = []
    /// The messages sent to customers.
    public var templates: [MessageTemplate] = []
    /// The encounter situations, each broken into processes and steps.
    public var situations: [Situation] = []
    /// The exam bank's questions, from every content file.
    public var questions: [Question] = []
    /// The content files read, relative to the codex folder, in reading order.
    public var files: [String] = []

    /// Creates a codex with the given manifest and no elements.
    public init(manifest: Manifest) {
        self.manifest = manifest
    }
}

/// The settings of a codex, read from `codex.yaml`.
public struct Manifest: Sendable, Equatable {
    /// The codex's title.
    public var title: Located<String>?
    /// The organisation the codex belongs to.
    public var organisation: Located<String>?
    /// The codex's own version, as the authors number it.
    public var version: Located<String>?
    /// The language of the content and the published handbook.
    public var locale: Locale = .en
    /// The channels in which staff meet customers.
    public var channels: [NamedItem] = []
    /// The roles staff act in.
    public var roles: [NamedItem] = []
    /// The file patterns that make up the codex.
    public var include: [Located<String>] = []
    /// Per-rule severities from `validation.severity`.
    public var severities: [Located<String>: Located<Severity>] = [:]
    /// The rules switched off by `validation.disable`.
    public var disabledRules: [Located<String>] = []
    /// The situation kinds the codex must cover.
    public var requiredKinds: [Located<String>] = []
    /// The limits applied when reading the content files.
    public var limits = ContentLimits()
    /// The helpdesks the codex is exported to, with their mappings.
    public var helpdesk = HelpdeskSettings()
    /// Which situations require a passed exam, and the pass marks.
    public var qualification = Qualification()
    /// The span of the whole manifest.
    public var span: SourceSpan

    /// Creates a manifest whose fields are all defaults.
    public init(span: SourceSpan) {
        self.span = span
    }

    /// The languages a codex can be written in.
    public enum Locale: String, Sendable, CaseIterable {
        case hu, en

        /// A failure that is not a finding, as one line in this language: `hiba: …` or
        /// `error: …`.
        public func failure(_ message: String) -> String {
            (self == .hu ? "hiba: " : "error: ") + message
        }
    }
}

/// Bounds on the content files, settable in the manifest for unusually large codices.
public struct ContentLimits: Sendable, Hashable {
    /// The limits handed to the YAML parser.
    public var yaml = YAMLLimits.standard
    /// The longest text field, in characters.
    public var maxTextLength = 100_000

    /// Creates the default limits.
    public init() {}
}

/// An entry of a list of named things in the manifest, such as a channel or a role.
public struct NamedItem: Sendable, Hashable {
    /// The id others refer to.
    public var id: Located<String>
    /// The human title.
    public var title: Located<String>?

    /// Creates an item.
    public init(id: Located<String>, title: Located<String>?) {
        self.id = id
        self.title = title
    }
}
