import Foundation
import KodexSupport

/// Times of repeated runs, reported by their median.
struct Samples {
    var seconds: [Double] = []
    var peakKilobytes: [Int] = []

    var median: Double {
        let sorted = seconds.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    var peakMegabytes: Double { Double(peakKilobytes.max() ?? 0) / 1024 }

    /// Adds the runs of `other`.
    mutating func add(_ other: Samples) {
        seconds += other.seconds
        peakKilobytes += other.peakKilobytes
    }
}

/// Runs `body` `runs` times and returns the wall-clock times; `between` runs before each,
/// off the clock.
func time(runs: Int, between: () -> Void = {}, _ body: () throws -> Void) rethrows -> Samples {
    var samples = Samples()
    let clock = ContinuousClock()
    for _ in 0..<runs {
        between()
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        samples.seconds.append(elapsed.seconds)
    }
    return samples
}

/// Runs a program `runs` times with its output discarded, measuring wall-clock time and
/// the program's peak resident memory.
func measureProgram(_ path: String, _ arguments: [String], runs: Int, before: () throws -> Void = {}) throws -> Samples {
    var samples = Samples()
    for _ in 0..<runs {
        try before()
        let (status, seconds, peak) = try measureInFreshProcess(path, arguments)
        guard status == 0 else { throw BenchError("`\(path) \(arguments.joined(separator: " "))` exited with \(status)") }
        samples.seconds.append(seconds)
        samples.peakKilobytes.append(peak)
    }
    return samples
}

/// The flag that makes `kodex-bench` measure one program and print `status seconds kilobytes`.
let measureChildFlag = "--measure-child"

/// Measures `path` from a fresh `kodex-bench --measure-child` process rather than from
/// this one. The peak memory `wait4` reports for a child counts the memory of the
/// process it was spawned from, and this one holds whole codices by then: a fresh one
/// holds only the Swift runtime, less than any program measured here.
private func measureInFreshProcess(_ path: String, _ arguments: [String]) throws -> (Int32, Double, Int) {
    let bench = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    let result = try ChildProcess(bench, [measureChildFlag, path] + arguments, input: .empty).finish(timeout: nil)
    guard result.status == 0 else { throw BenchError("measuring `\(path)` failed") }
    let fields = result.stdout.split(separator: " ")
    guard fields.count == 3, let exit = Int32(fields[0]), let seconds = Double(fields[1]), let peak = Int(fields[2])
    else { throw BenchError("measuring `\(path)` printed no result") }
    return (exit, seconds, peak)
}

/// Runs one program with its output discarded and prints its exit status, wall-clock
/// seconds and peak memory in kilobytes: the far side of ``measureInFreshProcess(_:_:)``.
func measureChild(_ path: String, _ arguments: [String]) throws -> Never {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try ChildProcess(path, arguments, input: .empty, captureOutput: false).finish(timeout: nil)
    let elapsed = clock.now - start
    print("\(result.status) \(elapsed.seconds) \(result.peakKilobytes)", terminator: "")
    exit(0)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program and returns its standard output.
func runForOutput(_ path: String, _ arguments: [String]) throws -> String {
    try ChildProcess(path, arguments, input: .empty).finish(timeout: nil).stdout
}

/// The start of `kodex run`: seconds from launch until the step is on screen, and until
/// the agent's keys are taken (the first prompt).
struct StartTimes {
    var screen = Samples()
    var ready = Samples()
}

/// Times `kodex run` in plain mode from launch until its first step is on standard output
/// and until its first prompt; then standard input is closed, which pauses the session.
///
/// With `cold`, every run starts with an empty start-up cache, so `kodex run` checks the
/// whole codex; otherwise one untimed run fills the cache first.
func timeStart(_ kodex: String, _ arguments: [String], runs: Int, cold: Bool, cacheRoot: String) throws -> StartTimes {
    let cache = cacheRoot + (cold ? "/cold" : "/warm")
    try? FileManager.default.removeItem(atPath: cache)
    if !cold { _ = try launchUntilFirstPrompt(kodex, arguments, cache: cache) }
    var times = StartTimes()
    for _ in 0..<runs {
        if cold { try? FileManager.default.removeItem(atPath: cache) }
        let (screen, ready) = try launchUntilFirstPrompt(kodex, arguments, cache: cache)
        times.screen.seconds.append(screen)
        times.ready.seconds.append(ready)
    }
    return times
}

private func launchUntilFirstPrompt(_ kodex: String, _ arguments: [String], cache: String) throws -> (screen: Double, ready: Double) {
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CACHE_HOME"] = cache
    let clock = ContinuousClock()
    let start = clock.now
    let child = try ChildProcess(kodex, arguments, environment: environment)
    var screen: Duration?
    // The step's first line is its place, "situation / process / Lépés n/N" in plain mode;
    // the prompt ends with "> " and is printed once keys are taken. The output is looked
    // at as soon as each piece of it arrives.
    let seen = child.readOutput(timeout: 600) { seen in
        if screen == nil, let place = seen.range(of: " / Lépés ") ?? seen.range(of: " / Step "),
           seen[place.upperBound...].contains("\n") {
            screen = clock.now - start
        }
        return seen.contains("> ")
    }
    let ready = clock.now - start
    guard seen.contains("> ") else { throw BenchError("kodex run ended before its first prompt") }
    // End of input pauses the session, and kodex run exits.
    child.closeInput()
    _ = try child.finish(timeout: 600)
    return ((screen ?? ready).seconds, ready.seconds)
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
