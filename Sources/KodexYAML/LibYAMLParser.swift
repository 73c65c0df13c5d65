internal import CYAML

/// Owns one libyaml parser and frees it when done, so no C type leaves this file.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The last event, kept until the next call so that a scalar's bytes can be read in
    /// place instead of copied into a string first.
    private let event: UnsafeMutablePointer<yaml_event_t>
    private var holdsEvent = false

    /// Starts a parser over `bytes`, which must stay alive and unmoved while it runs.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        // Set up in locals first: once every stored property is set, failing would run
        // `deinit`, which would delete and free the parser a second time.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            return nil
        }
        yaml_parser_set_input_string(parser, bytes.baseAddress ?? emptyInput, bytes.count)
        self.parser = parser
        event = .allocate(capacity: 1)
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
    }

    /// The next event, or the parser's error. A scalar's bytes stay valid until the next
    /// call.
    func next() throws(ParserFailure) -> Event {
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard yaml_parser_parse(parser, event) == 1 else {
            throw failure()
        }
        holdsEvent = true
        return Event(event)
    }

    private func failure() -> ParserFailure {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
        let context = p.context.map { String(cString: $0) }
        switch p.error {
        case YAML_READER_ERROR:
            return ParserFailure(stage: .reader, problem: problem, context: nil,
                                 mark: nil, contextMark: nil, byteOffset: p.problem_offset,
                                 byteValue: p.problem_value)
        case YAML_MEMORY_ERROR:
            return ParserFailure(stage: .memory, problem: "out of memory", context: nil,
                                 mark: nil, contextMark: nil, byteOffset: 0, byteValue: 0)
        default:
            return ParserFailure(stage: .grammar, problem: problem, context: context,
                                 mark: Mark(p.problem_mark), contextMark: context == nil ? nil : Mark(p.context_mark),
                                 byteOffset: 0, byteValue: 0)
        }
    }
}

/// libyaml asserts on a null input, and an empty Swift buffer may have no base address.
private nonisolated(unsafe) let emptyInput = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))

/// A libyaml mark, converted to 1-based numbers.
struct Mark {
    var line: Int
    var column: Int

    init(_ mark: yaml_mark_t) {
        line = Int(mark.line) + 1
        column = Int(mark.column) + 1
    }

    var position: SourcePosition { SourcePosition(line: line, column: column) }
}

/// What libyaml said when it stopped.
struct ParserFailure: Error {
    enum Stage { case reader, grammar, memory }
    var stage: Stage
    var problem: String
    var context: String?
    var mark: Mark?
    var contextMark: Mark?
    var byteOffset: Int
    var byteValue: Int32
}

/// A libyaml event in Swift terms; a scalar's bytes point into the C event.
struct Event {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias(anchor: String)
        case scalar(bytes: UnsafeBufferPointer<UInt8>, style: YAMLTree.Kind, tag: String?, anchor: String?)
        case sequenceStart(anchor: String?, flow: Bool)
        case sequenceEnd
        case mappingStart(anchor: String?, flow: Bool)
        case mappingEnd
        case other
    }

    var kind: Kind
    var start: Mark
    var end: Mark

    init(_ pointer: UnsafeMutablePointer<yaml_event_t>) {
        start = Mark(pointer.pointee.start_mark)
        end = Mark(pointer.pointee.end_mark)
        let event = pointer.pointee
        switch event.type {
        case YAML_STREAM_START_EVENT: kind = .streamStart
        case YAML_STREAM_END_EVENT: kind = .streamEnd
        case YAML_DOCUMENT_START_EVENT: kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
        case YAML_ALIAS_EVENT:
            kind = .alias(anchor: cString(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let style: YAMLTree.Kind
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            kind = .scalar(bytes: UnsafeBufferPointer(start: data.value, count: data.value == nil ? 0 : data.length),
                           style: style, tag: cString(data.tag), anchor: cString(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart(anchor: cString(event.data.sequence_start.anchor),
                                  flow: event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE)
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart(anchor: cString(event.data.mapping_start.anchor),
                                 flow: event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE)
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        default: kind = .other
        }
    }
}

private func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}
