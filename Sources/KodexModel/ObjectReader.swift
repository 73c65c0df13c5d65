import KodexYAML

/// Reads one mapping against its ``CodexSchema/Object``: reports unknown keys, missing
/// required fields and wrong types, and hands back typed values with their spans.
final class ObjectReader {
    let node: YAMLNode
    let object: CodexSchema.Object
    let context: DecodeContext
    private let pairs: YAMLNode.Pairs

    /// The mapping's `id`, which names it in messages.
    private let id: String?

    /// How messages name this mapping, such as "step `greet`". Built only when a message
    /// needs it: a large codex reads millions of values and reports a handful.
    var label: String {
        id.map { "\(object.name) `\($0)`" } ?? object.name
    }

    /// Reads `node` as a mapping of kind `objectName`, or reports why it is not one.
    init?(_ node: YAMLNode, as objectName: String, what: @autoclosure () -> String, context: DecodeContext) {
        guard let object = CodexSchema.objects[objectName] else {
            preconditionFailure("no schema object named \(objectName)")
        }
        guard let pairs = node.pairs else {
            context.wrongType(what(), expected: "a mapping", found: node)
            return nil
        }
        self.node = node
        self.object = object
        self.context = context
        self.pairs = pairs
        if let id = pairs.pair(named: "id")?.value.scalar, !id.isNull {
            self.id = id.text
        } else {
            self.id = nil
        }
        let typos = reportUnknownKeys(pairs)
        reportMissingFields(typos: typos)
    }

    /// Reports every unknown key; returns the absent fields that one of them is a near miss of.
    private func reportUnknownKeys(_ pairs: YAMLNode.Pairs) -> Set<String> {
        let fieldNames = object.fieldNames
        var typos = Set<String>()
        for pair in pairs where !fieldNames.contains(pair.name) {
            let known = object.fields.map(\.name)
            var help: [String] = []
            var notes = [Diagnostic.Note("\(object.name) takes: \(known.map { "`\($0)`" }.joined(separator: ", "))")]
            if let suggestion = Suggestion.closest(to: pair.name, in: known) {
                help.append("did you mean `\(suggestion)`?")
                if !has(suggestion), typos.insert(suggestion).inserted {
                    context.mistypedKeys.append(MistypedKey(field: suggestion, key: pair.key.span, value: pair.value.span, mapping: node.span))
                    if let field = object.field(suggestion), field.required {
                        // The typo is the cause of the missing field, so it is said here, once.
                        notes = [Diagnostic.Note("\(label) needs `\(suggestion)`: \(field.summary)")]
                    }
                }
            }
            context.report(CheckID.unknownKey, "unknown key `\(pair.name)` in \(label)", at: pair.key.span,
                           notes: notes, help: help)
        }
        return typos
    }

    private func reportMissingFields(typos: Set<String>) {
        for field in object.fields where field.required && field.checkedBy == nil {
            guard let pair = pairs.pair(named: field.name) else {
                // A mistyped key already says the field is missing, at the typo.
                if typos.contains(field.name) { continue }
                context.report(CheckID.missingField, "\(label) has no `\(field.name)`", at: keySpan,
                               notes: [Diagnostic.Note("`\(field.name)`: \(field.summary)")],
                               help: ["add `\(field.name):` to the \(object.name)"])
                continue
            }
            let value = pair.value
            if value.isNull || value.isBlank || value.items?.isEmpty == true {
                context.report(CheckID.missingField, "`\(field.name)` of \(label) is empty", at: pair.key.span,
                               notes: [Diagnostic.Note("`\(field.name)`: \(field.summary)")])
            }
        }
    }

    /// Where to point when the mapping as a whole lacks something: its first key.
    private var keySpan: SourceSpan {
        node.pairs?.first?.key.span ?? node.span
    }

    // MARK: - Values

    func has(_ name: String) -> Bool { pairs.firstIndex(named: name) != nil }

    func value(_ name: String) -> YAMLNode? {
        assert(object.field(name) != nil, "\(object.name) reads undeclared key \(name)")
        guard let node = pairs.value(named: name), !node.isNull else { return nil }
        return node
    }

    /// A text value; blank text counts as absent.
    func text(_ name: String) -> Located<String>? {
        guard let node = value(name) else { return nil }
        return Self.text(node, what: "`\(name)` of \(label)", context: context)
    }

    static func text(_ node: YAMLNode, what: @autoclosure () -> String, context: DecodeContext) -> Located<String>? {
        guard let length = node.utf8Count else {
            context.wrongType(what(), expected: "text", found: node)
            return nil
        }
        // UTF-8 length bounds the scalar count from above and costs nothing to read.
        if length > context.maxTextLength, let scalar = node.scalar,
           scalar.text.unicodeScalars.count > context.maxTextLength {
            context.report(CheckID.inputLimit,
                           "\(what()) is longer than \(context.maxTextLength) characters",
                           at: node.span, help: ["shorten it, or raise `limits.max_text_length` in `codex.yaml`"])
        }
        guard !node.isNull, !node.isBlank, let scalar = node.scalar else { return nil }
        return Located(scalar.text, at: node.span)
    }

    /// An id: letters, digits, `-`, `_` and `.`, starting with a letter or digit.
    func identifier(_ name: String) -> Located<String>? {
        guard let id = text(name) else { return nil }
        if !Identifier.isValid(id.value) {
            context.report(CheckID.wrongType, "`\(id.value)` is not a valid id", at: id.span,
                           notes: [Diagnostic.Note("an id is letters, digits, `-`, `_` and `.`, starting with a letter or digit")],
                           help: ["write it as `\(Identifier.suggested(for: id.value))`"])
        }
        return id
    }

    /// A list of texts; a single text is not taken as a list of one, since a
    /// consultant who wrote one probably meant another field.
    func texts(_ name: String) -> [Located<String>] {
        guard let node = value(name) else { return [] }
        guard let items = node.items else {
            context.wrongType("`\(name)` of \(label)", expected: "a list", found: node,
                              help: ["write it as a list: `\(name): [...]` or one `- item` a line"])
            return []
        }
        return items.decoded { index, item in
            Self.text(item, what: "item \(index + 1) of `\(name)` in \(label)", context: context)
        }
    }

    func choice(_ name: String, from options: [String]) -> Located<String>? {
        guard let text = text(name) else { return nil }
        guard options.contains(text.value) else {
            var help: [String] = []
            if let suggestion = Suggestion.closest(to: text.value, in: options) {
                help.append("did you mean `\(suggestion)`?")
            }
            context.report(CheckID.wrongType, "`\(text.value)` is not a valid `\(name)` of \(label)", at: text.span,
                           notes: [Diagnostic.Note("`\(name)` is one of: \(options.map { "`\($0)`" }.joined(separator: ", "))")],
                           help: help)
            return nil
        }
        return text
    }

    /// A whole number, written plain: `"5"` in quotes is text, not a number.
    func integer(_ name: String) -> Located<Int>? {
        guard let node = value(name) else { return nil }
        return Self.integer(node, what: "`\(name)` of \(label)", context: context)
    }

    /// A whole number in any node, such as a value of a mapping whose keys the author chooses.
    static func integer(_ node: YAMLNode, what: @autoclosure () -> String, context: DecodeContext) -> Located<Int>? {
        guard let scalar = node.scalar, scalar.style == .plain,
              scalar.text.allSatisfy({ $0.isASCII && $0.isNumber }), scalar.text.count <= 18,
              let number = Int(scalar.text) else {
            context.wrongType(what(), expected: "a whole number", found: node)
            return nil
        }
        return Located(number, at: node.span)
    }

    /// `true` or `false`, written plain: YAML 1.1's `yes`, `on` and friends are not flags.
    func boolean(_ name: String) -> Bool? {
        guard let node = value(name) else { return nil }
        if let scalar = node.scalar, scalar.style == .plain {
            if scalar.text == "true" { return true }
            if scalar.text == "false" { return false }
        }
        context.report(CheckID.wrongType, "`\(name)` of \(label) must be `true` or `false`", at: node.span)
        return nil
    }

    /// Each item of a list of mappings, decoded by `decode`.
    func objects<T>(_ name: String, as objectName: String, _ decode: (ObjectReader) -> T?) -> [T] {
        guard let node = value(name) else { return [] }
        guard let items = node.items else {
            context.wrongType("`\(name)` of \(label)", expected: "a list", found: node)
            return []
        }
        return items.decoded { index, item in
            guard let reader = ObjectReader(item, as: objectName,
                                            what: "item \(index + 1) of `\(name)` in \(label)", context: context) else {
                return nil
            }
            return decode(reader)
        }
    }

    /// A mapping of one object kind under `name`.
    func object<T>(_ name: String, as objectName: String, _ decode: (ObjectReader) -> T?) -> T? {
        guard let node = value(name),
              let reader = ObjectReader(node, as: objectName, what: "`\(name)` of \(label)", context: context) else {
            return nil
        }
        return decode(reader)
    }

    /// A mapping whose keys the author chooses, such as `placeholders`.
    func map(_ name: String) -> [YAMLPair] {
        guard let node = value(name) else { return [] }
        guard let pairs = node.pairs else {
            context.wrongType("`\(name)` of \(label)", expected: "a mapping", found: node)
            return []
        }
        return Array(pairs)
    }

    /// The rules this element silences, each with its reason.
    func silences() -> [Silence] {
        map("silence").map { pair in
            let reason = Self.text(pair.value, what: "the reason for silencing `\(pair.name)`", context: context)
            return Silence(rule: Located(pair.name, at: pair.key.span), reason: reason)
        }
    }
}

extension YAMLNode.Items {
    /// `compactMap` over the items with their positions, into an array sized for all of
    /// them: the model keeps these arrays for its whole life, and one grown by doubling
    /// would hold a process's twelve steps in room for sixteen.
    func decoded<T>(_ transform: (Int, YAMLNode) -> T?) -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for (index, item) in enumerated() {
            if let value = transform(index, item) { result.append(value) }
        }
        return result
    }
}
