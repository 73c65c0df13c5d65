/// Reads the journal lines Kodex writes, a flat JSON object of texts, whole numbers,
/// booleans and lists of texts, without Foundation's decoder, which made up most of the
/// time of an import or a report.
///
/// Anything outside that shape (a nested object, a fraction, an escape it does not
/// know, a field of the wrong type, a key given twice, invalid UTF-8, bytes after the
/// object) answers nil, and the caller hands the line to the standard decoder: so every
/// line reads exactly as the standard decoder reads it, errors and all, and only the
/// common case is fast. A test compares the two on many thousands of lines.
enum JournalLineReader {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> JournalLine? {
        var reader = Cursor(bytes: bytes)
        return reader.line()
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func line() -> JournalLine? {
            var line = JournalLine()
            // The fields already read, a bit each: a field given twice is the standard decoder's to judge.
            var seen: UInt32 = 0
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            skipSpace()
            if !take(UInt8(ascii: "}")) {
                repeat {
                    skipSpace()
                    guard let field = key() else { return nil }
                    skipSpace()
                    guard take(UInt8(ascii: ":")) else { return nil }
                    skipSpace()
                    if let field {
                        let bit = UInt32(1) << UInt32(field.rawValue)
                        guard seen & bit == 0 else { return nil }
                        seen |= bit
                    }
                    guard value(for: field, into: &line) else { return nil }
                    skipSpace()
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "}")) else { return nil }
            }
            skipSpace()
            return index == bytes.count ? line : nil
        }

        /// The fields a journal line has; each has a bit of its own, by its raw value.
        private enum Field: Int, CaseIterable {
            case type, situation, process, codex, codexVersion, codexPath, codexHash, agent, ref, step, text, reason,
                 condition, to, from, undid, outcome, at, checked, item, items

            /// The key the field is written under.
            var key: String {
                switch self {
                case .codexVersion: "codex_version"
                case .codexPath: "codex_path"
                case .codexHash: "codex_hash"
                default: String(describing: self)
                }
            }

            /// Each field's key, as its bytes, by raw value (cases count from 0 in order).
            static let keys: [[UInt8]] = allCases.map { Array($0.key.utf8) }

            /// The field whose key is `bytes`, or nil for a key Kodex does not read.
            init?(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let index = Self.keys.firstIndex(where: { $0.count == bytes.count && $0.elementsEqual(bytes) }) else {
                    return nil
                }
                self.init(rawValue: index)
            }
        }

        /// The field a key names, read in place: a key as a `String`, hashed and then
        /// compared with each name, was a tenth of an import. Answers `.some(nil)` for a
        /// key Kodex does not read, nil for one outside the shape.
        private mutating func key() -> Field?? {
            guard peek == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
                end += 1
            }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\""), let field = Field(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                index = end + 1
                return .some(field)
            }
            // An escaped key, or one Kodex does not read: read as any text is, so that it is
            // unescaped and its UTF-8 checked.
            guard let key = string() else { return nil }
            return .some(Array(key.utf8).withUnsafeBufferPointer { Field($0) })
        }

        /// Reads the value of `field` into `line`; false for a value outside the shape.
        private mutating func value(for field: Field?, into line: inout JournalLine) -> Bool {
            if take("null") { return true }
            switch field {
            case .type: return text(&line.type)
            case .situation: return text(&line.situation)
            case .process: return text(&line.process)
            case .codex: return text(&line.codex)
            case .codexVersion: return text(&line.codex_version)
            case .codexPath: return text(&line.codex_path)
            case .codexHash: return text(&line.codex_hash)
            case .agent: return text(&line.agent)
            case .ref: return text(&line.ref)
            case .step: return text(&line.step)
            case .text: return text(&line.text)
            case .reason: return text(&line.reason)
            case .condition: return text(&line.condition)
            case .to: return text(&line.to)
            case .from: return text(&line.from)
            case .undid: return text(&line.undid)
            case .outcome: return text(&line.outcome)
            case .at:
                guard let number = integer() else { return false }
                line.at = number
                return true
            case .checked:
                if take("true") { line.checked = true } else if take("false") { line.checked = false } else { return false }
                return true
            case .item:
                guard let item = item() else { return false }
                line.item = item
                return true
            case .items:
                guard take(UInt8(ascii: "[")) else { return false }
                var items: [JournalLine.Item] = []
                skipSpace()
                if !take(UInt8(ascii: "]")) {
                    repeat {
                        skipSpace()
                        guard let item = item() else { return false }
                        items.append(item)
                        skipSpace()
                    } while take(UInt8(ascii: ","))
                    guard take(UInt8(ascii: "]")) else { return false }
                }
                line.items = items
                return true
            case nil:
                // A field Kodex does not read: any text, whole number or boolean.
                if peek == UInt8(ascii: "\"") { return string() != nil }
                if take("true") || take("false") { return true }
                return integer() != nil
            }
        }

        private mutating func text(_ field: inout String?) -> Bool {
            guard let value = string() else { return false }
            field = value
            return true
        }

        private mutating func item() -> JournalLine.Item? {
            if peek == UInt8(ascii: "\"") { return string().map { .key($0) } }
            return integer().flatMap { Int(exactly: $0) }.map { .position($0) }
        }

        /// A whole number as JSON writes it, in range; nil for anything else.
        private mutating func integer() -> Int64? {
            let start = index
            let negative = take(UInt8(ascii: "-"))
            guard let first = peek, first >= 0x30, first <= 0x39 else { return nil }
            if first == 0x30 {
                index += 1
            } else {
                while let digit = peek, digit >= 0x30, digit <= 0x39 { index += 1 }
            }
            // A fraction or an exponent is the standard decoder's to judge.
            if let next = peek, next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return nil }
            var value: Int64 = 0
            for position in (start + (negative ? 1 : 0))..<index {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[position] - 0x30))
                guard !overflow, !overflow2 else { return nil }
                value = sum
            }
            return negative ? -value : value
        }

        /// A JSON string, unescaped and valid UTF-8; nil for anything else.
        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            // The common case: no escapes, the text taken as it stands.
            var high: UInt8 = 0
            while let byte = peek, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                guard byte >= 0x20 else { return nil }
                high |= byte
                index += 1
            }
            guard let stop = peek else { return nil }
            if stop == UInt8(ascii: "\"") {
                index += 1
                let text = UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
                // ASCII is valid UTF-8 as it stands; anything else is checked.
                return high < 0x80 ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
            }
            var utf8 = Array(bytes[start..<index])
            while let byte = peek {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(validating: utf8, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = peek else { return nil }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
                    case UInt8(ascii: "b"): utf8.append(0x08)
                    case UInt8(ascii: "f"): utf8.append(0x0C)
                    case UInt8(ascii: "n"): utf8.append(0x0A)
                    case UInt8(ascii: "r"): utf8.append(0x0D)
                    case UInt8(ascii: "t"): utf8.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard take("\\u"), let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        utf8.append(contentsOf: String(Character(unicode)).utf8)
                    default:
                        return nil
                    }
                default:
                    guard byte >= 0x20 else { return nil }
                    utf8.append(byte)
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        private mutating func take(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        private mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }
    }
}
