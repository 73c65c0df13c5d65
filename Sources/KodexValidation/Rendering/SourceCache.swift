import Foundation
import KodexYAML

/// Reads the lines of source files on demand, once per file, for code snippets.
final class SourceCache {
    private var lines: [String: [Substring]] = [:]

    /// The text of `line` (1-based) in `file`, or `nil` when it cannot be read.
    func line(_ line: Int, of file: String) -> Substring? {
        if lines[file] == nil {
            let bytes = FileManager.default.contents(atPath: file).map { [UInt8]($0) } ?? []
            lines[file] = SourceText.lines(of: bytes)
        }
        guard let fileLines = lines[file], line >= 1, line <= fileLines.count else { return nil }
        return fileLines[line - 1]
    }
}
