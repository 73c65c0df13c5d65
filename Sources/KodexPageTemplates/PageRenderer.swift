import Foundation
import KodexEscaping

/// Named page templates, which find one another as partials and parents.
public struct PageTemplateLibrary: Sendable {
    private var templates: [String: PageTemplate] = [:]

    /// An empty library.
    public init() {}

    /// Adds `template` under `name`, replacing any template of that name.
    public mutating func register(_ template: PageTemplate, named name: String) {
        templates[name] = template
    }

    /// The template named `name`.
    public func template(named name: String) -> PageTemplate? {
        templates[name]
    }

    /// Every template's name, sorted.
    public var names: [String] { templates.keys.sorted() }

    /// `name` rendered with `data` as the outermost value, or nil when there is no
    /// template of that name.
    public func render(_ name: String, with data: PageValue) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(library: self, stack: [data])
        var output = ""
        renderer.render(template, Scope(), into: &output)
        return output
    }

    /// Renders `name` with `data` as the outermost value, handing the text to `emit` in
    /// order, in pieces of about `pieceSize` bytes, so that a long page is never held
    /// whole; `emit` answers whether to go on. Answers false, and emits nothing, when
    /// there is no template of that name.
    ///
    /// The pieces joined are the text ``render(_:with:)`` makes. A piece ends only where
    /// a tag or literal text ends, so it is whole UTF-8.
    public func render(_ name: String, with data: PageValue, inPiecesOf pieceSize: Int,
                       _ emit: (String) -> Bool) -> Bool {
        guard let template = templates[name] else { return false }
        withoutActuallyEscaping(emit) { emit in
            var renderer = Renderer(library: self, stack: [data], emit: emit, pieceSize: pieceSize)
            var output = ""
            renderer.render(template, Scope(), into: &output)
            if !renderer.stopped, !output.isEmpty { _ = emit(output) }
        }
        return true
    }
}

/// Where a list's iteration stands, for `first()`, `last()`, `index()`, `even()` and `odd()`.
private struct SequencePosition {
    var first: Bool
    var last: Bool
    var index: Int
}

/// What a template renders in besides the values: set by sections, partials and pragmas.
private struct Scope {
    var sequence: SequencePosition?
    var indentation: String?
    var inherited: [String: PageTemplate]?
    var contentType = PageContentType.html

    /// The scope of a partial or block, indented further by `indentation` if given.
    func indented(by indentation: String?) -> Scope {
        var scope = self
        scope.sequence = nil
        if let indentation { scope.indentation = (self.indentation ?? "") + indentation }
        return scope
    }
}

/// Renders templates into one growing text, with the values of the enclosing sections
/// on a stack.
private struct Renderer {
    let library: PageTemplateLibrary
    var stack: [PageValue]
    /// Takes the page's text piece by piece, when it is not wanted whole.
    var emit: ((String) -> Bool)?
    var pieceSize = Int.max
    /// How many pieces of text, to be indented as a whole, are being rendered: what goes
    /// into one of them cannot be handed on yet.
    var nesting = 0
    /// Set once `emit` has asked to stop: nothing more is rendered.
    var stopped = false

    mutating func render(_ template: PageTemplate, _ scope: Scope, into output: inout String) {
        var scope = scope
        guard let indentation = scope.indentation, !indentation.isEmpty else {
            for node in template.nodes {
                guard !stopped else { return }
                render(node, &scope, into: &output)
                if nesting == 0, output.utf8.count >= pieceSize, let emit {
                    stopped = !emit(output)
                    output.removeAll(keepingCapacity: true)
                }
            }
            return
        }
        // Inside an indented partial, each piece that starts a line is indented.
        nesting += 1
        defer { nesting -= 1 }
        var text = ""
        for node in template.nodes {
            var piece = ""
            render(node, &scope, into: &piece)
            if !piece.isEmpty, text.last == "\n" { text += indentation }
            text += piece
        }
        output += text
    }

    private mutating func render(_ node: PageTemplate.Node, _ scope: inout Scope, into output: inout String) {
        switch node {
        case .text(let text):
            output += text

        case .variable(let name, let escaped):
            guard let value = resolve(name, scope) else { return }
            let text: String
            switch value {
            case .text(let string): text = string
            case .number(let number): text = String(number)
            case .flag(let flag): text = flag ? "true" : "false"
            case .list, .object: return
            }
            guard escaped else {
                output += text
                return
            }
            switch scope.contentType {
            case .html: Escaping.appendHTML(text, to: &output)
            case .markdown: output += Escaping.markdownInline(text)
            case .text: output += text
            }

        case .section(let name, let template):
            switch resolve(name, scope) {
            case .list(let elements)?:
                for (index, element) in elements.enumerated() {
                    var inner = scope
                    inner.sequence = SequencePosition(first: index == 0, last: index == elements.count - 1, index: index)
                    stack.append(element)
                    render(template, inner, into: &output)
                    stack.removeLast()
                }
            case .flag(let flag)?:
                if flag { render(template, scope, into: &output) }
            case let value?:
                var inner = scope
                inner.sequence = nil
                stack.append(value)
                render(template, inner, into: &output)
                stack.removeLast()
            case nil:
                break
            }

        case .invertedSection(let name, let template):
            switch resolve(name, scope) {
            case .list(let elements)?:
                guard elements.isEmpty else { return }
                var inner = scope
                inner.sequence = nil
                stack.append(.list(elements))
                render(template, inner, into: &output)
                stack.removeLast()
            case .flag(let flag)?:
                if !flag { render(template, scope, into: &output) }
            case .some:
                break
            case nil:
                render(template, scope, into: &output)
            }

        case .blockDefinition:
            break

        case .blockExpansion(let name, let template, let indentation):
            render(scope.inherited?[name] ?? template, scope.indented(by: indentation), into: &output)

        case .partial(let name, let indentation, let overrides):
            guard let template = library.template(named: name) else { return }
            render(template, partialScope(scope, indentation, overrides), into: &output)

        case .dynamicPartial(let name, let indentation, let overrides):
            guard case .text(let partial)? = resolve(name, scope), let template = library.template(named: partial) else {
                return
            }
            render(template, partialScope(scope, indentation, overrides), into: &output)

        case .contentType(let contentType):
            scope.contentType = contentType
        }
    }

    /// A partial starts over in HTML, and inherits the blocks its callers override,
    /// the outermost caller's first.
    private func partialScope(_ scope: Scope, _ indentation: String?, _ overrides: [String: PageTemplate]?) -> Scope {
        var inner = scope.indented(by: indentation)
        inner.contentType = .html
        if let overrides {
            inner.inherited = scope.inherited?.merging(overrides) { outer, _ in outer } ?? overrides
        }
        return inner
    }

    // MARK: - Names

    /// The value a name stands for, its transforms applied, or nil.
    private func resolve(_ name: PageName, _ scope: Scope) -> PageValue? {
        if let key = name.simpleKey {
            var index = stack.count - 1
            while index >= 0 {
                if case .object(let object) = stack[index], let value = object.value(for: key) { return value }
                index -= 1
            }
            return nil
        }
        var value: PageValue?
        var transforms = name.transforms[...]
        switch name.start {
        case .current:
            value = stack.last
        case .sequence:
            guard let position = scope.sequence, let transform = transforms.popFirst() else { return nil }
            value = Self.transform(position, transform)
        case .innermost:
            value = stack.last.flatMap { Self.member(of: $0, path: name.path[...]) }
        case .stack:
            guard let first = name.path.first else {
                value = stack.last
                break
            }
            for candidate in stack.reversed() {
                if let found = Self.member(of: candidate, named: first) {
                    value = Self.member(of: found, path: name.path.dropFirst())
                    break
                }
            }
        }
        for transform in transforms {
            guard let current = value else { return nil }
            value = Self.transform(current, transform)
        }
        return value
    }

    private static func member(of value: PageValue, named key: PageKey) -> PageValue? {
        guard case .object(let object) = value else { return nil }
        return object.value(for: key)
    }

    private static func member(of value: PageValue, path: ArraySlice<PageKey>) -> PageValue? {
        var value = value
        for key in path {
            guard let next = member(of: value, named: key) else { return nil }
            value = next
        }
        return value
    }

    // MARK: - Transforms

    private static func transform(_ position: SequencePosition, _ name: String) -> PageValue? {
        switch name {
        case "first": return .flag(position.first)
        case "last": return .flag(position.last)
        case "index": return .number(position.index)
        case "even": return .flag(position.index & 1 == 0)
        case "odd": return .flag(position.index & 1 == 1)
        default: return nil
        }
    }

    private static func transform(_ value: PageValue, _ name: String) -> PageValue? {
        switch value {
        case .text(let text):
            switch name {
            case "empty": return .flag(text.isEmpty)
            case "capitalized": return .text(text.capitalized)
            case "lowercased": return .text(text.lowercased())
            case "uppercased": return .text(text.uppercased())
            case "reversed": return .text(String(text.reversed()))
            default: return nil
            }
        case .list(let elements):
            switch name {
            case "first": return elements.first
            case "last": return elements.last
            case "reversed": return .list(elements.reversed())
            case "count": return .number(elements.count)
            case "empty": return .flag(elements.isEmpty)
            case "sorted":
                var texts: [String] = []
                for element in elements {
                    guard case .text(let text) = element else { return nil }
                    texts.append(text)
                }
                return .texts(texts.sorted())
            default: return nil
            }
        case .number(let number):
            switch name {
            case "equalzero": return .flag(number == 0)
            case "plusone": return .number(number + 1)
            case "minusone": return .number(number - 1)
            case "even": return .flag(number & 1 == 0)
            case "odd": return .flag(number & 1 == 1)
            default: return nil
            }
        case .object(let object):
            // An object counts the names it holds a value under, as a dictionary does.
            let count = (object as? PageTable)?.texts.count
                ?? type(of: object).fields.keys.filter { object.value(named: $0) != nil }.count
            switch name {
            case "count": return .number(count)
            case "empty": return .flag(count == 0)
            default: return nil
            }
        case .flag:
            return nil
        }
    }
}
