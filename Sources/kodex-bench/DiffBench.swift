import Foundation

/// `kodex diff` measured against `kodex check` of the same codex, round by round.
struct DiffRow {
    var size: String
    var steps: Int
    var stepsChanged: Int
    /// How many files the changed steps lie in.
    var filesChanged: Int
    var changesFound: Int
    var check: Samples
    /// The newer side as a user has it after `kodex check`: vouched for by the start-up
    /// cache, so only the older side is checked.
    var diff: Samples
    /// Neither side vouched for: both read and checked in full.
    var diffUncached: Samples
}

/// How the changed steps of a version lie in its files.
enum ChangeSpread: String, CaseIterable {
    /// Every hundredth step: about half the files of a large codex change, the worst case.
    case spread
    /// The first hundredth of the steps in file order: a revision that reworks a few
    /// situations, as most do.
    case clustered
}

/// Writes a copy of the codex in `directory` with the goal of 1% of its steps reworded,
/// lying in the files as `spread` says. Returns the number of steps and files changed.
func changedCopy(of directory: String, into copy: String, spread: ChangeSpread) throws -> (steps: Int, files: Int) {
    let manager = FileManager.default
    try? manager.removeItem(atPath: copy)
    try manager.copyItem(atPath: directory, toPath: copy)
    let files = try manager.subpathsOfDirectory(atPath: copy).filter { $0.hasSuffix(".yaml") }.sorted()
    var total = 0
    for file in files {
        let text = try String(contentsOfFile: copy + "/" + file, encoding: .utf8)
        total += text.split(separator: "\n").count { $0.trimmingCharacters(in: .whitespaces).hasPrefix("goal:") }
    }
    var goals = 0, changed = 0, filesChanged = 0
    for file in files {
        let path = copy + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var touched = false
        for index in lines.indices where lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("goal:") {
            let chosen = spread == .spread ? goals % 100 == 0 : goals < (total + 99) / 100
            if chosen {
                lines[index] += " (átírva)"
                changed += 1
                touched = true
            }
            goals += 1
        }
        if touched {
            try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
            filesChanged += 1
        }
    }
    return (changed, filesChanged)
}

/// Measures `kodex diff` of `directory` and a copy of it with 1% of its steps changed,
/// interleaved with `kodex check` of `directory`.
func measureDiff(size: String, steps: Int, directory: String, kodex: String, work: String, runs: Int,
                 spread: ChangeSpread) throws -> DiffRow {
    let copy = "\(work)/\(size)-changed-\(spread.rawValue)"
    let changed = try changedCopy(of: directory, into: copy, spread: spread)
    let output = try runForOutput(kodex, ["diff", copy, directory, "--format", "json"])
    let found = output.components(separatedBy: "\"change\": ").count - 1
    let emptyCache = "\(work)/cache-empty"
    var check = Samples(), diff = Samples(), uncached = Samples()
    for _ in 0..<runs {
        // The check leaves the start-up cache that vouches for `directory` in the diff after it.
        check.add(try measureProgram(kodex, ["check", directory], runs: 1))
        diff.add(try measureProgram(kodex, ["diff", copy, directory], runs: 1))
        uncached.add(try measureProgram("/usr/bin/env", ["XDG_CACHE_HOME=\(emptyCache)", kodex, "diff", copy, directory], runs: 1))
    }
    return DiffRow(size: size, steps: steps, stepsChanged: changed.steps, filesChanged: changed.files, changesFound: found, check: check, diff: diff,
                   diffUncached: uncached)
}

/// Prints the rows as a Markdown table.
func printDiffs(_ rows: [DiffRow]) {
    guard !rows.isEmpty else { return }
    func format(_ value: Double) -> String { String(format: "%.2f", value) }
    print("")
    print("| size | steps | steps changed | in files | changes found | check | diff, newer side checked before | ÷ check | diff, neither side checked before | ÷ check |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows {
        print("| \(row.size) | \(row.steps) | \(row.stepsChanged) | \(row.filesChanged) | \(row.changesFound) | \(format(row.check.median)) s "
              + "| \(format(row.diff.median)) s | \(format(row.diff.median / row.check.median))× "
              + "| \(format(row.diffUncached.median)) s | \(format(row.diffUncached.median / row.check.median))× |")
    }
}
