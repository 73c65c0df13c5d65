#if canImport(Glibc)
import Glibc
#endif

/// Standard output or standard error as Kodex's commands write them.
///
/// Written with `write(2)` rather than Foundation's `FileHandle`, which stops the program
/// with a fatal error when the reader has gone: once a PostgreSQL connection has been
/// made, SIGPIPE is ignored (SwiftNIO ignores it), and `kodex report --db postgres://… |
/// head` crashed with a backtrace instead of ending as a program does whose reader left.
package enum StandardStream: Int32, Sendable {
    /// Standard output.
    case output = 1
    /// Standard error.
    case error = 2

    /// Writes `text` whole.
    ///
    /// When the reader of standard output has gone, the program ends with the status a
    /// shell shows for a program SIGPIPE ended (141), and says nothing: there is no one
    /// left to read the rest. Any other failure to write standard output (a full disk behind `>`) is
    /// said on standard error and ends the program with status 2, since what it wrote is
    /// incomplete. A failure to write standard error is let go: there is nowhere to say it.
    package func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(rawValue, base + offset, bytes.count - offset)
                if written >= 0 {
                    offset += written
                    continue
                }
                let failure = errno
                switch failure {
                case EINTR:
                    continue
                case EAGAIN:
                    // A descriptor left non-blocking by whoever started Kodex: wait until it takes more.
                    var ready = pollfd(fd: rawValue, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, -1)
                    continue
                case EPIPE where self == .output:
                    exit(128 + SIGPIPE)
                default:
                    guard self == .output else { return }
                    StandardStream.error.write("cannot write standard output: \(String(cString: strerror(failure)))\n")
                    exit(2)
                }
            }
        }
    }
}
