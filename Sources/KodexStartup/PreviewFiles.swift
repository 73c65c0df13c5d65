import Foundation
import KodexModel
import KodexSupport

/// The files `kodex run` reads to show a situation before the whole codex is checked,
/// found from the files' bytes without parsing them.
///
/// A cold start of a large codex spends most of its time reading and checking files the
/// chosen situation never touches. This picks the few that matter: every file that may
/// define shared content (expectations, rules, tools, templates, banned phrases), and
/// the situation-only files that mention the situation's id. It errs towards reading
/// more: a file whose top-level keys it cannot tell is read.
public enum PreviewFiles {
    /// The content files, relative to `directory`, that `situation` needs, or `nil` when
    /// the folder cannot be listed, or no situation-only file mentions the id (the agent
    /// may have typed words of a title, not an id), or more than
    /// ``mentioningFilesAtMost`` do (an id that is also a common word, where reading them
    /// all would only slow the check down).
    public static func files(for situation: String, in directory: String) -> Set<String>? {
        let loader = CodexLoader()
        guard !situation.isEmpty, let files = try? loader.contentFiles(directory: directory) else { return nil }
        let id = Array(situation.utf8)
        let verdicts = concurrentMap(files.count) { index -> Verdict in
            // A file that cannot be read as the loader reads it (a FIFO, a folder, one over
            // the standard size limit) is left to the loader, which says what is wrong.
            guard case .success(let bytes) = loader.readBytes(directory + "/" + files[index],
                                                               limit: ContentLimits().yaml.maxFileSize) else { return .needed }
            return bytes.withUnsafeBytes { verdict(for: $0, id: id) }
        }
        var chosen = Set<String>()
        var mentioning = 0
        for (file, verdict) in zip(files, verdicts) {
            switch verdict {
            case .needed: chosen.insert(file)
            case .mentions: chosen.insert(file); mentioning += 1
            case .unrelated: break
            }
        }
        return (1...mentioningFilesAtMost).contains(mentioning) ? chosen : nil
    }

    /// The most situation-only files that may mention the id for a preview to be worth it.
    static let mentioningFilesAtMost = 4

    enum Verdict: Sendable, Equatable {
        /// The file may define shared content.
        case needed
        /// A file of situations only that mentions the id.
        case mentions
        /// A file of situations only, none of them this one.
        case unrelated
    }

    static func verdict(for bytes: UnsafeRawBufferPointer, id: [UInt8]) -> Verdict {
        if contains(bytes, token: id) {
            return holdsOnlySituations(bytes) ? .mentions : .needed
        }
        return holdsOnlySituations(bytes) ? .unrelated : .needed
    }

    /// Whether `token` occurs with no id character on either side.
    static func contains(_ bytes: UnsafeRawBufferPointer, token: [UInt8]) -> Bool {
        guard let base = bytes.baseAddress, let head = token.first else { return false }
        return token.withUnsafeBytes { needle -> Bool in
            guard let needle = needle.baseAddress else { return false }
            var offset = 0
            while offset + token.count <= bytes.count,
                  let found = memchr(base + offset, Int32(head), bytes.count - offset - token.count + 1) {
                let start = base.distance(to: UnsafeRawPointer(found))
                let end = start + token.count
                if memcmp(base + start, needle, token.count) == 0,
                   !isIDByte(start == 0 ? nil : bytes[start - 1]), !isIDByte(end == bytes.count ? nil : bytes[end]) {
                    return true
                }
                offset = start + 1
            }
            return false
        }
    }

    /// Whether every top-level key of a YAML file is `situation` or `situations`. Any
    /// line at the left margin that is not a plain key, a comment or a document marker
    /// makes the answer no.
    static func holdsOnlySituations(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var sawKey = false
        var lineStart = 0
        while lineStart < bytes.count {
            let rest = bytes.count - lineStart
            let lineEnd = memchr(base + lineStart, 0x0A, rest).map { base.distance(to: UnsafeRawPointer($0)) } ?? bytes.count
            switch bytes[lineStart] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"):
                break
            default:
                if isDocumentMarker(bytes, from: lineStart, to: lineEnd) { break }
                guard let key = plainKey(bytes, from: lineStart, to: lineEnd), key == "situation" || key == "situations" else {
                    return false
                }
                sawKey = true
            }
            lineStart = lineEnd + 1
        }
        return sawKey
    }

    /// Whether a line is `---` or `...`, alone or followed by a space.
    private static func isDocumentMarker(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        let first = bytes[start]
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: "."), end - start >= 3,
              bytes[start + 1] == first, bytes[start + 2] == first else { return false }
        return end - start == 3 || bytes[start + 3] == UInt8(ascii: " ") || bytes[start + 3] == UInt8(ascii: "\r")
    }

    /// The key of a `key:` line at the left margin, when it is a plain word.
    private static func plainKey(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> String? {
        var index = start
        while index < end, isIDByte(bytes[index]) { index += 1 }
        guard index > start, index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
        guard index + 1 == end || bytes[index + 1] == UInt8(ascii: " ") || bytes[index + 1] == UInt8(ascii: "\r") else {
            return nil
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Letters, digits, `-`, `_` and `.`: the characters of an id.
    private static func isIDByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return byte >= 0x80
        }
    }
}
