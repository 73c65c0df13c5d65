import KodexModel

/// What a validation rule is, for `kodex rules`, `kodex explain` and the tests.
public struct CheckDescription: Sendable {
    /// The family a rule belongs to.
    public enum Category: String, Sendable, CaseIterable {
        /// The codex can be read and its references hold together.
        case integrity
        /// Processes flow from their first step to an end.
        case flow
        /// The codex is complete against the four steps of the method.
        case method
        /// Nothing is left unused, banned or undefined.
        case hygiene
        /// The codex's own validation settings make sense.
        case configuration
    }

    /// The stable id used in configuration and silences, such as `unknown-key`.
    public var id: String
    /// The short code shown in diagnostics, such as `K005`.
    public var code: String
    /// A human name.
    public var name: String
    /// The family.
    public var category: Category
    /// The severity unless the codex configures another.
    public var defaultSeverity: Severity
    /// One sentence on what the rule finds.
    public var summary: String
    /// Why the rule exists and how to satisfy it, for `kodex explain`.
    public var explanation: String
    /// Codices that must trigger the rule.
    public var triggering: [CheckExample]
    /// Codices that must not trigger it.
    public var passing: [CheckExample]
}

/// A small codex that shows a rule at work; the test suite runs every one.
public struct CheckExample: Sendable {
    /// Files by path relative to the codex folder. Without a `codex.yaml` of its own,
    /// the example gets ``CheckExample/baseManifest``.
    public var files: [(path: String, content: String)]

    /// An example made of one content file, `codex-content.yaml`.
    public init(_ content: String) {
        files = [("content.yaml", content)]
    }

    /// An example made of several files.
    public init(files: [(path: String, content: String)]) {
        self.files = files
    }

    /// The files with the base manifest added when the example has none.
    public var completeFiles: [(path: String, content: String)] {
        files.contains { $0.path == CodexLoader.manifestName } ? files : [(CodexLoader.manifestName, Self.baseManifest)] + files
    }

    /// The manifest examples share: English, one channel, one role, no required kinds.
    public static let baseManifest = """
        kodex: 1
        title: Example
        organisation: Example Ltd
        locale: en
        channels:
          - {id: phone, title: Phone}
        roles:
          - {id: agent, title: Agent}
        validation:
          required_kinds: []

        """
}

/// A check of a codex, with its description.
public protocol ValidationCheck: Sendable {
    /// What the rule is.
    var description: CheckDescription { get }
    /// Reports every finding in the codex, never stopping at the first.
    func check(_ context: CheckContext)
}
