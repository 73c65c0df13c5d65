import Foundation
import KodexSupport

/// Appends events to a session's journal, one JSON line each, flushed to disk before
/// the call returns: what the screen shows as recorded survives a killed process.
///
/// The writer holds an advisory lock on the journal for as long as it lives, so that a
/// session resumed in a second terminal is refused instead of writing contradictory
/// events; the lock goes with the process, even a killed one.
public final class JournalWriter {
    private let descriptor: Int32
    /// The journal's path.
    public let path: String
    /// Whether opening the journal found its last line torn (no newline at its end, as
    /// a crash in the middle of a write leaves it) and ended it, so that the next event
    /// starts on a line of its own.
    public private(set) var repairedTornLine = false

    /// Opens `path` for appending, creating it when needed, and locks it.
    ///
    /// - Parameter creating: the journal must not exist yet; its folder is synced after
    ///   it is created, so that the new name survives a power cut.
    /// - Throws: when the journal cannot be opened, or another process is writing it.
    public init(path: String, creating: Bool = false) throws(JournalError) {
        self.path = path
        let flags = O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (creating ? O_EXCL : 0)
        descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else {
            throw JournalError(.io, "cannot open the journal `\(path)`: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            close(descriptor)
            throw JournalError(busy ? .busy : .io, busy
                ? "session journal `\(path)` is open in another kodex process; close that one first"
                : "cannot lock the journal `\(path)`: \(String(cString: strerror(errno)))")
        }
        do {
            if creating {
                try Self.syncFolder(of: path)
            } else {
                try endTornLine()
            }
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        close(descriptor)
    }

    /// Appends `event` and waits until it is on disk.
    ///
    /// - Throws: when the write or the flush fails, or the journal was deleted or
    ///   replaced since it was opened: an event written to a file nobody can find again
    ///   is not recorded.
    public func append(_ event: ChecklistEvent) throws(JournalError) {
        try append(line: event.jsonLine)
    }

    /// Appends one line of JSON, as another kind of journal (an exam's) writes it, with the
    /// same guarantees: on disk before the call returns, or an error.
    public func append(line: String) throws(JournalError) {
        try write(Array((line + "\n").utf8))
        try requireStillInPlace()
    }

    private func write(_ bytes: [UInt8]) throws(JournalError) {
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw JournalError(.io, "cannot write the journal `\(path)`: \(String(cString: strerror(errno)))")
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            throw JournalError(.io, "cannot flush the journal `\(path)`: \(String(cString: strerror(errno)))")
        }
    }

    private func requireStillInPlace() throws(JournalError) {
        var open = stat()
        var named = stat()
        guard fstat(descriptor, &open) == 0, open.st_nlink > 0, lstat(path, &named) == 0,
              named.st_ino == open.st_ino, named.st_dev == open.st_dev else {
            throw JournalError(.vanished, "the journal `\(path)` was deleted or moved; the last change is not recorded")
        }
    }

    private func endTornLine() throws(JournalError) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw JournalError(.io, "cannot read the journal `\(path)`: \(String(cString: strerror(errno)))")
        }
        guard info.st_size > 0 else { return }
        var last: UInt8 = 0
        guard pread(descriptor, &last, 1, off_t(info.st_size - 1)) == 1 else {
            throw JournalError(.io, "cannot read the journal `\(path)`: \(String(cString: strerror(errno)))")
        }
        if last != UInt8(ascii: "\n") {
            try write([UInt8(ascii: "\n")])
            repairedTornLine = true
        }
    }

    private static func syncFolder(of path: String) throws(JournalError) {
        let folder = parentFolder(of: path)
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw JournalError(.io, "cannot flush the session folder `\(folder)`: \(String(cString: strerror(errno)))")
        }
    }
}

/// A journal read back: its events and the lines that could not be read.
public struct JournalContents: Sendable {
    /// One line that could not be read.
    public struct Damage: Sendable, Hashable {
        /// The line's number, from 1.
        public var line: Int
        /// What is wrong with it.
        public var problem: String
    }

    /// The events of every good line, in order.
    public var events: [ChecklistEvent]
    /// Each damaged line with its number and what is wrong with it.
    public var damaged: [Damage]
    /// Each event's line as written, when the journal was read keeping them; else empty.
    public var lines: [String] = []

    /// Contents of the given events and damaged lines, such as a session store's.
    public init(events: [ChecklistEvent], damaged: [Damage]) {
        self.events = events
        self.damaged = damaged
    }

    /// The longest line read; a longer one is reported as damaged without being decoded.
    public static let lineLimit = 1 << 20

    /// Reads the journal at `path`. A line torn by a crash, or otherwise damaged, is
    /// reported and left out; every good line is kept.
    ///
    /// - Parameter keepingLines: keep each event's line as written, in ``lines``.
    public static func read(_ path: String, keepingLines: Bool = false) throws(JournalError) -> JournalContents {
        parse(try bytes(at: path), keepingLines: keepingLines)
    }

    /// The bytes of the journal at `path`, for ``parse(_:keepingLines:)``: what an import
    /// reads many at a time before it parses them.
    public static func bytes(at path: String) throws(JournalError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError(.io, "cannot read the journal `\(path)`")
        }
        return data
    }

    /// Reads journal lines from any bytes: each gives an event or a reported damaged
    /// line, never a trap.
    ///
    /// - Parameter keepingLines: keep each event's line as written, in ``lines``.
    public static func parse<Bytes: Collection>(_ bytes: Bytes, keepingLines: Bool = false) -> JournalContents
        where Bytes.Element == UInt8 {
        bytes.withContiguousStorageIfAvailable { parse(buffer: $0, keepingLines: keepingLines) }
            ?? Array(bytes).withUnsafeBufferPointer { parse(buffer: $0, keepingLines: keepingLines) }
    }

    private static func parse(buffer bytes: UnsafeBufferPointer<UInt8>, keepingLines: Bool) -> JournalContents {
        var contents = JournalContents(events: [], damaged: [])
        var number = 0
        var start = 0
        // Lines are found with memchr: splitting a journal's bytes was a fifth of an import.
        while start <= bytes.count {
            var end = bytes.count
            if let base = bytes.baseAddress, start < bytes.count,
               let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
                end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            defer { start = end + 1 }
            number += 1
            let line = UnsafeBufferPointer(rebasing: bytes[start ..< end])
            guard !line.isEmpty else { continue }
            guard line.count <= lineLimit else {
                contents.damaged.append(Damage(line: number, problem: "a line of \(line.count) bytes, longer than any event"))
                continue
            }
            do {
                contents.events.append(try ChecklistEvent(jsonLine: line))
                if keepingLines { contents.lines.append(String(decoding: line, as: UTF8.self)) }
            } catch {
                contents.damaged.append(Damage(line: number, problem: error.message))
            }
        }
        return contents
    }
}
