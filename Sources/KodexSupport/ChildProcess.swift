import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What a program printed and how it ended.
package struct ChildResult: Sendable {
    /// The exit status, or 128 plus the signal that ended the program.
    package var status: Int32
    /// The signal that ended the program, if one did.
    package var signal: Int32?
    /// Everything written to standard output, when it was captured.
    package var stdout: String
    /// Everything written to standard error, when it was captured.
    package var stderr: String
    /// The program's peak resident memory, in kilobytes, as the kernel counts it.
    package var peakKilobytes: Int
}

/// Why a program could not be started or run to its end.
package struct ChildProcessError: Error, CustomStringConvertible {
    /// What went wrong, with the program's name.
    package var description: String
}

/// A program started with its standard streams on pipes, or on `/dev/null`: the one
/// way Kodex's tests, its benchmark and its PDF printing start programs.
///
/// Built on `posix_spawn` and `wait4` rather than Foundation's `Process`, whose
/// `waitUntilExit` was seen never to return for a child that had already exited (a
/// `tmux` client that daemonises its server), which hung a whole test suite.
package final class ChildProcess {
    /// Where the program's standard input comes from.
    package enum Input {
        /// A pipe this side writes with ``write(_:)`` and closes with ``closeInput()``.
        case pipe
        /// `/dev/null`.
        case empty
    }

    /// The program's process ID.
    package let pid: pid_t
    private let name: String
    private var input: Int32
    private var output: Int32
    private var errors: Int32
    private var outputData = Data()
    private var errorData = Data()
    private var reaped = false

    /// Starts `executable` with `arguments` and exactly `environment`, in `directory` if
    /// given. Without `captureOutput`, standard output and error go to `/dev/null`: for
    /// programs measured, and for those that leave a daemon behind holding them open.
    package init(_ executable: String, _ arguments: [String],
                 environment: [String: String] = ProcessInfo.processInfo.environment,
                 directory: String? = nil, input: Input = .pipe, captureOutput: Bool = true) throws(ChildProcessError) {
        _ = ignoreBrokenPipes
        name = (executable as NSString).lastPathComponent
        let stdin = input == .pipe ? try Self.pipe() : nil
        let stdout = captureOutput ? try Self.pipe() : nil
        let stderr = captureOutput ? try Self.pipe() : nil

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
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
            argv = ["env", "-C", directory, "--"] + argv
            path = "/usr/bin/env"
        }
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = spawnLock.withLock { _ in
            posix_spawn(&pid, path, &actions, nil, cArguments, cEnvironment)
        }
        for end in [stdin?.read, stdout?.write, stderr?.write].compactMap({ $0 }) { close(end) }
        guard status == 0 else {
            for end in [stdin?.write, stdout?.read, stderr?.read].compactMap({ $0 }) { close(end) }
            throw ChildProcessError(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        self.input = stdin?.write ?? -1
        output = stdout?.read ?? -1
        errors = stderr?.read ?? -1
    }

    deinit {
        for descriptor in [input, output, errors] where descriptor >= 0 { close(descriptor) }
        // A caller that stopped early (a failed test, a thrown error) leaves neither a
        // running program nor a zombie behind.
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
    }

    /// Writes `text` to the program's standard input.
    package func write(_ text: String) throws(ChildProcessError) {
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
    package func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Reads the program's output until `condition` holds for all of standard output read
    /// so far, the output ends, or `timeout` seconds pass; returns that output.
    @discardableResult
    package func readOutput(timeout: Double, until condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(String(decoding: outputData, as: UTF8.self)), pump(until: deadline) {}
        return String(decoding: outputData, as: UTF8.self)
    }

    /// Sends `signal` to the program.
    package func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Reads the program's output to its end and waits for it to exit. With a `timeout`,
    /// a program still running after that many seconds is killed and the call throws;
    /// without one, the wait blocks until the exit, which a measurement wants to the
    /// microsecond.
    package func finish(timeout: Double?) throws(ChildProcessError) -> ChildResult {
        let deadline = Date().addingTimeInterval(timeout ?? .greatestFiniteMagnitude)
        while pump(until: deadline) {}
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let result = wait4(pid, &status, timeout == nil ? 0 : WNOHANG, &usage)
            if result == pid { break }
            if result < 0, errno != EINTR {
                throw ChildProcessError(description: "cannot wait for \(name): \(String(cString: strerror(errno)))")
            }
            if let timeout, Date() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                reaped = true
                throw ChildProcessError(description: "\(name) did not end within \(timeout) s and was killed; "
                                        + "it printed: \(String(decoding: outputData, as: UTF8.self))")
            }
            if timeout != nil { usleep(2_000) }
        }
        reaped = true
        let signal = status & 0x7f
        return ChildResult(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
                           signal: signal == 0 ? nil : signal,
                           stdout: String(decoding: outputData, as: UTF8.self),
                           stderr: String(decoding: errorData, as: UTF8.self),
                           peakKilobytes: usage.ru_maxrss)
    }

    /// Waits for output until `deadline`; returns false once both pipes are at their
    /// end or the deadline has passed.
    private func pump(until deadline: Date) -> Bool {
        var descriptors = [output, errors].filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let remaining = deadline.timeIntervalSinceNow
        guard !descriptors.isEmpty, remaining > 0 else { return false }
        let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(min(remaining * 1000, 1000)) + 1)
        guard ready > 0 else { return ready == 0 || errno == EINTR }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for entry in descriptors where entry.revents != 0 {
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
    /// concurrent caller never holds another's pipe open.
    private static func pipe() throws(ChildProcessError) -> (read: Int32, write: Int32) {
        let made = spawnLock.withLock { _ -> (Int32, Int32)? in
            var ends: [Int32] = [0, 0]
            guard Glibc.pipe(&ends) == 0 else { return nil }
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            return (ends[0], ends[1])
        }
        guard let made else {
            throw ChildProcessError(description: "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        return made
    }
}

/// Held while a pipe is made and marked close-on-exec, and while a program is spawned,
/// so that no spawn can slip in between the two.
private let spawnLock = Mutex(())

/// Writing to a program that has exited must give `EPIPE`, not end this process.
private let ignoreBrokenPipes: Void = {
    signal(SIGPIPE, SIG_IGN)
}()

extension ChildProcess {
    /// Starts a program that outlives this one and that nothing waits for: a shell starts
    /// it in the background and ends at once, so the program is nobody's zombie, and
    /// (being an asynchronous command of a non-interactive shell) it ignores the
    /// terminal's Ctrl-C. Its input and output are `/dev/null`.
    package static func startInBackground(_ executable: String, _ arguments: [String]) throws(ChildProcessError) {
        let launcher = try ChildProcess("/bin/sh", ["-c", "\"$0\" \"$@\" </dev/null >/dev/null 2>&1 &", executable] + arguments,
                                        input: .empty, captureOutput: false)
        let result = try launcher.finish(timeout: 10)
        guard result.status == 0 else {
            throw ChildProcessError(description: "cannot start \(executable) in the background (status \(result.status))")
        }
    }
}
