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
        samples.seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
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
    var pipe: [Int32] = [0, 0]
    guard Glibc.pipe(&pipe) == 0 else { throw BenchError("cannot make a pipe") }
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipe[0])
    posix_spawn_file_actions_addclose(&actions, pipe[1])
    let argv: [UnsafeMutablePointer<CChar>?] = ([bench, measureChildFlag, path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, bench, &actions, nil, argv, environ)
    close(pipe[1])
    defer { close(pipe[0]) }
    guard spawned == 0 else { throw BenchError("cannot start `\(bench)`: \(String(cString: strerror(spawned)))") }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(pipe[0], &buffer, buffer.count)
        if count <= 0 { break }
        output += buffer[0..<count]
    }
    var status: Int32 = 0
    guard waitpid(pid, &status, 0) == pid, status == 0 else { throw BenchError("measuring `\(path)` failed") }
    let fields = String(decoding: output, as: UTF8.self).split(separator: " ")
    guard fields.count == 3, let exit = Int32(fields[0]), let seconds = Double(fields[1]), let peak = Int(fields[2])
    else { throw BenchError("measuring `\(path)` printed no result") }
    return (exit, seconds, peak)
}

/// Runs one program and prints its exit status, wall-clock seconds and peak memory in
/// kilobytes: the far side of ``measureInFreshProcess(_:_:)``.
func measureChild(_ path: String, _ arguments: [String]) throws -> Never {
    let clock = ContinuousClock()
    let start = clock.now
    let (status, peak) = try spawnAndWait(path, arguments)
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("\(status) \(seconds) \(peak)", terminator: "")
    exit(0)
}

/// Spawns a program with standard output and error sent to /dev/null, and returns its
/// exit status and peak resident memory in kilobytes, as `wait4` reports them.
private func spawnAndWait(_ path: String, _ arguments: [String]) throws -> (Int32, Int) {
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchError("cannot start `\(path)`: \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    guard wait4(pid, &status, 0, &usage) == pid else { throw BenchError("cannot wait for `\(path)`") }
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return (exitStatus, usage.ru_maxrss)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program and returns its standard output.
func runForOutput(_ path: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: kodex)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CACHE_HOME"] = cache
    process.environment = environment
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let clock = ContinuousClock()
    let start = clock.now
    try process.run()
    var seen = ""
    var screen: Duration?
    // The step's first line is its place, "situation › process › step n/N"; the prompt
    // ends with "> " and is printed once keys are taken.
    while !seen.contains("> ") {
        let data = output.fileHandleForReading.availableData
        guard !data.isEmpty else { throw BenchError("kodex run ended before its first prompt") }
        seen += String(decoding: data, as: UTF8.self)
        if screen == nil, let place = seen.range(of: " › "), seen[place.upperBound...].contains("\n") {
            screen = clock.now - start
        }
    }
    let ready = clock.now - start
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    return (seconds(screen ?? ready), seconds(ready))
}
