/// Line-oriented views of a file's bytes that agree with libyaml's idea of lines.
///
/// libyaml ends a line at CRLF, CR or LF (and at NEL, LS and PS), and counts columns in
/// Unicode scalars. Every position shown to a user goes through these helpers so that a
/// caret lands under the right character even in a file saved on Windows.
public enum SourceText {
    /// The position of the byte at `offset`.
    public static func position(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        var line = 1
        var column = 1
        var index = 0
        let limit = min(offset, bytes.count)
        while index < limit {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte == 0x0D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A, index + 1 < limit {
                    index += 1
                }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: column)
    }

    /// The text of each line, without its line break, decoded leniently.
    public static func lines(of bytes: [UInt8]) -> [Substring] {
        let text = String(decoding: bytes, as: UTF8.self)
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        let breaks: Set<Character> = ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"]
        while index < text.endIndex {
            if breaks.contains(text[index]) {
                result.append(text[start..<index])
                index = text.index(after: index)
                start = index
            } else {
                index = text.index(after: index)
            }
        }
        result.append(text[start..<text.endIndex])
        return result
    }

    /// The character at `position`, when there is one.
    static func character(at position: SourcePosition, in bytes: UnsafeBufferPointer<UInt8>) -> Character? {
        let lines = lines(of: Array(bytes))
        guard position.line >= 1, position.line <= lines.count else { return nil }
        let scalars = lines[position.line - 1].unicodeScalars
        guard position.column >= 1, position.column <= scalars.count else { return nil }
        return Character(scalars[scalars.index(scalars.startIndex, offsetBy: position.column - 1)])
    }
}
