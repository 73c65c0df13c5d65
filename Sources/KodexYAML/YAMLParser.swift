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
        if bytes.count > limits.maxFileSize {
            throw YAMLError(kind: .limit,
                            message: "file is \(bytes.count) bytes, more than the limit of \(limits.maxFileSize)",
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

    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var documents = 0
    private var anchors: [String: (node: YAMLNode, count: Int)] = [:]
    private var aliasNodes = 0
    private var duplicates: [DuplicateKey] = []

    init(path: String, limits: YAMLLimits, bytes: UnsafeBufferPointer<UInt8>) {
        self.path = path
        self.fileID = SourceFiles.shared.id(of: path)
        self.limits = limits
        self.bytes = bytes
    }

    private struct Frame {
        var isMapping: Bool
        var flow: Bool
        var anchor: String?
        var start: SourcePosition
        var end: SourcePosition
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        /// The keys of `pairs`, kept apart so that finding a duplicate compares strings
        /// without copying nodes.
        var keys: [String] = []
        var pendingKey: YAMLNode?
        var count = 1
    }

    mutating func run() throws(YAMLError) -> YAMLDocument {
        guard let parser = LibYAMLParser(bytes: bytes) else {
            throw YAMLError(kind: .limit, message: "could not start the YAML parser", span: .file(path))
        }
        while true {
            let event: Event
            switch parser.next() {
            case .success(let next): event = next
            case .failure(let failure): throw error(from: failure)
            }
            switch event.kind {
            case .streamEnd:
                return YAMLDocument(root: root, duplicateKeys: duplicates)
            case .documentStart:
                documents += 1
                if documents > 1 {
                    throw YAMLError(kind: .unsupported, message: "file holds more than one YAML document",
                                    span: span(event.start, event.end),
                                    help: "split the documents into files of their own, or remove the `---` line")
                }
            case .scalar(let scalar, let anchor):
                try attach(YAMLNode(content: .scalar(scalar), span: span(event.start, event.end)),
                           count: 1, anchor: anchor)
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
                var node = anchored.node
                node.span = span(event.start, event.end)
                try attach(node, count: anchored.count, anchor: nil)
            case .sequenceStart(let anchor, let flow), .mappingStart(let anchor, let flow):
                if stack.count >= limits.maxDepth {
                    throw YAMLError(kind: .limit, message: "nesting is deeper than \(limits.maxDepth) levels",
                                    span: span(event.start, event.end),
                                    help: "flatten the structure, or raise `limits.max_depth` in `codex.yaml`")
                }
                var isMapping = false
                if case .mappingStart = event.kind { isMapping = true }
                stack.append(Frame(isMapping: isMapping, flow: flow, anchor: anchor,
                                   start: event.start.position, end: event.start.position))
            case .sequenceEnd, .mappingEnd:
                guard let frame = stack.popLast() else { continue }
                let end = frame.flow ? event.end.position : frame.end
                let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
                let node = YAMLNode(content: content, span: SourceSpan(fileID: fileID, start: frame.start, end: end))
                try attach(node, count: frame.count, anchor: frame.anchor)
            case .streamStart, .documentEnd, .other:
                continue
            }
        }
    }

    private mutating func attach(_ node: YAMLNode, count: Int, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = (node, count) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].count += count
        stack[top].end = node.span.end
        if !stack[top].isMapping {
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].pendingKey else {
            guard let scalar = node.scalar else {
                throw YAMLError(kind: .unsupported, message: "a mapping key must be a plain value, not \(node.kindName)",
                                span: node.span, help: "write the key as text")
            }
            if scalar.style == .plain, scalar.text == "<<" {
                throw YAMLError(kind: .unsupported, message: "merge keys (`<<`) are not supported in a codex",
                                span: node.span, help: "write the merged keys out in this mapping")
            }
            stack[top].pendingKey = node
            return
        }
        stack[top].pendingKey = nil
        let name = key.scalar?.text ?? ""
        // Codex mappings hold a handful of keys, where a scan beats hashing every key.
        if let first = stack[top].keys.firstIndex(of: name) {
            duplicates.append(DuplicateKey(key: name, duplicate: key.span, original: stack[top].pairs[first].key.span))
            return
        }
        stack[top].keys.append(name)
        stack[top].pairs.append(YAMLPair(key: key, value: node))
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
            let at = failure.mark?.position ?? SourcePosition(line: 1, column: 1)
            let here = SourceSpan(file: path, start: at, end: SourcePosition(line: at.line, column: at.column + 1))
            var notes: [String] = []
            if let context = failure.context, let mark = failure.contextMark {
                notes.append("\(context) at line \(mark.line), column \(mark.column)")
            }
            if SourceText.character(at: at, in: bytes) == "\t" {
                return YAMLError(kind: .syntax, message: "tab character where YAML expects indentation or a value",
                                 span: here, notes: notes, help: "indent with spaces: YAML does not allow tabs there")
            }
            return YAMLError(kind: .syntax, message: failure.problem, span: here, notes: notes)
        }
    }

    private func hex(_ value: Int32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}
