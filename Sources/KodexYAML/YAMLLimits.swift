/// Bounds that keep a hostile file from exhausting time or memory.
///
/// libyaml 0.2.5 itself has no nesting limit and expands nothing, so these are the
/// only guard between a file and the machine.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest file accepted, in bytes.
    public var maxFileSize: Int
    /// The deepest nesting of mappings and sequences.
    public var maxDepth: Int
    /// The most nodes that aliases may add in one file, counted with their subtrees.
    public var maxAliasNodes: Int

    /// Creates limits. The defaults, 16 MiB per file, 64 levels and 10,000 aliased
    /// nodes, are far beyond a hand-written codex file and far below what could hurt.
    public init(maxFileSize: Int = 16 << 20, maxDepth: Int = 64, maxAliasNodes: Int = 10_000) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
    }

    /// The largest file the parser can hold whatever `maxFileSize` says: its tree
    /// addresses scalar text with 32-bit offsets.
    public static let largestSupportedFileSize = 1 << 30

    /// The default limits.
    public static let standard = YAMLLimits()
}
