/// What a link or image in a codex's Markdown points at, judged the way a browser would
/// read it: after HTML entities and percent-escapes are decoded and the white space and
/// control characters a browser skips are removed, so `JaVa&#83;cript:` and
/// `java%0Ascript:` are caught as surely as `javascript:`.
public enum LinkDestination: Sendable, Hashable {
    /// A script or inline data: `javascript:`, `vbscript:` or `data:`; never published.
    case dangerous(scheme: String)
    /// A page or file on another host (`http:`, `https:`, `//host`): it needs a network
    /// and tells that host who reads the handbook.
    case remote
    /// Anything else: a fragment, a relative path, `mailto:` or `tel:`.
    case local

    /// Judges `destination` as written in Markdown.
    public init(_ destination: String) {
        let normalized = Self.normalized(destination)
        for scheme in ["javascript:", "vbscript:", "data:"] where normalized.hasPrefix(scheme) {
            self = .dangerous(scheme: String(scheme.dropLast()))
            return
        }
        if normalized.hasPrefix("http:") || normalized.hasPrefix("https:") || normalized.hasPrefix("//")
            || normalized.hasPrefix("ftp:") {
            self = .remote
        } else {
            self = .local
        }
    }

    /// The destination lowercased, with entities and percent-escapes decoded (repeatedly,
    /// as nested escapes may be) and white space and control characters removed.
    static func normalized(_ destination: String) -> String {
        var text = destination
        for _ in 0..<3 {
            let decoded = percentDecoded(entityDecoded(text))
            if decoded == text { break }
            text = decoded
        }
        let kept = text.unicodeScalars.filter { !($0.value <= 0x20 || (0x7F...0x9F).contains($0.value) || $0.properties.isWhitespace) }
        return String(String.UnicodeScalarView(kept)).lowercased()
    }

    private static let namedEntities: [String: String] = [
        "colon": ":", "tab": "\t", "newline": "\n", "sol": "/", "amp": "&", "lpar": "(", "rpar": ")",
        "period": ".", "nbsp": " ", "quot": "\"", "apos": "'", "lt": "<", "gt": ">", "num": "#", "percnt": "%",
    ]

    private static func entityDecoded(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "#" }
            var decoded: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = namedEntities[name.lowercased()]
            }
            if let decoded, !name.isEmpty {
                output += decoded
                var next = after.dropFirst(name.count)
                if next.first == ";" { next = next.dropFirst() }
                rest = next
            } else {
                output += "&"
                rest = after
            }
        }
        return output + rest
    }

    private static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
               let value = UInt8(String(decoding: utf8[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
