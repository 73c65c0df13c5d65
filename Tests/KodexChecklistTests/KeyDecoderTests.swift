@testable import KodexTerminal
import Testing

/// Bytes from a terminal, in reads of any size, become keys without ever stalling.
@Suite struct KeyDecoderTests {
    private func keys(_ reads: [[UInt8]]) -> [Key] {
        var decoder = KeyDecoder()
        var keys: [Key] = []
        for read in reads {
            decoder.feed(read)
            while let key = decoder.next() { keys.append(key) }
        }
        return keys
    }

    @Test func characterSplitBetweenTwoReadsIsDecodedWhole() {
        let bytes = Array((String(repeating: "x", count: 63) + "é").utf8)
        let keys = keys([Array(bytes[0..<64]), Array(bytes[64...])])
        #expect(keys.count == 64)
        #expect(keys.last == .character("é"))
    }

    @Test func pasteSplitAcrossReadsArrivesAsOneText() {
        let text = "árvíztűrő tükörfúrógép, hívjuk vissza"
        let bytes = Array(("\u{1B}[200~" + text + "\u{1B}[201~").utf8)
        // Cut inside the start marker, inside a letter and inside the end marker.
        let keys = keys([Array(bytes[0..<3]), Array(bytes[3..<9]), Array(bytes[9..<(bytes.count - 3)]),
                         Array(bytes[(bytes.count - 3)...])])
        #expect(keys == [.paste(text)])
    }

    @Test func pastedCommandLettersStayText() {
        #expect(keys([Array("\u{1B}[200~sq b2\u{1B}[201~x".utf8)]) == [.paste("sq b2"), .character("x")])
    }

    @Test func bytesThatAreNeverUTF8AreDroppedAndDecodingGoesOn() {
        #expect(keys([[0xFF, 0x80, 0xC3, UInt8(ascii: "a"), 0xF8, UInt8(ascii: "b")]]) == [.character("a"), .character("b")])
    }

    @Test func arrowKeysAndPageKeysAreRecognised() {
        #expect(keys([Array("\u{1B}[A\u{1B}[B\u{1B}[5~\u{1B}[6~\u{1B}OH".utf8)]) == [.up, .down, .pageUp, .pageDown, .home])
    }

    @Test func loneEscapeIsHeldUntilFlushed() {
        var decoder = KeyDecoder()
        decoder.feed([0x1B])
        #expect(decoder.next() == nil)
        #expect(decoder.flushEscape() == .escape)
    }

    @Test func endMarkerSplitAfterItsEscapeByteIsNeverTakenForTheEscKey() {
        var decoder = KeyDecoder()
        decoder.feed(Array("\u{1B}[200~hívjuk vissza\u{1B}".utf8))
        #expect(decoder.next() == nil)
        // A slow link: the rest of the marker comes after the 50 ms an Esc is waited for.
        #expect(decoder.flushEscape() == nil)
        decoder.feed(Array("[201~q".utf8))
        #expect(decoder.next() == .paste("hívjuk vissza"))
        #expect(decoder.next() == .character("q"))
    }

    @Test func pasteWhoseEndMarkerNeverComesEndsWithItsTextAndKeysAreKeysAgain() {
        var decoder = KeyDecoder()
        decoder.feed(Array("\u{1B}[200~félbe\u{1B}[2".utf8))
        #expect(decoder.next() == nil)
        #expect(decoder.endStalledPaste() == .paste("félbe"))
        decoder.feed(Array("s".utf8))
        #expect(decoder.next() == .character("s"))
        #expect(decoder.endStalledPaste() == nil)
    }

    @Test func escapeFollowedByALetterIsEscThenTheLetter() {
        #expect(keys([[0x1B, UInt8(ascii: "q")]]) == [.escape, .character("q")])
    }

    @Test func carriageReturnAndLineFeedAreOneEnter() {
        #expect(keys([[0x0D, 0x0A, 0x0D]]) == [.enter, .enter])
    }

    @Test func runawayPasteIsCutAtItsLimit() {
        let big = [UInt8](repeating: UInt8(ascii: "y"), count: KeyDecoder.pasteLimit + 10_000)
        let keys = keys([Array("\u{1B}[200~".utf8), big, Array("\u{1B}[201~".utf8)])
        guard case .paste(let text)? = keys.first else { Issue.record("no paste: \(keys)"); return }
        #expect(text.utf8.count == KeyDecoder.pasteLimit)
    }
}
