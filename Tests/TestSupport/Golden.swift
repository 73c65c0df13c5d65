import Foundation
import Testing

/// Compares `actual` with the golden file `Golden/<name>` in the folder of the test
/// file that calls it; with `KODEX_RECORD_GOLDEN=1` it writes the file instead.
public func expectGolden(_ actual: String, _ name: String, filePath: String = #filePath,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden/" + name)
    if ProcessInfo.processInfo.environment["KODEX_RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing golden file \(name); run with KODEX_RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard actual != expected else { return }
    let message = "output differs from golden file \(name); run with KODEX_RECORD_GOLDEN=1 to re-record:\n"
        + unifiedDiff(expected: expected, actual: actual, name: name)
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}

/// The lines that differ between `expected` and `actual`, as `diff -u` shows them, with
/// three lines of context.
public func unifiedDiff(expected: String, actual: String, name: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // The common head and tail are set aside; only the middle is compared line by line.
    var head = 0
    while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
    var tail = 0
    while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
    let a = Array(old[head ..< old.count - tail]), b = Array(new[head ..< new.count - tail])
    // Longest common subsequence of the middles, read back into an edit script.
    var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
        for j in stride(from: b.count - 1, through: 0, by: -1) {
            lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
        }
    }
    var script: [(mark: Character, line: String)] = old[..<head].map { (" ", $0) }
    var i = 0, j = 0
    while i < a.count || j < b.count {
        if i < a.count, j < b.count, a[i] == b[j] {
            script.append((" ", a[i])); i += 1; j += 1
        } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
            script.append(("-", a[i])); i += 1
        } else {
            script.append(("+", b[j])); j += 1
        }
    }
    script += old[(old.count - tail)...].map { (" ", $0) }
    // Hunks: each change with three lines around it.
    let changed = script.indices.filter { script[$0].mark != " " }
    var output = "--- golden/\(name)\n+++ actual\n"
    var index = 0
    while index < changed.count {
        let start = max(0, changed[index] - 3)
        var end = min(script.count, changed[index] + 4)
        while index + 1 < changed.count, changed[index + 1] - 3 <= end {
            index += 1
            end = min(script.count, changed[index] + 4)
        }
        let oldStart = script[..<start].filter { $0.mark != "+" }.count + 1
        let newStart = script[..<start].filter { $0.mark != "-" }.count + 1
        let hunk = script[start ..< end]
        output += "@@ -\(oldStart),\(hunk.filter { $0.mark != "+" }.count) +\(newStart),\(hunk.filter { $0.mark != "-" }.count) @@\n"
        for entry in hunk { output += "\(entry.mark)\(entry.line)\n" }
        index += 1
    }
    return output
}
