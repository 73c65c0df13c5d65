import Foundation

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
    let child = try Child(bench, [measureChildFlag, path] + arguments, input: false)
    let output = child.readAll()
    guard try child.wait().status == 0 else { throw BenchError("measuring `\(path)` failed") }
    let fields = String(decoding: output, as: UTF8.self).split(separator: " ")
    guard fields.count == 3, let exit = Int32(fields[0]), let seconds = Double(fields[1]), let peak = Int(fields[2])
    else { throw BenchError("measuring `\(path)` printed no result") }
    return (exit, seconds, peak)
}

/// Runs one program with its output discarded and prints its exit status, wall-clock
/// seconds and peak memory in kilobytes: the far side of ``measureInFreshProcess(_:_:)``.
func measureChild(_ path: String, _ arguments: [String]) throws -> Never {
    let clock = ContinuousClock()
    let start = clock.now
    let child = try Child(path, arguments, input: nil, output: nil)
    let (status, peak) = try child.wait()
    let elapsed = clock.now - start
    print("\(status) \(elapsed.seconds) \(peak)", terminator: "")
    exit(0)
}

/// A program started with `posix_spawn` and reaped with `wait4`. Foundation's `Process`
/// is not used: it has been seen never to reap a child (see `Tests/TestSupport`).
struct Child {
    let path: String
    let pid: pid_t
    /// The write end of the program's standard input, or -1.
    private(set) var input: Int32 = -1
    /// The read end of the program's standard output, or -1.
    let output: Int32

    /// Starts `path`. `input` gives it a pipe for standard input when true, the
    /// benchmark's own when false, and /dev/null when `nil`; standard output is a pipe
    /// unless `output` is `nil`, and standard error is always /dev/null.
    init(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
         input: Bool?, output: Bool? = true) throws {
        self.path = path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32] = [], childEnds: [Int32] = []
        func pipeTo(_ descriptor: Int32, childReads: Bool) throws -> Int32 {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw BenchError("cannot make a pipe") }
            let (childEnd, parentEnd) = childReads ? (ends[0], ends[1]) : (ends[1], ends[0])
            posix_spawn_file_actions_adddup2(&actions, childEnd, descriptor)
            parentEnds.append(parentEnd)
            childEnds.append(childEnd)
            return parentEnd
        }
        switch input {
        case true?: self.input = try pipeTo(0, childReads: true)
        case false?: break
        case nil: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        if output == true {
            self.output = try pipeTo(1, childReads: false)
        } else {
            self.output = -1
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for end in parentEnds + childEnds { posix_spawn_file_actions_addclose(&actions, end) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned: Int32
        if let environment {
            let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0)=\($1)") } + [nil]
            defer { for pointer in envp { free(pointer) } }
            spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        } else {
            spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        }
        for end in childEnds { close(end) }
        guard spawned == 0 else {
            for end in parentEnds { close(end) }
            throw BenchError("cannot start `\(path)`: \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
    }

    /// The next bytes of standard output; empty once the program has closed it.
    func read() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = Glibc.read(output, &buffer, buffer.count)
        return count > 0 ? Array(buffer[0..<count]) : []
    }

    /// Standard output until the program closes it.
    func readAll() -> [UInt8] {
        var all: [UInt8] = []
        while case let bytes = read(), !bytes.isEmpty { all += bytes }
        return all
    }

    /// Closes the program's standard input.
    mutating func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Waits for the program to end; returns its exit status (128 + the signal when a
    /// signal ended it) and its peak resident memory in kilobytes.
    func wait() throws -> (status: Int32, kilobytes: Int) {
        if input >= 0 { close(input) }
        defer { if output >= 0 { close(output) } }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { throw BenchError("cannot wait for `\(path)`") }
        return ((status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F), usage.ru_maxrss)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program and returns its standard output.
func runForOutput(_ path: String, _ arguments: [String]) throws -> String {
    let child = try Child(path, arguments, input: nil)
    let output = child.readAll()
    _ = try child.wait()
    return String(decoding: output, as: UTF8.self)
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
    var child = try Child(kodex, arguments, environment: environment, input: true)
    var seen = ""
    var screen: Duration?
    // The step's first line is its place, "situation / process / Lépés n/N" in plain mode;
    // the prompt ends with "> " and is printed once keys are taken.
    while !seen.contains("> ") {
        let bytes = child.read()
        guard !bytes.isEmpty else {
            _ = try child.wait()
            throw BenchError("kodex run ended before its first prompt")
        }
        seen += String(decoding: bytes, as: UTF8.self)
        if screen == nil, let place = seen.range(of: " / Lépés ") ?? seen.range(of: " / Step "),
           seen[place.upperBound...].contains("\n") {
            screen = clock.now - start
        }
    }
    let ready = clock.now - start
    // End of input pauses the session, and kodex run exits.
    child.closeInput()
    _ = child.readAll()
    _ = try child.wait()
    return ((screen ?? ready).seconds, ready.seconds)
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
