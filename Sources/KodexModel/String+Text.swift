extension String {
    /// The text without leading and trailing white space.
    package var trimmed: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    /// The text folded for comparison: trimmed, lowercased, inner white space collapsed.
    package var folded: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}
