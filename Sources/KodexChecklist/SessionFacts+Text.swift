/// Session facts as a store keeps them: one short text per session, read back without
/// allocating for what a report does not need.
///
/// Numbers are written in decimal and end in `,`; a text is its length in UTF-8 bytes,
/// `:` and the bytes, so any text (a note with newlines, commas or quotation marks)
/// needs no escaping. The text begins with the format's version.
extension SessionFacts {
    /// The version of the text written by ``encoded``.
    public static let textVersion = 1

    /// The facts as one text.
    public var encoded: String {
        var writer = Writer()
        writer.number(Self.textVersion)
        writer.list(firstStepIDs) { $0.text($1) }
        writer.optional(outcome) { $0.text($1) }
        writer.list(steps) { writer, step in
            writer.text(step.step)
            writer.number(step.entered ? 1 : 0)
            writer.number(step.spent)
            writer.optional(step.skipReason) { $0.text($1) }
            writer.optional(step.branch) { $0.text($1) }
            writer.optional(step.leftOpen) { $0.list($1) { $0.text($1) } }
            writer.list(step.checks) { writer, check in
                writer.text(check.item)
                writer.number((check.checked ? 1 : 0) + (check.whileRunning ? 2 : 0))
            }
            writer.list(step.notes) { $0.text($1) }
        }
        return writer.text
    }

    /// The facts `text` holds, or nil when it is not facts of this version.
    public init?(encoded text: String) {
        var text = text
        let facts: SessionFacts? = text.withUTF8 { bytes in
            var reader = SessionFactsReader(bytes)
            return reader.facts()
        }
        guard let facts else { return nil }
        self = facts
    }

    /// Writes the text's bytes into one buffer. Building a `String` piece by piece, with
    /// each number formatted through the generic `String(_:)`, was a sixth of an import.
    private struct Writer {
        private var bytes: [UInt8] = []

        init() {
            bytes.reserveCapacity(512)
        }

        /// The text written; every piece is whole UTF-8, so nothing is repaired.
        var text: String { String(decoding: bytes, as: UTF8.self) }

        mutating func number(_ value: Int) {
            number(Int64(value))
        }

        mutating func number(_ value: Int64) {
            decimal(value)
            bytes.append(UInt8(ascii: ","))
        }

        mutating func text(_ value: String) {
            decimal(Int64(value.utf8.count))
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: value.utf8)
        }

        /// `value` in decimal, as `String(value)` writes it.
        private mutating func decimal(_ value: Int64) {
            if value >= 0, value < 10 { return bytes.append(UInt8(ascii: "0") + UInt8(value)) }
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            var rest = value.magnitude
            let start = bytes.count
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            bytes[start...].reverse()
        }

        mutating func list<Element>(_ values: [Element], _ write: (inout Writer, Element) -> Void) {
            number(values.count)
            for value in values { write(&self, value) }
        }

        mutating func optional<Value>(_ value: Value?, _ write: (inout Writer, Value) -> Void) {
            guard let value else { return number(0) }
            number(1)
            write(&self, value)
        }
    }
}

/// Reads the text of ``SessionFacts/encoded`` from its bytes: a report reads facts this
/// way, one step at a time, making a `String` only of what it counts.
///
/// Its reading functions are inlinable: a report calls them a few dozen times for each of
/// a million sessions, and a call across modules for each number was a tenth of its time.
public struct SessionFactsReader: ~Copyable {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline var position = 0
    /// Whether everything read so far was well formed.
    public var isValid: Bool { valid }
    @usableFromInline var valid = true

    /// A reader of `bytes`, which must outlive it.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether every byte was read, and well formed.
    public var isComplete: Bool { valid && position == bytes.count }

    /// The next number; 0 and invalid when there is none.
    @inlinable @inline(__always)
    public mutating func number() -> Int64 {
        // Most numbers are one digit (flags, counts, a present value).
        if bytes.count - position >= 2, bytes[position + 1] == UInt8(ascii: ","), bytes[position] &- UInt8(ascii: "0") < 10 {
            defer { position += 2 }
            return Int64(bytes[position] &- UInt8(ascii: "0"))
        }
        var value: Int64 = 0
        var digits = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ",") {
                if digits == 0 { valid = false }
                return value
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { break }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            digits += 1
        }
        valid = false
        position = bytes.count
        return 0
    }

    /// A count: a number no larger than the bytes left could hold.
    @inlinable @inline(__always)
    public mutating func count() -> Int {
        let value = number()
        guard value <= Int64(bytes.count - position) else {
            valid = false
            position = bytes.count
            return 0
        }
        return Int(value)
    }

    /// The next text's bytes, valid while the reader's bytes are.
    @inlinable @inline(__always)
    public mutating func textBytes() -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[textRange()])
    }

    /// Where the next text's bytes are among the reader's bytes: what a caller keeps of a
    /// text it may need once the facts are read whole.
    @inlinable @inline(__always)
    public mutating func textRange() -> Range<Int> {
        var length = 0
        var digits = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ":"), digits > 0, length <= bytes.count - position {
                let start = position
                position += length
                return start ..< start + length
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 12 else { break }
            length = length * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        valid = false
        position = bytes.count
        return bytes.count ..< bytes.count
    }

    /// The next text.
    public mutating func text() -> String { String(decoding: textBytes(), as: UTF8.self) }

    /// Whether an optional value follows (and is to be read next).
    @inlinable @inline(__always)
    public mutating func present() -> Bool {
        switch number() {
        case 0: return false
        case 1: return true
        default:
            valid = false
            position = bytes.count
            return false
        }
    }

    /// The whole facts, or nil when the text is not facts of this version.
    public mutating func facts() -> SessionFacts? {
        guard number() == Int64(SessionFacts.textVersion) else { return nil }
        var facts = SessionFacts()
        facts.firstStepIDs = (0 ..< count()).map { _ in text() }
        facts.outcome = present() ? text() : nil
        for _ in 0 ..< count() {
            var step = SessionFacts.StepFacts(step: text())
            step.entered = number() == 1
            step.spent = number()
            step.skipReason = present() ? text() : nil
            step.branch = present() ? text() : nil
            step.leftOpen = present() ? (0 ..< count()).map { _ in text() } : nil
            step.checks = (0 ..< count()).map { _ in
                let item = text()
                let flags = number()
                return SessionFacts.Check(item: item, checked: flags & 1 != 0, whileRunning: flags & 2 != 0)
            }
            step.notes = (0 ..< count()).map { _ in text() }
            facts.steps.append(step)
        }
        return isComplete ? facts : nil
    }
}
