import KodexModel

/// Escapes codex text for the place it lands in the published handbook.
public enum Escaping {
    /// Plain codex text as inline Markdown: the characters Markdown could read as
    /// syntax are backslash-escaped, block markers at the start are neutralised, and line
    /// breaks become spaces, so no text can start a heading or a list, break a table row
    /// or open raw HTML.
    public static func markdownInline(_ text: String) -> String {
        // Byte by byte: every Markdown value of a handbook passes through here, and all
        // the characters that matter are ASCII, or a few fixed multi-byte sequences.
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 8)
            var previousWasSpace = false
            var atStart = true, onlyDigits = true
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let lineBreak: Int
                switch byte {
                case 0x0A, 0x0D, 0x09: lineBreak = 1
                case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: lineBreak = 2  // U+0085
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9): lineBreak = 3  // U+2028, U+2029
                default: lineBreak = 0
                }
                if lineBreak > 0 {
                    if !previousWasSpace { output.append(0x20) }
                    previousWasSpace = true
                    onlyDigits = false
                    index += lineBreak
                    continue
                }
                guard byte >= 0x80 else {
                    previousWasSpace = byte == 0x20
                    switch byte {
                    case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                         UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"),
                         UInt8(ascii: "&"):
                        output.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
                        // Only at the start can these begin a heading or a list item.
                        if atStart { output.append(UInt8(ascii: "\\")) }
                    case UInt8(ascii: ".") where onlyDigits && !atStart:
                        output.append(UInt8(ascii: "\\"))
                    default:
                        break
                    }
                    output.append(byte)
                    if byte != 0x20, !(0x09...0x0D).contains(byte) { atStart = false }
                    if !(0x30...0x39).contains(byte) { onlyDigits = false }
                    index += 1
                    continue
                }
                // Any other character is copied whole; at the start, a Unicode space
                // keeps the text at its start.
                let end = min(bytes.count, index + Unicode.Scalar.utf8Length(lead: byte))
                if atStart, Unicode.Scalar(utf8: UnsafeBufferPointer(rebasing: bytes[index ..< end]))?.isSpace != true {
                    atStart = false
                }
                previousWasSpace = false
                onlyDigits = false
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index ..< end]))
                index = end
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Text for an HTML text node or a quoted attribute value: `&`, `<`, `>`, `"` and
    /// `'` become entities. Text without them is returned as it is.
    public static func html(_ text: String) -> String {
        var output = ""
        appendHTML(text, to: &output)
        return output
    }

    /// Appends `text` escaped as ``html(_:)`` escapes it, without a copy of its own: the
    /// page renderer escapes every value it shows this way. Runs between entities are
    /// appended as slices of `text`.
    public static func appendHTML(_ text: String, to output: inout String) {
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index < utf8.endIndex {
            let entity: StaticString
            switch utf8[index] {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default:
                utf8.formIndex(after: &index)
                continue
            }
            // The entities replace ASCII bytes, so the runs end on character boundaries.
            if runStart < index { output += text[runStart ..< index] }
            output += entity.description
            utf8.formIndex(after: &index)
            runStart = index
        }
        if runStart == utf8.startIndex {
            output += text
        } else if runStart < utf8.endIndex {
            output += text[runStart...]
        }
    }
}

extension Escaping {
    /// `text` for the inside of a double-quoted CSS string in a `<style>` element: quotes
    /// and backslashes escaped, and `<`, `>`, `&` and line breaks written as hexadecimal
    /// escapes, so that the text can neither end the string nor the element.
    public static func cssString(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "<", ">", "&", "\n", "\r", "\u{0C}":
                result += "\\" + String(scalar.value, radix: 16) + " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension Escaping {
    /// Text for XML content: markup escaped, and the control characters XML 1.0 cannot hold
    /// dropped, so that hostile text cannot break the document (an HTML parser forgives
    /// them; an XML parser refuses the whole file).
    public static func xml(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            case "\r": output += "&#13;"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Text for a double-quoted XML attribute: as ``xml(_:)``, with tabs and line ends kept
    /// as character references, which attribute normalisation would otherwise turn into spaces.
    public static func xmlAttribute(_ text: String) -> String {
        xml(text).replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\t", with: "&#9;")
    }
}
