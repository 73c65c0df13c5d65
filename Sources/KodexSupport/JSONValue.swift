import Foundation

/// A JSON value whose objects keep their keys in order, so generated JSON is stable
/// byte for byte and reads in a sensible order.
public enum JSONValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    /// A number with a fraction, written with at most three decimals.
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered(indent: nil) == rhs.rendered(indent: nil)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rendered(indent: nil))
    }

    /// The value as JSON text, pretty-printed with two spaces, ending with a newline.
    public var pretty: String { rendered(indent: "") + "\n" }

    /// The value as JSON text on one line, without spaces.
    public var compact: String { rendered(indent: nil) }

    private func rendered(indent: String?) -> String {
        var output: [UInt8] = []
        write(into: &output, indent: indent.map { Array($0.utf8) })
        return String(decoding: output, as: UTF8.self)
    }

    // One byte buffer for the whole document: the search index of a large handbook is
    // tens of megabytes, and joining strings level by level copied it many times.
    private func write(into output: inout [UInt8], indent: [UInt8]?) {
        let inner = indent.map { $0 + [0x20, 0x20] }
        switch self {
        case .string(let text):
            Self.quote(text, into: &output)
        case .integer(let number):
            output.append(contentsOf: String(number).utf8)
        case .number(let number):
            output.append(contentsOf: Self.decimal(number).utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null:
            output.append(contentsOf: "null".utf8)
        case .array(let items):
            if items.isEmpty { return output.append(contentsOf: "[]".utf8) }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if let inner { output.append(0x0A); output.append(contentsOf: inner) }
                item.write(into: &output, indent: inner)
            }
            if let indent { output.append(0x0A); output.append(contentsOf: indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let pairs):
            if pairs.isEmpty { return output.append(contentsOf: "{}".utf8) }
            output.append(UInt8(ascii: "{"))
            for (index, pair) in pairs.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if let inner { output.append(0x0A); output.append(contentsOf: inner) }
                Self.quote(pair.0, into: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(0x20) }
                pair.1.write(into: &output, indent: inner)
            }
            if let indent { output.append(0x0A); output.append(contentsOf: indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// `number` with at most three decimals and no trailing zeros; JSON has no infinity.
    private static func decimal(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        var text = String(format: "%.3f", number)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// `text` as a JSON string literal; `<`, `>` and `&` are escaped too, so the
    /// result is also safe inside an HTML `<script>` element.
    public static func quote(_ text: String) -> String {
        var output: [UInt8] = []
        quote(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    package static func quote(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        appendEscaped(text, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Appends `text` as the inside of a JSON string literal, escaped as ``quote(_:)``
    /// escapes it: for writers that build one string from several texts.
    package static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole: most text is such a run.
            var runStart = 0
            var index = 0
            func flush() {
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart ..< index])) }
            }
            while index < bytes.count {
                let byte = bytes[index]
                let escaped: UInt32?, length: Int
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09, UInt8(ascii: "<"), UInt8(ascii: ">"),
                     UInt8(ascii: "&"), ..<0x20:
                    escaped = UInt32(byte)
                    length = 1
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 and U+2029 end a line in JavaScript source.
                    escaped = bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029
                    length = 3
                default:
                    escaped = nil
                    length = 1
                }
                guard let escaped else {
                    index += length
                    continue
                }
                flush()
                escape(escaped, into: &output)
                index += length
                runStart = index
            }
            flush()
        }
    }

    private static func escape(_ value: UInt32, into output: inout [UInt8]) {
        let short: UInt8? = switch value {
        case 0x22: 0x22
        case 0x5C: 0x5C
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        default: nil
        }
        output.append(0x5C)
        if let short { return output.append(short) }
        output.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((value >> UInt32(shift)) & 0xF)
            output.append(digit < 10 ? 0x30 + digit : 0x57 + digit)
        }
    }
}
