import CTerminalGuard
import Foundation

/// Whether a termination signal (Ctrl-C from outside, SIGTERM, SIGHUP) arrived or the
/// input ended: the run loop pauses the session and returns.
var terminationRequested: Bool { kodex_terminal_termination_requested() != 0 }

/// The full-screen terminal: raw keys, bracketed paste, the alternate screen, and the
/// guarantee that the terminal is restored on exit, on Ctrl-C, on SIGTERM and on a crash.
final class RawTerminal {
    private var decoder = KeyDecoder()

    /// Milliseconds of silence after which a paste without its end marker is taken as ended.
    static let stalledPaste: Int32 = 1000

    init() throws(RunError) {
        guard isatty(STDIN_FILENO) == 1 else { throw RunError(.terminal, "standard input is not a terminal") }
        guard kodex_terminal_enter_raw() == 0 else { throw RunError(.terminal, "cannot switch the terminal to raw mode") }
        // Alternate screen, hidden cursor, bracketed paste: a paste arrives marked, so it
        // is typed as text and never run as keys.
        emit("\u{1B}[?1049h\u{1B}[?25l\u{1B}[?2004h")
    }

    deinit {
        kodex_terminal_restore()
    }

    /// Leaves raw mode and the alternate screen.
    func restore() { kodex_terminal_restore() }

    func emit(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 { if errno == EINTR { continue } else { return } }
            offset += written
        }
    }

    /// The terminal's size in cells.
    var size: (columns: Int, rows: Int) { TerminalSize.current ?? (80, 24) }

    /// The next key, or `nil` when `timeout` milliseconds pass or a signal arrives first.
    ///
    /// Bytes that do not make a key yet (half a character, the start of an escape
    /// sequence or of a paste) are kept and more are read; a lone Esc becomes the Esc key
    /// when nothing follows it within 50 ms, and a paste ends after a second of silence
    /// even when its end marker never comes.
    func readKey(timeout: Int32) -> Key? {
        if let key = decoder.next() { return key }
        var wait = timeout
        while !terminationRequested {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let insidePaste = decoder.isInsidePaste
            let waitingOnEscape = decoder.hasPartialInput
            // Inside a paste only a second of silence ends it; outside, a lone Esc waits 50 ms.
            let ready = poll(&descriptor, 1, insidePaste ? Self.stalledPaste : waitingOnEscape ? min(wait, 50) : wait)
            if ready < 0 { return nil }
            if ready == 0 {
                if insidePaste { return decoder.endStalledPaste() }
                if waitingOnEscape, let key = decoder.flushEscape() { return key }
                return nil
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) {
                // The terminal went away: end as a signal would, with the session paused.
                kodex_terminal_request_termination()
                return nil
            }
            if count > 0 { decoder.feed(buffer[0..<count]) }
            if let key = decoder.next() { return key }
            // Part of a key: wait briefly for the rest, then give control back.
            wait = min(wait, 200)
        }
        return nil
    }
}

/// The size of the terminal on standard output.
public enum TerminalSize {
    /// Columns and rows, or `nil` when standard output is not a terminal.
    public static var current: (columns: Int, rows: Int)? {
        var window = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else { return nil }
        return (Int(window.ws_col), Int(window.ws_row))
    }

    /// Whether a program may take the terminal over for its full screen: plain mode was not
    /// asked for, standard input and output are terminals, and `TERM` can address the cursor.
    public static func allowsFullScreen(plainAsked: Bool, environment: [String: String]) -> Bool {
        !plainAsked && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && canAddressCursor(environment: environment)
    }

    /// Whether the terminal named by `TERM` can address the cursor, which the full
    /// screen needs: `dumb`, `unknown`, an empty or missing `TERM` cannot.
    public static func canAddressCursor(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let term = environment["TERM"]?.lowercased(), !term.isEmpty else { return false }
        return !["dumb", "unknown", "emacs", "cons25"].contains(term)
    }
}

/// A problem that stops `kodex run`.
public struct RunError: Error, Sendable, CustomStringConvertible {
    /// What stopped the run.
    public enum Reason: Sendable, Hashable {
        /// The terminal cannot be taken over for the full screen.
        case terminal
        /// No situation matches what was asked for.
        case noSituation
        /// The situation has no process of the id asked for.
        case noProcess
        /// The session's journal could not be started.
        case journal
    }

    /// What stopped the run.
    public var reason: Reason
    /// A lowercase message, in the codex's language where one is known.
    public var message: String
    /// Creates an error.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }
    public var description: String { message }
}
