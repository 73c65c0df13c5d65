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
                if byte < 0x80 {
                    if byte == 0x20 || (0x09...0x0D).contains(byte) {
                        pendingSpace = !output.isEmpty
                    } else {
                        if pendingSpace { output.append(0x20); pendingSpace = false }
                        output.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
                    }
                    index += 1
                    continue
                }
                let end = min(bytes.count, index + Unicode.Scalar.utf8Length(lead: byte))
                guard let scalar = Unicode.Scalar(utf8: UnsafeBufferPointer(rebasing: bytes[index ..< end])) else {
                    // Not reached for a Swift string, which is valid UTF-8; kept as it is.
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index ..< end]))
                    index = end
                    continue
                }
                index = end
                if scalar.isSpace {
                    pendingSpace = !output.isEmpty
                    continue
                }
                if pendingSpace { output.append(0x20); pendingSpace = false }
                scalar.forEachLowercase { UTF8.encode($0) { output.append($0) } }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }
}

extension String {
    /// Whether the text is empty or white space only.
    package var isBlank: Bool { unicodeScalars.allSatisfy(\.isSpace) }
}

extension String {
    /// The text's words joined into lines of at most `width` characters; a word longer
    /// than a line breaks with a hyphen (see ``wrapped(columns:width:)``).
    package func wrappedLines(width: Int) -> [String] {
        let lines = wrapped(columns: width)
        return lines == [""] ? [] : lines
    }

    /// The text's words, split at white space, joined into lines of at most `columns`, as
    /// `width` measures them (characters by default; terminal cells for the terminal).
    ///
    /// Nothing is ever cut off: a word longer than a line breaks after a hyphen of its own
    /// where it has one in reach, else with a hyphen added, and goes on on the next line.
    /// Empty text gives one empty line.
    package func wrapped(columns: Int, width: ((Substring) -> Int)? = nil) -> [String] {
        let columns = max(2, columns)
        // Characters by default, counted as scalars where every scalar is a character of
        // its own: below U+0300 none combines, which covers Hungarian and English text
        // and spares grapheme breaking, the costliest part of wrapping a handbook's labels.
        let width = width ?? { text in
            text.unicodeScalars.allSatisfy { $0.value < 0x300 && $0 != "\r" } ? text.unicodeScalars.count : text.count
        }
        // Each piece, and whether the next piece continues the same word.
        var pieces: [(text: Substring, width: Int, continues: Bool)] = []
        for word in words {
            var rest = word
            var restWidth = width(rest)
            while restWidth > columns {
                // The longest head that fits with room for a hyphen.
                var end = rest.startIndex
                var used = 0
                while end < rest.endIndex {
                    let next = rest.index(after: end)
                    let cells = width(rest[end..<next])
                    if used + cells > columns - 1 { break }
                    used += cells
                    end = next
                }
                if end == rest.startIndex { end = rest.index(after: end) }
                let head = rest[..<end]
                // A hyphen of the word's own may take the line's last column, where an added
                // one would have gone.
                let reach = end < rest.endIndex && rest[end] == "-" ? rest.index(after: end) : end
                if let hyphen = rest[..<reach].lastIndex(of: "-"), hyphen > head.startIndex {
                    let piece = rest[...hyphen]
                    pieces.append((piece, width(piece), true))
                    rest = rest[rest.index(after: hyphen)...]
                } else {
                    pieces.append((head + "-", width(head) + 1, true))
                    rest = rest[end...]
                }
                restWidth = width(rest)
            }
            if !rest.isEmpty { pieces.append((rest, restWidth, false)) }
        }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var joins = false
        for piece in pieces {
            let gap = line.isEmpty || joins ? 0 : 1
            if !line.isEmpty, lineWidth + gap + piece.width > columns {
                lines.append(line)
                line = String(piece.text)
                lineWidth = piece.width
            } else {
                line += (gap == 1 ? " " : "") + piece.text
                lineWidth += gap + piece.width
            }
            joins = piece.continues
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }
}

extension String {
    /// The text split at white space, as `split(whereSeparator: \.isWhitespace)` splits
    /// it, but scalar by scalar against the fixed list of Unicode's white space: the
    /// handbook wraps every diagram label, and asking each character for its properties
    /// was most of that work.
    package var words: [Substring] {
        var words: [Substring] = []
        var start: String.Index?
        let scalars = unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            if scalars[index].isWhiteSpace {
                if let wordStart = start { words.append(self[wordStart ..< index]) }
                start = nil
            } else if start == nil {
                start = index
            }
            index = next
        }
        if let wordStart = start { words.append(self[wordStart...]) }
        return words
    }
}

extension Unicode.Scalar {
    /// Whether the scalar has Unicode's White_Space property, from the property's list.
    package var isWhiteSpace: Bool {
        switch value {
        case 0x09 ... 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000 ... 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

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

    /// White space, answered without a property lookup for ASCII and the accented
    /// letters of Latin scripts (below U+0250 only U+0085 and U+00A0 are white space).
    package var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        if value < 0x250 { return value == 0x85 || value == 0xA0 }
        return properties.isWhitespace
    }
}

extension String {
    /// Whether the two texts fold alike (``folded``): equal but for case and runs of
    /// white space. Read scalar by scalar and stopped at the first difference, since
    /// most texts compared differ early; a difference that canonical equivalence might
    /// still undo (a letter beside an accent written apart) is settled by comparing the
    /// folded strings.
    package func foldsAlike(_ other: String) -> Bool {
        if self == other { return true }
        var mine = FoldedScalars(self), theirs = FoldedScalars(other)
        while true {
            let a = mine.next(), b = theirs.next()
            if a == b {
                if a == nil { return true }
                continue
            }
            if let a, let b, a.isASCII, b.isASCII { return false }
            if (a == nil && b?.isASCII == true) || (b == nil && a?.isASCII == true) { return false }
            return folded == other.folded
        }
    }
}

/// The scalars of a text as ``String/folded`` gives them, made one at a time.
struct FoldedScalars: IteratorProtocol {
    private var scalars: String.UnicodeScalarView.Iterator
    /// Scalars made but not yet given, last first.
    private var pending: [Unicode.Scalar] = []
    private var started = false
    private var spaceBefore = false

    init(_ text: String) { scalars = text.unicodeScalars.makeIterator() }

    mutating func next() -> Unicode.Scalar? {
        if let scalar = pending.popLast() { return scalar }
        while let scalar = scalars.next() {
            if scalar.isSpace {
                spaceBefore = started
                continue
            }
            started = true
            // `pending` is empty here: it holds the rest of a lowercase of several
            // scalars, last first, so that the common single scalar needs no storage.
            var first: Unicode.Scalar?
            scalar.forEachLowercase { lower in
                if first == nil { first = lower } else { pending.append(lower) }
            }
            guard var lower = first else { continue }
            pending.reverse()
            if spaceBefore {
                spaceBefore = false
                pending.append(lower)
                lower = " "
            }
            return lower
        }
        return nil
    }
}

extension Unicode.Scalar {
    /// Hands each scalar of this one's lowercase to `body`, as `String.lowercased()` makes
    /// it, without building a string for each: ASCII from its value, the accented letters
    /// of Latin scripts from a table made once, the rest from Unicode's mapping.
    func forEachLowercase(_ body: (Unicode.Scalar) -> Void) {
        if value < 0x80 {
            body((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value) | 0x20) : self)
        } else if let latin = LatinLowercase.of(self) {
            body(latin)
        } else {
            for lower in properties.lowercaseMapping.unicodeScalars { body(lower) }
        }
    }
}

/// The lowercase of the letters of Latin scripts outside ASCII (U+0080 to U+024F: the
/// accented letters of Hungarian and its neighbours), looked up rather than asked of
/// Unicode's properties, which builds a string for every scalar.
enum LatinLowercase {
    private static let first: UInt32 = 0x80
    private static let table: [Unicode.Scalar?] = (first...0x24F).map { value in
        guard let scalar = Unicode.Scalar(value) else { return nil }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first : nil
    }

    /// The one scalar that lowercases `scalar`, or `nil` when it is outside the table or
    /// lowercases to more than one scalar.
    static func of(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let offset = Int(scalar.value) - Int(first)
        guard offset >= 0, offset < table.count else { return nil }
        return table[offset]
    }
}
