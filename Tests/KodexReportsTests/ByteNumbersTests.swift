@testable import KodexReports
import Testing

/// Texts numbered by their bytes: a report counts agents, versions and skip reasons by these numbers.
@Suite struct ByteNumbersTests {
    private func number(_ text: String, in numbers: inout ByteNumbers) -> Int {
        Array(text.utf8).withUnsafeBufferPointer { numbers.number($0) }
    }

    private func find(_ text: String, in numbers: ByteNumbers) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { numbers.find($0) }
    }

    @Test func eachTextKeepsTheNumberItGotFirstThroughGrowth() {
        var numbers = ByteNumbers()
        let texts = (0 ..< 5000).map { "ügynök-\($0)" } + ["", "a", "ab", "abcdefgh", "abcdefghi"]
        for (expected, text) in texts.enumerated() { #expect(number(text, in: &numbers) == expected) }
        for (expected, text) in texts.enumerated().reversed() {
            #expect(number(text, in: &numbers) == expected)
            #expect(find(text, in: numbers) == expected)
            #expect(numbers.text(expected) == text)
        }
        #expect(numbers.count == texts.count)
    }

    @Test func aTextNeverNumberedIsNotFound() {
        var numbers = ByteNumbers()
        _ = number("anna", in: &numbers)
        #expect(find("Anna", in: numbers) == nil)
        #expect(find("ann", in: numbers) == nil)
        #expect(find("", in: numbers) == nil)
    }

    @Test func textsEqualInUnicodesSenseButNotByteForByteGetNumbersOfTheirOwn() {
        var numbers = ByteNumbers()
        let composed = number("Éva", in: &numbers)
        let decomposed = number("E\u{301}va", in: &numbers)
        #expect(composed != decomposed, "the report merges them when it names them")
        #expect(numbers.text(composed) == numbers.text(decomposed))
    }
}
