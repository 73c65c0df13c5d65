/// The result of parsing one YAML file.
public struct YAMLDocument: Sendable {
    /// The document's root node, or `nil` when the file holds no document.
    public var root: YAMLNode?
    /// Keys written twice in the same mapping; each mapping keeps the first.
    public var duplicateKeys: [DuplicateKey]

    /// Creates a document.
    public init(root: YAMLNode?, duplicateKeys: [DuplicateKey] = []) {
        self.root = root
        self.duplicateKeys = duplicateKeys
    }
}

/// A key that appears a second time in one mapping.
public struct DuplicateKey: Sendable, Hashable {
    /// The key's text.
    public var key: String
    /// Where the key is written again.
    public var duplicate: SourceSpan
    /// Where the key was first written.
    public var original: SourceSpan
}
