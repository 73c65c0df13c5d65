import Foundation
import KodexModel
import KodexYAML

/// Folds findings that only follow from a file that could not be read into that file's
/// error, so that one tab does not bury its cause under sixty unresolved references.
///
/// A finding names the ids it follows from (the id a reference names, an element that
/// looks unused, a kind no situation covers). When one of them is written in a file that
/// failed to parse, that file may define or use it, and the finding is held back; the
/// file's error then says how many findings wait on it.
struct ConsequenceFolding {
    /// For each unread file, the words written in it.
    private let words: [(file: String, words: Set<Substring>)]
    /// How many findings each unread file holds back, by rule.
    private var folded: [String: [String: Int]] = [:]

    /// - Parameter sizeLimit: files larger than this are not read: a file refused for its
    ///   size folds nothing, rather than make the check read it after all.
    init(unreadFiles: [String], sizeLimit: Int) {
        words = unreadFiles.compactMap { file in
            var info = stat()
            guard stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= sizeLimit,
                  let bytes = FileManager.default.contents(atPath: file) else { return nil }
            return (file, Self.words(in: [UInt8](bytes)))
        }
    }

    /// Whether `finding` follows from an unread file; counts it there when it does.
    mutating func fold(_ finding: RuleContext.Finding) -> Bool {
        guard !words.isEmpty, !finding.dependsOn.isEmpty else { return false }
        for (file, written) in words where finding.dependsOn.contains(where: { written.contains(Substring($0)) }) {
            folded[file, default: [:]][finding.diagnostic.rule, default: 0] += 1
            return true
        }
        return false
    }

    /// Adds to each unread file's error a note on what it holds back.
    func annotate(_ diagnostics: inout [Diagnostic]) {
        for (file, counts) in folded {
            guard let index = diagnostics.firstIndex(where: {
                Validator.causeRules.contains($0.rule) && $0.span?.file == file
            }) else { continue }
            let references = counts["unresolved-reference"] ?? 0
            let others = counts.values.reduce(0, +) - references
            var parts: [String] = []
            if references > 0 {
                parts.append(references == 1 ? "1 reference unresolved" : "\(references) references unresolved")
            }
            if others > 0 {
                parts.append(others == 1 ? "1 other finding that may follow from it"
                                         : "\(others) other findings that may follow from it")
            }
            diagnostics[index].notes.append(Diagnostic.Note(
                "this leaves \(parts.joined(separator: " and ")); they are not listed until the file can be read"))
        }
    }

    /// The words of a text: runs of letters, digits, `-`, `_` and `.`, as ids are written,
    /// also without a sentence's closing `.`.
    private static func words(in bytes: [UInt8]) -> Set<Substring> {
        var words = Set<Substring>()
        var start: Int?
        func isWordByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        for index in 0...bytes.count {
            if index < bytes.count, isWordByte(bytes[index]) {
                if start == nil { start = index }
                continue
            }
            guard let first = start else { continue }
            start = nil
            let word = Substring(decoding: bytes[first..<index], as: UTF8.self)
            words.insert(word)
            if word.hasSuffix(".") { words.insert(word.dropLast()) }
        }
        return words
    }
}
