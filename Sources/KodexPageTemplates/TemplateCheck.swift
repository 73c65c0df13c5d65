/// A tag whose name can never resolve against the data a template is given.
public struct UnresolvedName: Sendable, Hashable, CustomStringConvertible {
    /// The template, such as `step`.
    public let template: String
    /// The name as the tag writes it, such as `empty(say)`.
    public let name: String

    /// A name in a template.
    public init(template: String, name: String) {
        self.template = template
        self.name = name
    }

    /// `template: name`.
    public var description: String { "\(template): \(name)" }
}

extension PageTemplateLibrary {
    /// The names in `template`, and in every partial it renders, that no value can answer
    /// when the outermost value has the names of `root`: walked against the types' shapes,
    /// not against data, so a name inside a section that one codex never opens is checked
    /// as well as any other.
    ///
    /// - Parameter dynamicPartials: for each dynamic partial (`{{>*body}}`) by the name
    ///   that holds its template's name, the templates it may name.
    public func unresolvedNames(in template: String, root: [String: PageShape],
                                dynamicPartials: [String: [String]] = [:]) -> [UnresolvedName] {
        guard let parsed = self.template(named: template) else { return [] }
        var walker = ShapeWalker(library: self, dynamicPartials: dynamicPartials)
        walker.walk(parsed, named: template, stack: [.names(root)], inSequence: false)
        var seen = Set<UnresolvedName>()
        return walker.unresolved.filter { seen.insert($0).inserted }
    }
}

/// What a value on the stack answers, as far as shapes tell.
private indirect enum Frame {
    case names([String: PageShape])
    case value(PageShape)

    init(_ shape: PageShape) {
        switch shape {
        case .object(let type): self = .names(type.fields)
        case .table(let names): self = .names(Dictionary(uniqueKeysWithValues: names.map { ($0, PageShape.text) }))
        default: self = .value(shape)
        }
    }

    /// The frame as a shape, for `{{.}}`.
    var shape: PageShape {
        switch self {
        case .names(let names): return .table(Set(names.keys))
        case .value(let shape): return shape
        }
    }

    func member(_ name: String) -> PageShape? {
        guard case .names(let names) = self else { return nil }
        return names[name]
    }
}

private struct ShapeWalker {
    let library: PageTemplateLibrary
    let dynamicPartials: [String: [String]]
    var unresolved: [UnresolvedName] = []
    /// Partials being walked, so that a recursive partial is walked once.
    private var active: Set<String> = []

    init(library: PageTemplateLibrary, dynamicPartials: [String: [String]]) {
        self.library = library
        self.dynamicPartials = dynamicPartials
    }

    mutating func walk(_ template: PageTemplate, named name: String, stack: [Frame], inSequence: Bool) {
        for node in template.nodes {
            switch node {
            case .text, .contentType:
                break
            case .variable(let tag, _):
                _ = resolve(tag, in: name, stack: stack, inSequence: inSequence)
            case .section(let tag, let inner):
                switch resolve(tag, in: name, stack: stack, inSequence: inSequence) {
                case .list(let element)?: walk(inner, named: name, stack: stack + [Frame(element)], inSequence: true)
                case .flag?, nil: walk(inner, named: name, stack: stack, inSequence: inSequence)
                case let shape?: walk(inner, named: name, stack: stack + [Frame(shape)], inSequence: false)
                }
            case .invertedSection(let tag, let inner):
                switch resolve(tag, in: name, stack: stack, inSequence: inSequence) {
                case .list?: walk(inner, named: name, stack: stack + [.value(.list(.text))], inSequence: false)
                default: walk(inner, named: name, stack: stack, inSequence: inSequence)
                }
            case .blockDefinition(_, let inner), .blockExpansion(_, let inner, _):
                walk(inner, named: name, stack: stack, inSequence: false)
            case .partial(let partial, _, let overrides):
                for block in overrides?.values.map({ $0 }) ?? [] { walk(block, named: name, stack: stack, inSequence: false) }
                walkPartial(partial, stack: stack)
            case .dynamicPartial(let tag, _, let overrides):
                if resolve(tag, in: name, stack: stack, inSequence: inSequence) == nil { continue }
                for block in overrides?.values.map({ $0 }) ?? [] { walk(block, named: name, stack: stack, inSequence: false) }
                for partial in dynamicPartials[tag.written] ?? [] { walkPartial(partial, stack: stack) }
            }
        }
    }

    private mutating func walkPartial(_ name: String, stack: [Frame]) {
        guard let template = library.template(named: name), !active.contains(name) else { return }
        active.insert(name)
        walk(template, named: name, stack: stack, inSequence: false)
        active.remove(name)
    }

    /// The shape a tag's name stands for, or nil (and the name recorded) when none can.
    private mutating func resolve(_ tag: PageName, in template: String, stack: [Frame], inSequence: Bool) -> PageShape? {
        var shape: PageShape?
        var transforms = tag.transforms[...]
        switch tag.start {
        case .current:
            shape = stack.last?.shape
        case .sequence:
            if inSequence, let transform = transforms.popFirst() {
                switch transform {
                case "first", "last", "even", "odd": shape = .flag
                case "index": shape = .number
                default: shape = nil
                }
            }
        case .innermost:
            shape = stack.last.flatMap { member(of: $0, path: tag.path[...]) }
        case .stack:
            if let first = tag.path.first {
                if let frame = stack.last(where: { $0.member(first.name) != nil }) {
                    shape = member(of: frame, path: tag.path[...])
                }
            } else {
                shape = stack.last?.shape
            }
        }
        for transform in transforms {
            guard let current = shape else { break }
            shape = Self.transform(current, transform)
        }
        if shape == nil { unresolved.append(UnresolvedName(template: template, name: tag.written)) }
        return shape
    }

    private func member(of frame: Frame, path: ArraySlice<PageKey>) -> PageShape? {
        guard let first = path.first, var shape = frame.member(first.name) else { return nil }
        for key in path.dropFirst() {
            guard let next = Frame(shape).member(key.name) else { return nil }
            shape = next
        }
        return shape
    }

    private static func transform(_ shape: PageShape, _ name: String) -> PageShape? {
        switch (shape, name) {
        case (.text, "empty"): return .flag
        case (.text, "capitalized"), (.text, "lowercased"), (.text, "uppercased"), (.text, "reversed"): return .text
        case (.list(let element), "first"), (.list(let element), "last"): return element
        case (.list, "reversed"): return shape
        case (.list, "count"): return .number
        case (.list, "empty"): return .flag
        case (.list(.text), "sorted"): return shape
        case (.number, "equalzero"), (.number, "even"), (.number, "odd"): return .flag
        case (.number, "plusone"), (.number, "minusone"): return .number
        case (.object, "count"), (.table, "count"): return .number
        case (.object, "empty"), (.table, "empty"): return .flag
        default: return nil
        }
    }
}
