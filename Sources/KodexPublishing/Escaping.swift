import KodexModel

/// Escapes codex text for the place it lands in the published handbook.
enum Escaping {
    /// Plain codex text as inline Markdown: the characters Markdown could read as
    /// syntax are backslash-escaped, block markers at the start are neutralised, and line
    /// breaks become spaces, so no text can start a heading or a list, break a table row
    /// or open raw HTML.
    static func markdownInline(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previousWasSpace = false
        var atStart = true, onlyDigits = true
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" {
                if !previousWasSpace { result.append(" ") }
                previousWasSpace = true
                onlyDigits = false
                continue
            }
            previousWasSpace = scalar == " "
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&":
                result.append("\\")
            case "#", "-", "+", "=":
                // Only at the start can these begin a heading or a list item.
                if atStart { result.append("\\") }
            case "." where onlyDigits && !atStart:
                result.append("\\")
            default:
                break
            }
            result.append(scalar)
            if !scalar.isSpace { atStart = false }
            if !("0"..."9").contains(scalar) { onlyDigits = false }
        }
        return String(result)
    }

    /// Text for an HTML text node or a quoted attribute value: `&`, `<`, `>`, `"` and
    /// `'` become entities. Text without them is returned as it is.
    static func html(_ text: String) -> String {
        let needsEscaping = text.utf8.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard needsEscaping else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes += Array("&amp;".utf8)
            case 0x3C: bytes += Array("&lt;".utf8)
            case 0x3E: bytes += Array("&gt;".utf8)
            case 0x22: bytes += Array("&quot;".utf8)
            case 0x27: bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Escaping {
    /// A Markdown field passed through to the Markdown handbook, made inert: raw HTML
    /// cannot open (`<` is escaped) and `javascript:`, `vbscript:` and `data:` links
    /// lose their scheme.
    static func markdownBlock(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            if character == "<" { result += "\\<" } else { result.append(character) }
        }
        for scheme in ["javascript:", "vbscript:", "data:"] {
            result = defang(result, scheme)
        }
        return result
    }

    /// Inserts a backslash before the colon of every `scheme`, matched ignoring ASCII case;
    /// comparing scalar by scalar keeps positions right whatever else the text holds.
    private static func defang(_ text: String, _ scheme: String) -> String {
        let original = Array(text.unicodeScalars)
        let needle = Array(scheme.unicodeScalars)
        func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
        }
        var output = String.UnicodeScalarView()
        var index = 0
        while index < original.count {
            if index + needle.count <= original.count,
               needle.indices.allSatisfy({ lowercased(original[index + $0]) == needle[$0] }) {
                output.append(contentsOf: original[index..<index + needle.count - 1])
                output.append("\\")
                output.append(":")
                index += needle.count
            } else {
                output.append(original[index])
                index += 1
            }
        }
        return String(output)
    }
}
