import KodexModel
import Testing

/// Texts are folded for comparison (banned phrases, repeated goals, placeholders) exactly
/// as lowercasing the whole string with its white space collapsed would fold them.
@Suite struct FoldingTests {
    /// The folding the fast one must equal: white space collapsed, then `lowercased()`.
    private func reference(_ text: String) -> String {
        text.unicodeScalars.split(whereSeparator: \.isSpace).map { String(String.UnicodeScalarView($0)) }
            .joined(separator: " ").lowercased()
    }

    @Test func everyScalarUpToCyrillicFoldsAsLowercasingDoes() {
        let scalars = (0x21...0x52F).compactMap(Unicode.Scalar.init).filter { !$0.isSpace }
        for scalar in scalars {
            let text = "A\(scalar)Ő \(scalar)"
            #expect(text.folded == reference(text), "U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
    }

    @Test func scalarsThatLowercaseToSeveralKeepEveryOne() {
        // İ lowercases to i and a combining dot; ẞ to ß; Σ stays one scalar.
        for text in ["İSTANBUL", "STRAẞE", "ΟΔΥΣΣΕΥΣ", "ǅemal", "Ⅻ ÓRA"] {
            #expect(text.folded == reference(text))
        }
    }

    @Test func whiteSpaceOfEveryKindCollapsesToOneSpaceAndIsTrimmed() {
        #expect("\u{3000} Hívása\u{A0}\u{A0}FONTOS\t\nszámunkra \u{2029}".folded == "hívása fontos számunkra")
    }

    @Test func randomHungarianTextsFoldAsLowercasingDoes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aÁáEÉéIÍíOÓóÖöŐőUÚúÜüŰűBCDZS xy\t\u{A0}\n.,!?–„”ΣЖ😀👍🏽e\u{301}")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            #expect(text.folded == reference(text), "\(text.debugDescription)")
        }
    }
}

/// White space is told apart from letters as Unicode's properties tell it.
@Suite struct WhiteSpaceTests {
    @Test func everyScalarBelowCyrillicIsSpaceExactlyWhenUnicodeSaysSo() {
        for scalar in (0...0x52F).compactMap(Unicode.Scalar.init) {
            #expect(scalar.isSpace == scalar.properties.isWhitespace, "U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
    }
}
