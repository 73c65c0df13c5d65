/// Reads YAML text into a ``YAMLDocument`` whose every node knows its span.
///
/// Built on libyaml's event API rather than its document loader, because the loader
/// keeps no end marks for keys, expands aliases without limit and silently accepts
/// duplicate keys.
public struct YAMLParser: Sendable {
    /// The bounds applied to each file.
    public var limits: YAMLLimits

    /// Creates a parser with the given limits.
    public init(limits: YAMLLimits = .standard) {
        self.limits = limits
    }

    /// Parses `bytes`, the content of the file at `path`.
    ///
    /// - Throws: ``YAMLError`` for text that is not well-formed YAML or UTF-8, a file
    ///   that breaks a limit, or more than one document.
    public func parse(_ bytes: [UInt8], path: String) throws(YAMLError) -> YAMLDocument {
        let maxFileSize = min(limits.maxFileSize, YAMLLimits.largestSupportedFileSize)
        if bytes.count > maxFileSize {
            throw YAMLError(kind: .limit,
                            message: "file is \(bytes.count) bytes, more than the limit of \(maxFileSize)",
                            span: .file(path),
                            help: "split the file, or raise `limits.max_file_size` in `codex.yaml`")
        }
        if let encoding = utf16Or32Encoding(bytes) {
            throw YAMLError(kind: .syntax, message: "file is encoded as \(encoding), not UTF-8",
                            span: .file(path), help: "save the file as UTF-8")
        }
        let result: Result<YAMLDocument, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            var builder = TreeBuilder(path: path, limits: limits, bytes: buffer)
            do throws(YAMLError) {
                return .success(try builder.run())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Names a UTF-16 or UTF-32 byte-order mark, which libyaml would decode but every
/// position and source line downstream assumes UTF-8.
private func utf16Or32Encoding(_ bytes: [UInt8]) -> String? {
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
        return "UTF-32"
    }
    if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
        return "UTF-16"
    }
    return nil
}

// MARK: - Tree building

private struct TreeBuilder {
    let path: String
    let fileID: Int32
    let limits: YAMLLimits
    let bytes: UnsafeBufferPointer<UInt8>

    // The tree being built; see ``YAMLTree``.
    private var records: [YAMLTree.Record] = []
    private var children: [Int32] = []
    private var text: [UInt8] = []
    private var tags: [Int32: String] = [:]

    /// The open collections, innermost last.
    private var stack: [Frame] = []
    /// The finished children of every open collection, innermost collection's last; a
    /// mapping's children alternate key, value.
    private var pending: [Int32] = []
    private var root: Int32?
    private var documents = 0
    private var anchors: [String: (node: Int32, count: Int)] = [:]
    private var aliasNodes = 0
    private var duplicates: [DuplicateKey] = []
    /// The depth of the mapping whose next value belongs to a key written twice, and is
    /// therefore dropped.
    private var droppingValueAt: Int?

    init(path: String, limits: YAMLLimits, bytes: UnsafeBufferPointer<UInt8>) {
        self.path = path
        self.fileID = SourceFiles.shared.id(of: path)
        self.limits = limits
        self.bytes = bytes
        // Codex files run to about one node per 20 bytes, and scalar text is at most
        // the file's size; reserving saves regrowing large arrays.
        records.reserveCapacity(bytes.count / 16 + 16)
        children.reserveCapacity(bytes.count / 16 + 16)
        text.reserveCapacity(bytes.count)
    }

    /// The anchors of open collections, by depth; kept apart so that a frame is plain
    /// data and updating it costs no reference counting.
    private var frameAnchors: [Int: String] = [:]

    private struct Frame {
        var record: Int32
        var isMapping: Bool
        var flow: Bool
        var end: SourcePosition
        /// Where this collection's children start in `pending`.
        var base: Int
        /// The nodes this collection stands for once aliases are expanded.
        var count = 1
        /// Whether the next child is a key (in a mapping).
        var expectsKey = true
    }

    mutating func run() throws(YAMLError) -> YAMLDocument {
        guard let parser = LibYAMLParser(bytes: bytes) else {
            throw YAMLError(kind: .limit, message: "could not start the YAML parser", span: .file(path))
        }
        while true {
            let event: Event
            do throws(ParserFailure) {
                event = try parser.next()
            } catch {
                throw self.error(from: error)
            }
            switch event.kind {
            case .streamEnd:
                let tree = YAMLTree(fileID: fileID, records: records, children: children, text: text, tags: tags)
                return YAMLDocument(root: root.map { YAMLNode(tree: tree, index: $0) }, duplicateKeys: duplicates)
            case .documentStart:
                documents += 1
                if documents > 1 {
                    throw YAMLError(kind: .unsupported, message: "file holds more than one YAML document",
                                    span: span(event.start, event.end),
                                    help: "split the documents into files of their own, or remove the `---` line")
                }
            case .scalar(let value, let style, let tag, let anchor):
                let index = Int32(records.count)
                records.append(YAMLTree.Record(kind: style, start: event.start.position, end: event.end.position,
                                               first: Int32(text.count), count: Int32(value.count)))
                text.append(contentsOf: value)
                if let tag { tags[index] = tag }
                try attach(index, count: 1, anchor: anchor)
            case .alias(let name):
                guard let anchored = anchors[name] else {
                    throw YAMLError(kind: .syntax, message: "alias `*\(name)` names no anchor defined before it",
                                    span: span(event.start, event.end),
                                    help: "define `&\(name)` on an earlier node")
                }
                aliasNodes += anchored.count
                if aliasNodes > limits.maxAliasNodes {
                    throw YAMLError(kind: .limit,
                                    message: "aliases expand to more than \(limits.maxAliasNodes) nodes",
                                    span: span(event.start, event.end),
                                    notes: ["a few nested aliases can multiply into billions of nodes"],
                                    help: "write the repeated content out, or raise `limits.max_alias_nodes` in `codex.yaml`")
                }
                // The alias shares the anchored node's text or children, at its own place.
                var record = records[Int(anchored.node)]
                record.start = event.start.position
                record.end = event.end.position
                let index = Int32(records.count)
                records.append(record)
                if let tag = tags[anchored.node] { tags[index] = tag }
                try attach(index, count: anchored.count, anchor: nil)
            case .sequenceStart(let anchor, let flow), .mappingStart(let anchor, let flow):
                if stack.count >= limits.maxDepth {
                    throw YAMLError(kind: .limit, message: "nesting is deeper than \(limits.maxDepth) levels",
                                    span: span(event.start, event.end),
                                    help: "flatten the structure, or raise `limits.max_depth` in `codex.yaml`")
                }
                var isMapping = false
                if case .mappingStart = event.kind { isMapping = true }
                let index = Int32(records.count)
                records.append(YAMLTree.Record(kind: isMapping ? .mapping : .sequence, start: event.start.position,
                                               end: event.start.position, first: 0, count: 0))
                if let anchor { frameAnchors[stack.count] = anchor }
                stack.append(Frame(record: index, isMapping: isMapping, flow: flow,
                                   end: event.start.position, base: pending.count))
            case .sequenceEnd, .mappingEnd:
                guard let frame = stack.popLast() else { continue }
                records[Int(frame.record)].end = frame.flow ? event.end.position : frame.end
                records[Int(frame.record)].first = Int32(children.count)
                records[Int(frame.record)].count = Int32(pending.count - frame.base)
                children.append(contentsOf: pending[frame.base...])
                pending.removeSubrange(frame.base...)
                let anchor = frameAnchors.isEmpty ? nil : frameAnchors.removeValue(forKey: stack.count)
                try attach(frame.record, count: frame.count, anchor: anchor)
            case .streamStart, .documentEnd, .other:
                continue
            }
        }
    }

    private mutating func attach(_ node: Int32, count: Int, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = (node, count) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].count += count
        stack[top].end = records[Int(node)].end
        if !stack[top].isMapping {
            pending.append(node)
            return
        }
        if !stack[top].expectsKey {
            stack[top].expectsKey = true
            if droppingValueAt == top {
                droppingValueAt = nil
            } else {
                pending.append(node)
            }
            return
        }
        stack[top].expectsKey = false
        let key = records[Int(node)]
        guard key.kind.style != nil else {
            let kind = key.kind == .mapping ? "a mapping" : "a list"
            throw YAMLError(kind: .unsupported, message: "a mapping key must be a plain value, not \(kind)",
                            span: span(of: key), help: "write the key as text")
        }
        if key.kind == .plain, keyText(key, equals: Array("<<".utf8)) {
            throw YAMLError(kind: .unsupported, message: "merge keys (`<<`) are not supported in a codex",
                            span: span(of: key), help: "write the merged keys out in this mapping")
        }
        // Codex mappings hold a handful of keys, where a scan beats hashing every key.
        var earlier = stack[top].base
        while earlier < pending.count {
            let original = records[Int(pending[earlier])]
            if keyText(original, equals: key) {
                duplicates.append(DuplicateKey(key: string(key), duplicate: span(of: key), original: span(of: original)))
                droppingValueAt = top
                return
            }
            earlier += 2
        }
        pending.append(node)
    }

    private func keyText(_ record: YAMLTree.Record, equals other: YAMLTree.Record) -> Bool {
        record.count == other.count
            && text[Int(record.first) ..< Int(record.first + record.count)]
                .elementsEqual(text[Int(other.first) ..< Int(other.first + other.count)])
    }

    private func keyText(_ record: YAMLTree.Record, equals bytes: [UInt8]) -> Bool {
        Int(record.count) == bytes.count && text[Int(record.first) ..< Int(record.first + record.count)].elementsEqual(bytes)
    }

    private func string(_ record: YAMLTree.Record) -> String {
        String(decoding: text[Int(record.first) ..< Int(record.first + record.count)], as: UTF8.self)
    }

    private func span(of record: YAMLTree.Record) -> SourceSpan {
        SourceSpan(fileID: fileID, start: record.start, end: record.end)
    }

    private func span(_ start: Mark, _ end: Mark) -> SourceSpan {
        SourceSpan(fileID: fileID, start: start.position, end: end.position)
    }

    // MARK: - Errors

    private func error(from failure: ParserFailure) -> YAMLError {
        switch failure.stage {
        case .memory:
            return YAMLError(kind: .limit, message: "out of memory while parsing", span: .file(path))
        case .reader:
            var offset = failure.byteOffset
            if failure.problem.contains("trailing") {
                // libyaml points at the bad continuation byte; the character starts at the lead byte.
                var back = offset
                while back > 0, offset - back < 3, bytes[back] & 0xC0 != 0xC0 { back -= 1 }
                if bytes.indices.contains(back), bytes[back] & 0xC0 == 0xC0 { offset = back }
            }
            let at = SourceText.position(ofByte: offset, in: bytes)
            let here = SourceSpan(file: path, start: at, end: SourcePosition(line: at.line, column: at.column + 1))
            if failure.problem.contains("control characters") {
                return YAMLError(kind: .syntax, message: "file contains a control character (byte 0x\(hex(failure.byteValue)))",
                                 span: here, help: "remove the character; a codex file is plain UTF-8 text")
            }
            return YAMLError(kind: .syntax, message: "file is not valid UTF-8 (\(failure.problem))",
                             span: here, help: "save the file as UTF-8")
        case .grammar:
            return GrammarErrorExplainer(path: path, bytes: bytes).explain(failure)
        }
    }

    private func hex(_ value: Int32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}

