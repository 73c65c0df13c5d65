/// One node of a YAML document, with the exact span it came from.
///
/// The tree is untyped on purpose: a scalar stays the text the author wrote, and the
/// codex schema decides later whether it is a string, a number or a flag. That is how
/// `title: no` stays the string `no` instead of YAML 1.1's `false`.
///
/// A node is a light handle into its document's ``YAMLTree``, where all nodes sit in one
/// flat array and all scalar texts in one byte buffer. A scalar's `String` is made only
/// when it is asked for, and a whole file's tree is a handful of allocations: building
/// a nested array per mapping and a string per scalar cost as much as libyaml's parse.
public struct YAMLNode: Sendable {
    let tree: YAMLTree
    let index: Int32

    init(tree: YAMLTree, index: Int32) {
        self.tree = tree
        self.index = index
    }

    /// An empty mapping standing at `span`, for a file that holds no document.
    public static func emptyMapping(at span: SourceSpan) -> YAMLNode {
        let record = YAMLTree.Record(kind: .mapping, start: span.start, end: span.end, first: 0, count: 0)
        return YAMLNode(tree: YAMLTree(fileID: span.fileID, records: [record], children: [], text: [], tags: [:]),
                        index: 0)
    }

    private var record: YAMLTree.Record { tree.records[Int(index)] }

    /// Where the node starts and ends in its file.
    public var span: SourceSpan {
        let record = record
        return SourceSpan(fileID: tree.fileID, start: record.start, end: record.end)
    }

    /// The scalar, when the node is one.
    public var scalar: YAMLScalar? {
        let record = record
        guard let style = record.kind.style else { return nil }
        return YAMLScalar(text: tree.string(record), style: style, tag: tree.tag(of: index))
    }

    /// The pairs, when the node is a mapping.
    public var pairs: Pairs? {
        let record = record
        guard record.kind == .mapping else { return nil }
        return Pairs(tree: tree, first: Int(record.first), count: Int(record.count) / 2)
    }

    /// The items, when the node is a sequence.
    public var items: Items? {
        let record = record
        guard record.kind == .sequence else { return nil }
        return Items(tree: tree, first: Int(record.first), count: Int(record.count))
    }

    /// The length of a scalar's text in UTF-8 bytes, without making its string.
    public var utf8Count: Int? {
        let record = record
        return record.kind.style == nil ? nil : Int(record.count)
    }

    /// Whether the node is a scalar whose text is empty or white space only, answered
    /// without making its string.
    public var isBlank: Bool {
        let record = record
        guard record.kind.style != nil else { return false }
        return tree.isBlank(record)
    }

    /// Whether the node is YAML's null: an empty plain scalar, `~` or `null`.
    public var isNull: Bool {
        let record = record
        guard record.kind == .plain, tree.tag(of: index) == nil else { return false }
        switch record.count {
        case 0: return true
        case 1: return tree.bytes(record, equal: "~")
        case 4: return tree.bytes(record, equal: "null") || tree.bytes(record, equal: "Null") || tree.bytes(record, equal: "NULL")
        default: return false
        }
    }

    /// A short English name of the node's kind, for messages.
    public var kindName: String {
        switch record.kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        default: return isNull ? "nothing" : "a scalar"
        }
    }

    /// The key–value pairs of a mapping, in the order they were written.
    public struct Pairs: RandomAccessCollection, Sendable {
        let tree: YAMLTree
        let first: Int
        /// The number of pairs.
        public let count: Int

        /// The position of the first pair.
        public var startIndex: Int { 0 }
        /// The position after the last pair.
        public var endIndex: Int { count }

        /// The pair at `position`.
        public subscript(position: Int) -> YAMLPair {
            let key = tree.children[first + 2 * position]
            let value = tree.children[first + 2 * position + 1]
            return YAMLPair(key: YAMLNode(tree: tree, index: key), value: YAMLNode(tree: tree, index: value))
        }

        /// The first pair whose key is `name`.
        public func pair(named name: String) -> YAMLPair? {
            guard let index = firstIndex(named: name) else { return nil }
            return self[index]
        }

        /// The value of the first pair whose key is `name`.
        public func value(named name: String) -> YAMLNode? {
            guard let index = firstIndex(named: name) else { return nil }
            return YAMLNode(tree: tree, index: tree.children[first + 2 * index + 1])
        }

        /// The position of the first pair whose key is `name`.
        public func firstIndex(named name: String) -> Int? {
            var index = 0
            while index < count {
                if key(at: index, isNamed: name) { return index }
                index += 1
            }
            return nil
        }

        /// Whether the key of the pair at `position` is `name`, without making a node
        /// or a string.
        public func key(at position: Int, isNamed name: String) -> Bool {
            tree.bytes(tree.records[Int(tree.children[first + 2 * position])], equal: name)
        }
    }

    /// The items of a sequence, in the order they were written.
    public struct Items: RandomAccessCollection, Sendable {
        let tree: YAMLTree
        let first: Int
        /// The number of items.
        public let count: Int

        /// The position of the first item.
        public var startIndex: Int { 0 }
        /// The position after the last item.
        public var endIndex: Int { count }

        /// The item at `position`.
        public subscript(position: Int) -> YAMLNode {
            YAMLNode(tree: tree, index: tree.children[first + position])
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

/// The storage of one file's tree: every node in one array, every collection's children
/// in another, every scalar's text in one byte buffer.
final class YAMLTree: Sendable {
    /// What a node is; the scalar kinds carry their style.
    enum Kind: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded, mapping, sequence

        var style: YAMLScalar.Style? {
            switch self {
            case .plain: return .plain
            case .singleQuoted: return .singleQuoted
            case .doubleQuoted: return .doubleQuoted
            case .literal: return .literal
            case .folded: return .folded
            case .mapping, .sequence: return nil
            }
        }
    }

    /// One node: a scalar's text is `text[first ..< first + count]`; a collection's
    /// children are `children[first ..< first + count]`, keys and values alternating in
    /// a mapping.
    struct Record: Sendable {
        var kind: Kind
        var start: SourcePosition
        var end: SourcePosition
        var first: Int32
        var count: Int32
    }

    let fileID: Int32
    let records: [Record]
    let children: [Int32]
    let text: [UInt8]
    /// The explicit tags, by node; almost always empty.
    let tags: [Int32: String]

    init(fileID: Int32, records: [Record], children: [Int32], text: [UInt8], tags: [Int32: String]) {
        self.fileID = fileID
        self.records = records
        self.children = children
        self.text = text
        self.tags = tags
    }

    func tag(of index: Int32) -> String? {
        tags.isEmpty ? nil : tags[index]
    }

    func string(_ record: Record) -> String {
        text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(record.first) ..< Int(record.first + record.count)]),
                   as: UTF8.self)
        }
    }

    func isBlank(_ record: Record) -> Bool {
        text.withUnsafeBufferPointer { buffer in
            for byte in buffer[Int(record.first) ..< Int(record.first + record.count)] {
                if byte == 0x20 || (0x09...0x0D).contains(byte) { continue }
                if byte < 0x80 { return false }
                // Non-ASCII text: ask Unicode, which knows its many spaces.
                return string(record).unicodeScalars.allSatisfy(\.properties.isWhitespace)
            }
            return true
        }
    }

    func bytes(_ record: Record, equal string: String) -> Bool {
        var string = string
        return string.withUTF8 { wanted in
            guard wanted.count == Int(record.count) else { return false }
            return text.withUnsafeBufferPointer { buffer in
                wanted.elementsEqual(buffer[Int(record.first) ..< Int(record.first + record.count)])
            }
        }
    }
}
