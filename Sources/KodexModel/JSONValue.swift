/// A JSON value whose objects keep their keys in order, so generated JSON is stable
/// byte for byte and reads in a sensible order.
public indirect enum JSONValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case bool(Bool)
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
        let inner = indent.map { $0 + "  " }
        let newline = indent == nil ? "" : "\n"
        switch self {
        case .string(let text): return Self.quote(text)
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .array(let items):
            if items.isEmpty { return "[]" }
            let parts = items.map { (inner ?? "") + $0.rendered(indent: inner) }
            return "[" + newline + parts.joined(separator: "," + newline) + newline + (indent ?? "") + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            let separator = indent == nil ? ":" : ": "
            let parts = pairs.map { (inner ?? "") + Self.quote($0.0) + separator + $0.1.rendered(indent: inner) }
            return "{" + newline + parts.joined(separator: "," + newline) + newline + (indent ?? "") + "}"
        }
    }

    /// `text` as a JSON string literal; `<`, `>` and `&` are escaped too, so the
    /// result is also safe inside an HTML `<script>` element.
    public static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
