/// The rule for ids, which the decoder enforces and the checks use to tell what an
/// invalid id was meant to be.
package enum Identifier {
    /// Whether `text` is a valid id: letters, digits, `-`, `_` and `.`, starting with a
    /// letter or digit.
    package static func isValid(_ text: String) -> Bool {
        // Most ids are ASCII, which needs no Unicode property lookups.
        if !text.isEmpty, text.utf8.allSatisfy({ $0 < 0x80 }) {
            let utf8 = text.utf8
            func isAlphanumeric(_ byte: UInt8) -> Bool {
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            }
            return utf8.first.map(isAlphanumeric) == true
                && utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
        }
        guard let first = text.first, first.isLetter || first.isNumber else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// The id `text` was probably meant to be: its words, lowercased, joined by `-`.
    package static func suggested(for text: String) -> String {
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.isEmpty ? "item" : words.joined(separator: "-")
    }
}
