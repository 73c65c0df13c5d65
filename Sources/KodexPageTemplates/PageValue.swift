import Synchronization

/// What a page template can show: the handbook's typed data, as the templates see it.
///
/// Templates look names up in objects and walk lists; text, numbers and flags are the
/// leaves. A value is truthy in a section unless it is `false`, an empty list or absent,
/// as in every Mustache implementation the project has used: an empty text or a zero
/// still opens a section.
public enum PageValue: Sendable {
    /// Text, escaped for the template's content type unless the tag is triple.
    case text(String)
    /// A whole number.
    case number(Int)
    /// A flag, which opens or closes a section.
    case flag(Bool)
    /// A list, whose section is rendered once per element.
    case list([PageValue])
    /// An object with named values.
    case object(any PageObject)

    /// A list of texts.
    public static func texts(_ texts: [String]) -> PageValue { .list(texts.map(PageValue.text)) }

    /// A list of objects.
    public static func objects(_ objects: [some PageObject]) -> PageValue { .list(objects.map { .object($0) }) }
}

/// Data a page template reads by name: each page, and each part of one, is a value type
/// that says which names it answers.
///
/// Conforming types usually list their names once, in a ``PageFields`` table, which
/// answers both `value(named:)` and `fields`.
public protocol PageObject: Sendable {
    /// The value under `name`, or nil when this object has no value there (an absent
    /// optional, or a name this type does not know).
    func value(named name: String) -> PageValue?

    /// The value under `key`: what the renderer asks, since a key is found without
    /// hashing its name. By default, ``value(named:)`` of the key's name.
    func value(for key: PageKey) -> PageValue?

    /// Every name objects of this type can answer, with the shape of its value: what a
    /// check of the templates against the data walks, so that a tag that can never
    /// resolve is found before any page is rendered.
    static var fields: [String: PageShape] { get }
}

extension PageObject {
    /// The value under the key's name.
    public func value(for key: PageKey) -> PageValue? { value(named: key.name) }
}

/// A name a template or a page type uses, numbered once per process so that a lookup is
/// an index into a table rather than a hash of the name.
public struct PageKey: Sendable, Hashable {
    /// The number, the same for the same name throughout the process.
    public let id: Int
    /// The name.
    public let name: String

    /// The key of `name`.
    public init(_ name: String) {
        self.name = name
        id = Self.registry.withLock { numbers in
            if let id = numbers[name] { return id }
            numbers[name] = numbers.count
            return numbers.count - 1
        }
    }

    private static let registry = Mutex<[String: Int]>([:])
}

/// The shape of a value under a name, for checking templates against the data.
public indirect enum PageShape: Sendable {
    /// Text.
    case text
    /// A whole number.
    case number
    /// A flag.
    case flag
    /// A list of values of one shape.
    case list(PageShape)
    /// An object of the given type.
    case object(any PageObject.Type)
    /// An object whose names are only known at run time, such as a table of labels.
    case table(Set<String>)
}

/// The names a ``PageObject`` type answers, each with the code that reads it: written
/// once per type, it gives both the lookup and the shapes.
public struct PageFields<Object>: Sendable {
    /// One name's reader and shape.
    public struct Field: Sendable {
        let shape: PageShape
        let read: @Sendable (Object) -> PageValue?

        /// Text.
        public static func text(_ read: @escaping @Sendable (Object) -> String) -> Field {
            Field(shape: .text) { .text(read($0)) }
        }

        /// Text that may be absent, which closes the section named after it.
        public static func optionalText(_ read: @escaping @Sendable (Object) -> String?) -> Field {
            Field(shape: .text) { read($0).map(PageValue.text) }
        }

        /// A whole number.
        public static func number(_ read: @escaping @Sendable (Object) -> Int) -> Field {
            Field(shape: .number) { .number(read($0)) }
        }

        /// A flag.
        public static func flag(_ read: @escaping @Sendable (Object) -> Bool) -> Field {
            Field(shape: .flag) { .flag(read($0)) }
        }

        /// A list of texts.
        public static func texts(_ read: @escaping @Sendable (Object) -> PageList<String>) -> Field {
            Field(shape: .list(.text)) { .list(read($0).values) }
        }

        /// A list of objects.
        public static func list<Element: PageObject>(_ read: @escaping @Sendable (Object) -> PageList<Element>) -> Field {
            Field(shape: .list(.object(Element.self))) { .list(read($0).values) }
        }

        /// An object that may be absent.
        public static func object<Value: PageObject>(_ read: @escaping @Sendable (Object) -> Value?) -> Field {
            Field(shape: .object(Value.self)) { read($0).map { .object($0) } }
        }

        /// Any value, of a shape given here: for data whose names are only known at run time.
        public static func value(_ shape: PageShape, _ read: @escaping @Sendable (Object) -> PageValue?) -> Field {
            Field(shape: shape, read: read)
        }
    }

    private let readers: [String: @Sendable (Object) -> PageValue?]
    /// The readers by key number; names this table does not know have none.
    private let slots: [(@Sendable (Object) -> PageValue?)?]
    /// Each name with the shape of its value.
    public let shapes: [String: PageShape]

    /// A table of the given names. A name given twice keeps its first reader.
    public init(_ fields: KeyValuePairs<String, Field>) {
        var readers: [String: @Sendable (Object) -> PageValue?] = [:]
        var shapes: [String: PageShape] = [:]
        var slots: [(@Sendable (Object) -> PageValue?)?] = []
        for (name, field) in fields where readers[name] == nil {
            readers[name] = field.read
            shapes[name] = field.shape
            let key = PageKey(name)
            if slots.count <= key.id { slots += Array(repeating: nil, count: key.id + 1 - slots.count) }
            slots[key.id] = field.read
        }
        self.readers = readers
        self.slots = slots
        self.shapes = shapes
    }

    /// The value `object` holds under `name`.
    public func value(of object: Object, named name: String) -> PageValue? {
        readers[name]?(object)
    }

    /// The value `object` holds under `key`.
    public func value(of object: Object, for key: PageKey) -> PageValue? {
        key.id < slots.count ? slots[key.id]?(object) : nil
    }
}

/// A table of texts by name, such as the handbook's labels: names are data, not fields.
public struct PageTable: PageObject {
    /// The texts by name.
    public let texts: [String: String]

    /// A table of the given texts.
    public init(_ texts: [String: String]) {
        self.texts = texts
    }

    /// The text under `name`.
    public func value(named name: String) -> PageValue? {
        texts[name].map(PageValue.text)
    }

    /// A table has no fixed names: see ``PageShape/table(_:)`` for checking one.
    public static var fields: [String: PageShape] { [:] }
}

/// A ``PageObject`` whose names are listed in one ``PageFields`` table.
public protocol PageRecord: PageObject {
    /// The names this type answers, each with its reader.
    static var table: PageFields<Self> { get }
}

extension PageRecord {
    /// The value under `name`, read through ``table``.
    public func value(named name: String) -> PageValue? { Self.table.value(of: self, named: name) }

    /// The value under `key`, read through ``table``.
    public func value(for key: PageKey) -> PageValue? { Self.table.value(of: self, for: key) }

    /// The names of ``table`` with their shapes.
    public static var fields: [String: PageShape] { table.shapes }
}

extension PageFields.Field {
    /// A list of objects that may be absent, which closes the section named after it.
    public static func optionalList<Element: PageObject>(_ read: @escaping @Sendable (Object) -> PageList<Element>?) -> Self {
        .value(.list(.object(Element.self))) { read($0).map { .list($0.values) } }
    }
}

/// A list of a page's data, held as the values a template walks: made once, so that a
/// template reading it on every page finds it ready, without wrapping each element again.
public struct PageList<Element>: Sendable {
    /// The elements as page values.
    public let values: [PageValue]

    /// Whether the list is empty.
    public var isEmpty: Bool { values.isEmpty }

    /// The number of elements.
    public var count: Int { values.count }
}

extension PageList where Element: PageObject {
    /// A list of objects.
    public init(_ elements: [Element]) {
        values = elements.map { .object($0) }
    }
}

extension PageList where Element == String {
    /// A list of texts.
    public init(_ texts: [String]) {
        values = texts.map(PageValue.text)
    }
}

extension PageList: ExpressibleByArrayLiteral where Element: PageObject {
    /// A list of the given objects, such as `[]` for none.
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}
