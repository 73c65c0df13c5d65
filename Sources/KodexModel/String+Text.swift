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
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isSpace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(scalar)
        }
        return String(scalars).lowercased()
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
        for word in split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

extension Unicode.Scalar {
    /// White space, answered without a property lookup for ASCII.
    package var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}
