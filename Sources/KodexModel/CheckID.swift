/// The ids of the checks whose findings come from reading files rather than from the model.
public enum CheckID {
    /// Text that is not well-formed YAML or UTF-8.
    public static let yamlSyntax = "yaml-syntax"
    /// A file or value that breaks a limit.
    public static let inputLimit = "input-limit"
    /// A file that cannot be read.
    public static let unreadableFile = "unreadable-file"
    /// A key written twice in one mapping.
    public static let duplicateKey = "duplicate-key"
    /// A key the format does not know.
    public static let unknownKey = "unknown-key"
    /// A value of the wrong type.
    public static let wrongType = "wrong-type"
    /// A required field that is absent or empty.
    public static let missingField = "missing-field"
    /// An include pattern that matches no file.
    public static let includeMatchesNothing = "include-matches-nothing"
    /// An include pattern or file outside the codex folder.
    public static let includeOutsideCodex = "include-outside-codex"
    /// A YAML file in the codex folder that no include pattern covers.
    public static let uncoveredFile = "uncovered-file"
}
