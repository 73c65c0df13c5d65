import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a program printed and how it ended.
public struct RunResult: Sendable {
    /// The exit status, or 128 plus the signal that ended the program.
    public var status: Int32
    /// The signal that ended the program, if one did.
    public var signal: Int32?
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
}

/// Why a child program could not be run to its end.
public struct ChildProcessError: Error, CustomStringConvertible {
    /// What went wrong, with the program's name.
    public var description: String
}

/// Runs a program to its end and collects its output.
///
/// The environment is this process's, without `NO_COLOR`, plus `environment`.
/// Standard input is `input`, or empty. A program still running after `timeout`
/// seconds is killed and the call throws, so a hang fails one test instead of
/// stalling the suite.
public func runProcess(_ executable: String, _ arguments: [String], input: String? = nil,
                       environment: [String: String] = [:], directory: URL? = nil,
                       timeout: Double = 180) throws -> RunResult {
    let child = try ChildProcess(executable, arguments, environment: environment, directory: directory)
    try child.write(input ?? "")
    child.closeInput()
    return try child.finish(timeout: timeout)
}

/// A program started by a test, with its standard streams on pipes.
///
/// Built on `posix_spawn` and `waitpid` rather than Foundation's `Process`, whose
/// `waitUntilExit` was seen never to return for a child that had already exited
/// (a `tmux` client that daemonises its server), which hung the whole suite.
public final class ChildProcess {
    /// The program's process ID.
    public let pid: pid_t
    private let name: String
    private var input: Int32
    private var output: Int32
    private var errors: Int32
    private var outputData = Data()
    private var errorData = Data()
    private var reaped = false

    /// Starts `executable` with `arguments`. With `captureOutput` false, its output
    /// goes to `/dev/null`: for programs that leave a daemon behind holding it open.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                directory: URL? = nil, captureOutput: Bool = true) throws {
        _ = ignoreBrokenPipes
        name = (executable as NSString).lastPathComponent
        let stdin = try Self.pipe()
        let stdout = captureOutput ? try Self.pipe() : nil
        let stderr = captureOutput ? try Self.pipe() : nil

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        if let stdout, let stderr {
            posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
            posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }

        // `posix_spawn_file_actions_addchdir_np` is not visible from Swift; env's -C is.
        var argv = [executable] + arguments
        var path = executable
        if let directory {
            argv = ["env", "-C", directory.path, "--"] + argv
            path = "/usr/bin/env"
        }
        var variables = ProcessInfo.processInfo.environment
        variables.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { variables[key] = value }
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = spawnLock.withLock {
            posix_spawn(&pid, path, &actions, nil, cArguments, cEnvironment)
        }
        close(stdin.read)
        if let stdout, let stderr {
            close(stdout.write)
            close(stderr.write)
        }
        guard status == 0 else {
            close(stdin.write)
            if let stdout, let stderr { close(stdout.read); close(stderr.read) }
            throw ChildProcessError(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        input = stdin.write
        output = stdout?.read ?? -1
        errors = stderr?.read ?? -1
    }

    deinit {
        for fd in [input, output, errors] where fd >= 0 { close(fd) }
        // A test that stopped early (a failed expectation, a thrown error) leaves neither
        // a running program nor a zombie behind.
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
    }

    /// Writes `text` to the program's standard input.
    public func write(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty, input >= 0 {
            let written = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { return }  // The program stopped reading; what it read is what counts.
                throw ChildProcessError(description: "cannot write to \(name): \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Closes the program's standard input, so that it reads the end of input.
    public func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Reads the program's output until `condition` holds for all of standard output read
    /// so far, the output ends, or `timeout` seconds pass; returns that output.
    @discardableResult
    public func readOutput(timeout: Double, until condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(String(decoding: outputData, as: UTF8.self)), pump(until: deadline) {}
        return String(decoding: outputData, as: UTF8.self)
    }

    /// Sends `signal` to the program.
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Reads the program's output to its end and waits for it to exit. A program still
    /// running after `timeout` seconds is killed, and the call throws.
    public func finish(timeout: Double) throws -> RunResult {
        let deadline = Date().addingTimeInterval(timeout)
        while pump(until: deadline) {}
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR {
                throw ChildProcessError(description: "cannot wait for \(name): \(String(cString: strerror(errno)))")
            }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                reaped = true
                throw ChildProcessError(description: "\(name) did not end within \(timeout) s and was killed; "
                                        + "it printed: \(String(decoding: outputData, as: UTF8.self))")
            }
            usleep(2_000)
        }
        reaped = true
        let signal = status & 0x7f
        return RunResult(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
                         signal: signal == 0 ? nil : signal,
                         stdout: String(decoding: outputData, as: UTF8.self),
                         stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// Waits for output until `deadline`; returns false once both pipes are at their
    /// end or the deadline has passed.
    private func pump(until deadline: Date) -> Bool {
        var fds = [output, errors].filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let remaining = deadline.timeIntervalSinceNow
        guard !fds.isEmpty, remaining > 0 else { return false }
        let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 1000)) + 1)
        guard ready > 0 else { return ready == 0 || errno == EINTR }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for entry in fds where entry.revents != 0 {
            let count = read(entry.fd, &buffer, buffer.count)
            if count > 0 {
                if entry.fd == output { outputData.append(contentsOf: buffer[..<count]) }
                else { errorData.append(contentsOf: buffer[..<count]) }
            } else if count == 0 || errno != EINTR {
                close(entry.fd)
                if entry.fd == output { output = -1 } else { errors = -1 }
            }
        }
        return true
    }

    /// A pipe whose ends are closed in every program spawned later, so that a child of a
    /// concurrent test never holds another test's pipe open.
    private static func pipe() throws -> (read: Int32, write: Int32) {
        try spawnLock.withLock {
            var fds: [Int32] = [0, 0]
            guard Glibc.pipe(&fds) == 0 else {
                throw ChildProcessError(description: "cannot create a pipe: \(String(cString: strerror(errno)))")
            }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            return (fds[0], fds[1])
        }
    }
}

/// Held while a pipe is made and marked close-on-exec, and while a program is spawned,
/// so that no spawn can slip in between the two.
private let spawnLock = NSLock()

/// Writing to a program that has exited must give `EPIPE`, not end the test process.
private let ignoreBrokenPipes: Void = {
    signal(SIGPIPE, SIG_IGN)
}()
