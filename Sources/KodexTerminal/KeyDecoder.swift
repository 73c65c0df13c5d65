/// A key, or a pasted text, read from a terminal in raw mode.
enum Key: Equatable, Sendable {
    case up, down, left, right, pageUp, pageDown, home, end, enter, escape, backspace, tab
    case character(Character)
    case control(UInt8)
    /// Text the terminal marked as pasted (bracketed paste): it is typed text, never a
    /// command, whatever keys it holds.
    case paste(String)
}

/// Turns the bytes a terminal sends into keys.
///
/// Bytes arrive in reads of any size, so a multi-byte character, an escape sequence or
/// a paste may be split between two reads: the decoder keeps what it cannot finish and
/// waits for more. Bytes that can never become a key (a stray continuation byte, an
/// invalid lead byte) are dropped, so no input can stall it.
struct KeyDecoder {
    private var pending: [UInt8] = []
    private var pasted: [UInt8]?

    /// How many bytes a paste may hold; the rest of a larger paste is dropped, so that a
    /// runaway paste cannot exhaust memory.
    static let pasteLimit = 64 * 1024

    private static let pasteStart: [UInt8] = Array("\u{1B}[200~".utf8)
    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    /// Adds bytes read from the terminal.
    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
    }

    /// Whether bytes wait that do not make a key yet.
    var hasPartialInput: Bool { !pending.isEmpty || pasted != nil }

    /// Whether a paste has begun and its end marker has not come yet.
    var isInsidePaste: Bool { pasted != nil }

    /// The next complete key, or `nil` when more bytes are needed.
    mutating func next() -> Key? {
        while true {
            if pasted != nil {
                guard let key = continuePaste() else { return nil }
                return key
            }
            guard let first = pending.first else { return nil }
            switch first {
            case 0x1B:
                switch escapeSequence() {
                case .key(let key): return key
                case .needMore: return nil
                case .dropped: continue
                }
            case 0x0D, 0x0A:
                pending.removeFirst()
                // A CR LF pair is one Enter.
                if first == 0x0D, pending.first == 0x0A { pending.removeFirst() }
                return .enter
            case 0x7F, 0x08: pending.removeFirst(); return .backspace
            case 0x09: pending.removeFirst(); return .tab
            case 0..<0x20: pending.removeFirst(); return .control(first)
            default:
                switch character() {
                case .key(let key): return key
                case .needMore: return nil
                case .dropped: continue
                }
            }
        }
    }

    /// The escape key, given when a lone escape byte had no sequence after it in time.
    ///
    /// Inside a paste a lone escape byte is the start of the end marker split between
    /// two reads (a slow link does that), never the Esc key: taking it for Esc would
    /// close the note being written and swallow every later key into the paste.
    mutating func flushEscape() -> Key? {
        guard pasted == nil, pending == [0x1B] else { return nil }
        pending.removeAll()
        return .escape
    }

    /// The text of a paste whose end marker never came, once the terminal has been
    /// quiet long enough; `nil` outside a paste.
    ///
    /// A terminal sends a paste in one go, so a long silence means the end marker was
    /// lost (a dropped connection, a terminal killed mid-paste). Ending the paste then
    /// keeps the guide answering keys instead of reading them into the paste forever.
    /// Bytes that began an end marker are dropped with it.
    mutating func endStalledPaste() -> Key? {
        guard let text = pasted else { return nil }
        var bytes = text
        if !(pending.first == 0x1B && Array(Self.pasteEnd.prefix(pending.count)) == pending) {
            appendPasted(pending[...], to: &bytes)
        }
        pending.removeAll()
        pasted = nil
        return .paste(String(decoding: bytes, as: UTF8.self))
    }

    private enum Step { case key(Key), needMore, dropped }

    private mutating func escapeSequence() -> Step {
        guard pending.count >= 2 else { return .needMore }
        let second = pending[1]
        guard second == UInt8(ascii: "[") || second == UInt8(ascii: "O") else {
            // Escape followed by another key: Esc, then that key.
            pending.removeFirst()
            return .key(.escape)
        }
        // Parameters and intermediates run up to a final byte in 0x40…0x7E.
        var end = 2
        while end < pending.count, !(0x40...0x7E).contains(pending[end]) {
            guard (0x20...0x3F).contains(pending[end]) else {
                // Not a sequence after all: drop the escape and read on.
                pending.removeFirst()
                return .key(.escape)
            }
            end += 1
        }
        guard end < pending.count else { return pending.count > 32 ? dropEscape() : .needMore }
        let sequence = Array(pending[0...end])
        pending.removeFirst(end + 1)
        if sequence == Self.pasteStart {
            pasted = []
            return .dropped
        }
        switch (sequence.count, sequence.last) {
        case (3, UInt8(ascii: "A")): return .key(.up)
        case (3, UInt8(ascii: "B")): return .key(.down)
        case (3, UInt8(ascii: "C")): return .key(.right)
        case (3, UInt8(ascii: "D")): return .key(.left)
        case (3, UInt8(ascii: "H")): return .key(.home)
        case (3, UInt8(ascii: "F")): return .key(.end)
        default: break
        }
        switch sequence {
        case Array("\u{1B}[5~".utf8): return .key(.pageUp)
        case Array("\u{1B}[6~".utf8): return .key(.pageDown)
        case Array("\u{1B}[1~".utf8), Array("\u{1B}[7~".utf8): return .key(.home)
        case Array("\u{1B}[4~".utf8), Array("\u{1B}[8~".utf8): return .key(.end)
        case Array("\u{1B}[3~".utf8): return .key(.backspace)
        default: return .dropped
        }
    }

    private mutating func dropEscape() -> Step {
        pending.removeFirst()
        return .key(.escape)
    }

    private mutating func character() -> Step {
        let first = pending[0]
        let length: Int
        switch first {
        case 0x20..<0x80: length = 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default:
            // A continuation byte without its lead, or a byte that never begins UTF-8.
            pending.removeFirst()
            return .dropped
        }
        for offset in 1..<max(1, length) where offset < pending.count {
            guard (0x80...0xBF).contains(pending[offset]) else {
                // A lead byte cut short by the next character: drop the lead alone.
                pending.removeFirst()
                return .dropped
            }
        }
        guard pending.count >= length else { return .needMore }
        let bytes = pending[0..<length]
        pending.removeFirst(length)
        guard let text = String(validating: bytes, as: UTF8.self), let character = text.first else { return .dropped }
        return .key(.character(character))
    }

    /// Reads on inside a paste until its end marker; the text comes out whole.
    private mutating func continuePaste() -> Key? {
        guard var text = pasted else { return nil }
        let end = Self.pasteEnd
        var index = 0
        while index < pending.count {
            if pending[index] == 0x1B {
                let available = pending.count - index
                if available < end.count {
                    guard Array(pending[index...]) == Array(end.prefix(available)) else { index += 1; continue }
                    // Maybe the start of the end marker: wait for the rest.
                    appendPasted(pending[..<index], to: &text)
                    pending.removeFirst(index)
                    pasted = text
                    return nil
                }
                if Array(pending[index..<(index + end.count)]) == end {
                    appendPasted(pending[..<index], to: &text)
                    pending.removeFirst(index + end.count)
                    pasted = nil
                    return .paste(String(decoding: text, as: UTF8.self))
                }
            }
            index += 1
        }
        // The text is kept as bytes and decoded once at the end marker, so a character
        // split between two reads comes together by itself.
        appendPasted(pending[...], to: &text)
        pending.removeAll()
        pasted = text
        return nil
    }

    private func appendPasted(_ bytes: ArraySlice<UInt8>, to text: inout [UInt8]) {
        let room = Self.pasteLimit - text.count
        guard room > 0 else { return }
        text.append(contentsOf: bytes.prefix(room))
    }
}
