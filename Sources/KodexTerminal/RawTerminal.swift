import Foundation

/// The terminal's settings before raw mode, kept where a signal handler can reach them.
nonisolated(unsafe) private var savedSettings = termios()
nonisolated(unsafe) private var rawModeActive: Int32 = 0
/// Set by the termination signals' handler; the run loop reads it. A plain integer store
/// is the most a signal handler may safely do.
nonisolated(unsafe) var terminationRequested: Int32 = 0

private let leaveSequence: [UInt8] = Array("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l".utf8)

/// Puts the terminal back: settings, cursor and main screen. Async-signal-safe: only
/// `write` and `tcsetattr`.
private func restoreTerminal() {
    guard rawModeActive == 1 else { return }
    leaveSequence.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedSettings)
    rawModeActive = 0
}

/// The full-screen terminal: raw keys, the alternate screen, and the guarantee that the
/// terminal is restored on exit, on Ctrl-C, on SIGTERM and on a crash.
final class RawTerminal {
    enum Key: Equatable {
        case up, down, left, right, pageUp, pageDown, enter, escape, backspace, tab
        case character(Character)
        case control(UInt8)
    }

    private var pending: [UInt8] = []

    init() throws {
        guard isatty(STDIN_FILENO) == 1 else { throw RunError("standard input is not a terminal") }
        guard tcgetattr(STDIN_FILENO, &savedSettings) == 0 else { throw RunError("cannot read the terminal settings") }
        var raw = savedSettings
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | BRKINT | INPCK | ISTRIP)
        raw.c_oflag &= ~tcflag_t(OPOST)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { throw RunError("cannot switch the terminal to raw mode") }
        rawModeActive = 1
        atexit { restoreTerminal() }
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            Foundation.signal(signal) { _ in terminationRequested = 1 }
        }
        // SIGWINCH is ignored by default, which would not wake `poll`; a handler that does
        // nothing makes it return at once, and the loop redraws at the new size.
        Foundation.signal(SIGWINCH) { _ in }
        for fatal in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            Foundation.signal(fatal) { number in
                restoreTerminal()
                Foundation.signal(number, SIG_DFL)
                raise(number)
            }
        }
        emit("\u{1B}[?1049h\u{1B}[?25l")
    }

    deinit {
        restoreTerminal()
    }

    /// Leaves raw mode and the alternate screen.
    func restore() { restoreTerminal() }

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
    func readKey(timeout: Int32) -> Key? {
        if pending.isEmpty {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, timeout) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            guard count > 0 else {
                if count == 0 { terminationRequested = 1 }
                return nil
            }
            pending += buffer[0..<count]
        }
        return decode()
    }

    private func decode() -> Key? {
        guard let first = pending.first else { return nil }
        if first == 0x1B {
            if pending.count >= 3, pending[1] == UInt8(ascii: "[") {
                let code = pending[2]
                switch code {
                case UInt8(ascii: "A"): pending.removeFirst(3); return .up
                case UInt8(ascii: "B"): pending.removeFirst(3); return .down
                case UInt8(ascii: "C"): pending.removeFirst(3); return .right
                case UInt8(ascii: "D"): pending.removeFirst(3); return .left
                case UInt8(ascii: "5") where pending.count >= 4: pending.removeFirst(4); return .pageUp
                case UInt8(ascii: "6") where pending.count >= 4: pending.removeFirst(4); return .pageDown
                default:
                    // Another sequence: drop it up to its final letter.
                    var end = 2
                    while end < pending.count, !(0x40...0x7E).contains(pending[end]) { end += 1 }
                    pending.removeFirst(min(end + 1, pending.count))
                    return nil
                }
            }
            pending.removeFirst()
            return .escape
        }
        switch first {
        case 0x0D, 0x0A: pending.removeFirst(); return .enter
        case 0x7F, 0x08: pending.removeFirst(); return .backspace
        case 0x09: pending.removeFirst(); return .tab
        case 0..<0x20: pending.removeFirst(); return .control(first)
        default:
            let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
            guard pending.count >= length else { return nil }
            let text = String(decoding: pending[0..<length], as: UTF8.self)
            pending.removeFirst(length)
            return text.first.map { .character($0) }
        }
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
}

/// A problem that stops `kodex run`.
public struct RunError: Error, Sendable, CustomStringConvertible {
    /// A lowercase message.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
