import Foundation
import KodexModel
import KodexYAML

/// Folds findings that only follow from text the codex lost into the finding that says
/// it was lost, so that one tab does not bury its cause under sixty unresolved references.
///
/// A finding names the ids it follows from (the id a reference names, an element that
/// looks unused, a kind no situation covers). When one of them is written in a file that
/// failed to parse, a file no pattern includes, or the value of a mistyped key, that text
/// may define or use it, and the finding is held back; the finding about the lost text then
/// says how many wait on it.
struct ConsequenceFolding {
    /// Text the codex lost: an unread file, a file no pattern includes, the value of a
    /// mistyped key. `anchor` picks the finding that says so, where the note goes.
    private struct Source {
        var words: Set<Substring>
        var anchor: @Sendable (Diagnostic) -> Bool
    }

    /// The checks whose findings others may be held back behind.
    static let anchorRules: Set<String> = Validator.causeRules.union([CheckID.uncoveredFile, CheckID.unknownKey])

    private var sources: [Source]
    /// How many findings each source holds back, by rule, by source number.
    private var folded: [Int: [String: Int]] = [:]
    /// The sources that hold back an error.
    private var holdErrors = Set<Int>()

    /// Reads what `loaded` lost. Files over the codex's size limit are not read: a file
    /// refused for its size folds nothing, rather than make the check read it after all.
    init(_ loaded: LoadedCodex) {
        let sizeLimit = loaded.codex.manifest.limits.yaml.maxFileSize
        var sources: [Source] = []
        for file in loaded.unreadFiles {
            guard let bytes = Self.contents(file, sizeLimit: sizeLimit) else { continue }
            sources.append(Source(words: Self.words(in: bytes)) {
                Validator.causeRules.contains($0.rule) && $0.span?.file == file
            })
        }
        for file in loaded.uncoveredFiles {
            guard let bytes = Self.contents(file, sizeLimit: sizeLimit) else { continue }
            sources.append(Source(words: Self.words(in: bytes)) { $0.rule == CheckID.uncoveredFile })
        }
        for typo in loaded.mistypedKeys {
            guard let bytes = Self.contents(typo.key.file, sizeLimit: sizeLimit) else { continue }
            let lines = SourceText.lines(of: bytes)
            let range = max(typo.value.start.line, 1) ... min(max(typo.value.end.line, typo.value.start.line), lines.count)
            guard !range.isEmpty else { continue }
            let text = lines[(range.lowerBound - 1)...(range.upperBound - 1)].joined(separator: "\n")
            let key = typo.key
            sources.append(Source(words: Self.words(in: Array(text.utf8))) { $0.rule == CheckID.unknownKey && $0.span == key })
        }
        self.sources = sources
    }

    private static func contents(_ file: String, sizeLimit: Int) -> [UInt8]? {
        var info = stat()
        guard stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= sizeLimit,
              let bytes = FileManager.default.contents(atPath: file) else { return nil }
        return [UInt8](bytes)
    }

    /// Keeps only the sources whose finding is among `reported`: a source whose finding
    /// is switched off or silenced holds nothing back, since what it held would be said
    /// nowhere (an error among it would vanish, and the codex pass its check).
    mutating func keepSources(anchoredIn reported: some Sequence<Diagnostic>) {
        guard !sources.isEmpty else { return }
        var anchored = Set<Int>()
        for diagnostic in reported {
            for (number, source) in sources.enumerated() where !anchored.contains(number) && source.anchor(diagnostic) {
                anchored.insert(number)
            }
            if anchored.count == sources.count { break }
        }
        sources = sources.indices.filter(anchored.contains).map { sources[$0] }
    }

    /// Whether `finding` follows from lost text; counts it there when it does.
    mutating func fold(_ finding: CheckContext.Finding, severity: Severity) -> Bool {
        guard !sources.isEmpty, !finding.dependsOn.isEmpty else { return false }
        for (number, source) in sources.enumerated()
        where finding.dependsOn.contains(where: { source.words.contains(Substring($0)) }) {
            folded[number, default: [:]][finding.diagnostic.rule, default: 0] += 1
            if severity == .error { holdErrors.insert(number) }
            return true
        }
        return false
    }

    /// Adds to each finding about lost text a note on what it holds back.
    func annotate(_ diagnostics: inout [Diagnostic]) {
        for (number, counts) in folded.sorted(by: { $0.key < $1.key }) {
            guard let index = diagnostics.firstIndex(where: sources[number].anchor) else { continue }
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
            // What is held back must still fail the check: a warning that hides errors
            // becomes one.
            if holdErrors.contains(number) { diagnostics[index].severity = .error }
            diagnostics[index].notes.append(Diagnostic.Note(
                "this leaves \(parts.joined(separator: " and ")); they are not listed until this is fixed"))
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
