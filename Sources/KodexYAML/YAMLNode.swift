/// One node of a YAML document, with the exact span it came from.
///
/// The tree is untyped on purpose: a scalar stays the text the author wrote, and the
/// codex schema decides later whether it is a string, a number or a flag. That is how
/// `title: no` stays the string `no` instead of YAML 1.1's `false`.
public struct YAMLNode: Sendable {
    /// What a node holds.
    public enum Content: Sendable {
        /// A single value, as text.
        case scalar(YAMLScalar)
        /// Key–value pairs in the order they were written; keys are scalars.
        case mapping([YAMLPair])
        /// Items in the order they were written.
        case sequence([YAMLNode])
    }

    /// The node's value.
    public var content: Content
    /// Where the node starts and ends in its file.
    public var span: SourceSpan

    /// Creates a node.
    public init(content: Content, span: SourceSpan) {
        self.content = content
        self.span = span
    }

    /// The scalar, when the node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The pairs, when the node is a mapping.
    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The items, when the node is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// Whether the node is YAML's null: an empty plain scalar, `~` or `null`.
    public var isNull: Bool { scalar?.isNull ?? false }

    /// A short English name of the node's kind, for messages.
    public var kindName: String {
        switch content {
        case .scalar(let scalar): return scalar.isNull ? "nothing" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

/// A key and its value inside a mapping.
public struct YAMLPair: Sendable {
    /// The key node; always a scalar.
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// The key's text.
    public var name: String { key.scalar?.text ?? "" }

    /// Creates a pair.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A scalar's text together with how it was written.
public struct YAMLScalar: Sendable, Hashable {
    /// How the scalar was quoted, which matters for typing: only plain scalars can be
    /// numbers, flags or null.
    public enum Style: String, Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The scalar's value after YAML's unescaping and folding.
    public var text: String
    /// How the scalar was written.
    public var style: Style
    /// The explicit tag, such as `tag:yaml.org,2002:str`, when the author gave one.
    public var tag: String?

    /// Creates a scalar.
    public init(text: String, style: Style, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    /// Whether the scalar is YAML's null: plain and empty, `~` or `null`.
    public var isNull: Bool {
        guard style == .plain, tag == nil else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}
