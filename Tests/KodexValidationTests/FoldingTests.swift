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

    @Test func textsFoldAlikeExactlyWhenTheirFoldingsAreEqual() {
        var generator = SystemRandomNumberGenerator()
        // Few letters, so that random pairs often agree for a while or altogether; accents
        // written apart and precomposed, which canonical equivalence makes equal.
        let alphabet = Array("aAáÁeE\u{301} \t\u{A0}İi\u{307}ΣσςéÉ")
        var alike = 0
        for _ in 0..<3000 {
            func text() -> String {
                String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            }
            let a = text(), b = Bool.random(using: &generator) ? text() : a.uppercased() + " "
            #expect(a.foldsAlike(b) == (a.folded == b.folded), "\(a.debugDescription) \(b.debugDescription)")
            if a.foldsAlike(b) { alike += 1 }
        }
        #expect(alike > 100, "many pairs are alike, so both answers are tried")
    }

    @Test func accentWrittenApartFoldsAlikeWithThePrecomposedLetter() {
        #expect("Az ügyfél  ÉRZI".foldsAlike("az u\u{308}gyfe\u{301}l érzi"))
        #expect(!"Az ügyfél érzi".foldsAlike("Az ügyfél érti"))
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
