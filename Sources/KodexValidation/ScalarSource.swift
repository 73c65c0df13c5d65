import Foundation
import KodexModel
import KodexYAML
import Synchronization

/// Finds where a part of a text value is written in its file, so that a finding about a
/// phrase or a `{placeholder}` underlines it and not the whole text.
///
/// A value and its source differ: quotes, escapes (`\"`, `\u00e9`, `''`), the header of a
/// literal or folded block, indentation, and line breaks folded into spaces. The source
/// is read into units (each scalar the value gets, with where it is written) and the value
/// aligned with them; whatever cannot be aligned falls back to the whole value.
enum ScalarSource {
    /// The span of scalars `range` of `text`'s value, or the whole value's span when the
    /// file cannot be read or does not match.
    static func span(of range: Range<Int>, in text: Located<String>) -> SourceSpan {
        guard !range.isEmpty, !text.span.isWholeFile,
              let positions = positions(of: text, through: range.upperBound - 1),
              range.lowerBound < positions.count, let last = positions.last else {
            return text.span
        }
        let start = positions[range.lowerBound]
        let end = SourcePosition(line: last.line, column: last.column + 1)
        return SourceSpan(fileID: text.span.fileID, start: start, end: end)
    }

    /// The source position of each scalar of the value up to `last`, in order.
    private static func positions(of text: Located<String>, through last: Int) -> [SourcePosition]? {
        guard let lines = lines(of: text.span.file) else { return nil }
        let units = self.units(lines: lines, span: text.span)
        let value = Array(text.value.unicodeScalars)
        guard last < value.count else { return nil }
        var positions: [SourcePosition] = []
        var i = 0, j = 0
        while i <= last {
            if j < units.count, units[j].scalar == value[i] {
                positions.append(units[j].position)
                i += 1
                j += 1
            } else if j < units.count, units[j].scalar.properties.isWhitespace {
                j += 1
            } else if value[i].properties.isWhitespace, let near = j < units.count ? units[j].position : units.last?.position {
                positions.append(near)
                i += 1
            } else {
                return nil
            }
        }
        return positions
    }

    private struct Unit {
        var scalar: Unicode.Scalar
        var position: SourcePosition
    }

    /// The scalars the value is made of, as written between the span's start and end.
    private static func units(lines: [[Unicode.Scalar]], span: SourceSpan) -> [Unit] {
        var units: [Unit] = []
        var line = span.start.line, column = span.start.column
        func at(_ line: Int, _ column: Int) -> Unicode.Scalar? {
            guard line >= 1, line <= lines.count else { return nil }
            let scalars = lines[line - 1]
            if column == scalars.count + 1 { return "\n" }
            return column >= 1 && column <= scalars.count ? scalars[column - 1] : nil
        }
        func advance() {
            if at(line, column) == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        func done() -> Bool { SourcePosition(line: line, column: column) >= span.end || line > lines.count }
        guard let opening = at(line, column) else { return [] }
        let double = opening == "\"", single = opening == "'"
        if double || single {
            advance()
        } else if opening == "|" || opening == ">" {
            // The header line holds indicators and maybe a comment, none of the value.
            line += 1
            column = 1
        }
        while !done(), let scalar = at(line, column) {
            let position = SourcePosition(line: line, column: column)
            if double, scalar == "\\" {
                advance()
                guard let escaped = at(line, column) else { break }
                if escaped == "\n" {
                    advance()
                    continue
                }
                let hexLength: Int? = escaped == "x" ? 2 : escaped == "u" ? 4 : escaped == "U" ? 8 : nil
                if let hexLength {
                    var digits = ""
                    for _ in 0..<hexLength {
                        advance()
                        if let digit = at(line, column) { digits.unicodeScalars.append(digit) }
                    }
                    advance()
                    if let value = UInt32(digits, radix: 16), let produced = Unicode.Scalar(value) {
                        units.append(Unit(scalar: produced, position: position))
                    }
                    continue
                }
                let simple: [Unicode.Scalar: Unicode.Scalar] = [
                    "n": "\n", "t": "\t", "r": "\r", "0": "\0", "\"": "\"", "\\": "\\", "/": "/", " ": " ",
                    "a": "\u{07}", "b": "\u{08}", "e": "\u{1B}", "f": "\u{0C}", "v": "\u{0B}",
                    "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
                ]
                units.append(Unit(scalar: simple[escaped] ?? escaped, position: position))
                advance()
                continue
            }
            if single, scalar == "'" {
                advance()
                guard at(line, column) == "'" else { break }
            } else if double, scalar == "\"" {
                break
            }
            units.append(Unit(scalar: scalar, position: position))
            advance()
        }
        return units
    }

    // MARK: - Source files

    private static let cache = Mutex<[String: [[Unicode.Scalar]]]>([:])

    /// The lines of `file` as scalars, read once per file: only findings ask for them.
    private static func lines(of file: String) -> [[Unicode.Scalar]]? {
        if let cached = cache.withLock({ $0[file] }) { return cached }
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let lines = SourceText.lines(of: [UInt8](data)).map { Array($0.unicodeScalars) }
        cache.withLock { $0[file] = lines }
        return lines
    }
}
