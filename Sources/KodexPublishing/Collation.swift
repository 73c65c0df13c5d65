import KodexModel

/// Orders text the way a dictionary of the codex's language does.
///
/// Hungarian sorts the digraphs `cs`, `dz`, `dzs`, `gy`, `ly`, `ny`, `sz`, `ty` and `zs`
/// as letters of their own, `ö` after `o` and `ü` after `u`, and treats `á`, `é`, `í`,
/// `ó`, `ő`, `ú`, `ű` as their short pair unless the words are otherwise equal.
public struct Collation: Sendable {
    let locale: Manifest.Locale

    /// Creates a collation for a locale.
    public init(_ locale: Manifest.Locale) {
        self.locale = locale
    }

    /// Whether `a` sorts before `b`.
    public func less(_ a: String, _ b: String) -> Bool {
        let (ka, kb) = (key(a), key(b))
        if ka.primary != kb.primary { return ka.primary.lexicographicallyPrecedes(kb.primary) }
        if ka.secondary != kb.secondary { return ka.secondary.lexicographicallyPrecedes(kb.secondary) }
        return a < b
    }

    private static let alphabet = ["a", "b", "c", "cs", "d", "dz", "dzs", "e", "f", "g", "gy", "h", "i", "j", "k", "l",
                                   "ly", "m", "n", "ny", "o", "ö", "p", "q", "r", "s", "sz", "t", "ty", "u", "ü", "v",
                                   "w", "x", "y", "z", "zs"]
    private static let rank: [String: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0 + 1000) })
    private static let long: [Character: (Character, Int)] = [
        "á": ("a", 1), "é": ("e", 1), "í": ("i", 1), "ó": ("o", 1), "ő": ("ö", 1), "ú": ("u", 1), "ű": ("ü", 1),
    ]

    private func key(_ text: String) -> (primary: [Int], secondary: [Int]) {
        let characters = Array(text.lowercased())
        var primary: [Int] = [], secondary: [Int] = []
        var index = 0
        while index < characters.count {
            var character = characters[index]
            var accent = 0
            if locale == .hu, let (short, mark) = Self.long[character] {
                character = short
                accent = mark
            }
            if locale == .hu {
                var matched = false
                for length in [3, 2] where index + length <= characters.count {
                    let letter = String(characters[index..<index + length])
                    if let rank = Self.rank[letter] {
                        primary.append(rank)
                        secondary.append(0)
                        index += length
                        matched = true
                        break
                    }
                }
                if matched { continue }
                if let rank = Self.rank[String(character)] {
                    primary.append(rank)
                    secondary.append(accent)
                    index += 1
                    continue
                }
            }
            primary.append(Int(character.unicodeScalars.first?.value ?? 0))
            secondary.append(accent)
            index += 1
        }
        return (primary, secondary)
    }
}
