extension String {
    /// The text without leading and trailing white space.
    package var trimmed: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    /// The text folded for comparison: trimmed, lowercased, inner white space collapsed.
    ///
    /// Works on Unicode scalars rather than characters: validation folds every goal,
    /// effect and phrase of a codex, and grapheme breaking would dominate a check.
    package var folded: String {
        var text = self
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let end = min(bytes.count, index + Unicode.Scalar.utf8Length(lead: byte))
                // ASCII is answered from the byte; other characters may be Unicode spaces.
                let isSpace = byte < 0x80
                    ? byte == 0x20 || (0x09...0x0D).contains(byte)
                    : Unicode.Scalar(utf8: UnsafeBufferPointer(rebasing: bytes[index ..< end]))?.isSpace == true
                if isSpace {
                    pendingSpace = !output.isEmpty
                } else {
                    if pendingSpace {
                        output.append(0x20)
                        pendingSpace = false
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index ..< end]))
                }
                index = end
            }
            return String(decoding: output, as: UTF8.self).lowercased()
        }
    }
}

extension String {
    /// Whether the text is empty or white space only.
    package var isBlank: Bool { unicodeScalars.allSatisfy(\.isSpace) }
}

extension String {
    /// The text's words joined into lines of at most `width` characters; a longer word
    /// stands on a line of its own.
    package func wrappedLines(width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        // Counted as the line grows: counting characters walks the whole line each time.
        var length = 0
        for word in split(separator: " ") {
            let wordLength = word.count
            if !line.isEmpty, length + 1 + wordLength > width {
                lines.append(line)
                line = ""
            }
            if line.isEmpty {
                line = String(word)
                length = wordLength
            } else {
                line += " "
                line += word
                length += 1 + wordLength
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

extension Unicode.Scalar {
    /// The number of bytes of the UTF-8 sequence that `lead` starts.
    package static func utf8Length(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    }

    /// The scalar that `bytes`, one UTF-8 sequence of valid text, encode; decoded by
    /// hand for byte-by-byte loops that meet a multi-byte character now and then.
    package init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let lead = bytes.first else { return nil }
        var value = UInt32(lead) & (bytes.count == 1 ? 0x7F : bytes.count == 2 ? 0x1F : bytes.count == 3 ? 0x0F : 0x07)
        for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        self.init(value)
    }

    /// White space, answered without a property lookup for ASCII.
    package var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}
