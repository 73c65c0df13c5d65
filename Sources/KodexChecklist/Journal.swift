import Foundation

/// Appends events to a session's journal, one JSON line each, flushed to disk before
/// the call returns: what the screen shows as recorded survives a killed process.
public final class JournalWriter {
    private let descriptor: Int32
    /// The journal's path.
    public let path: String

    /// Opens `path` for appending, creating it when needed.
    public init(path: String) throws(JournalError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw JournalError("cannot open the journal `\(path)`: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Appends `event` and waits until it is on disk.
    public func append(_ event: ChecklistEvent) throws(JournalError) {
        let bytes = Array((event.jsonLine + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw JournalError("cannot write the journal `\(path)`: \(String(cString: strerror(errno)))")
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            throw JournalError("cannot flush the journal `\(path)`: \(String(cString: strerror(errno)))")
        }
    }
}

/// A journal read back: its events and the lines that could not be read.
public struct JournalContents: Sendable {
    /// The events of every good line, in order.
    public var events: [ChecklistEvent]
    /// Each damaged line with its number and what is wrong with it.
    public var damaged: [(line: Int, problem: String)]

    /// Reads the journal at `path`. A line torn by a crash, or otherwise damaged, is
    /// reported and left out; every good line is kept.
    public static func read(_ path: String) throws(JournalError) -> JournalContents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError("cannot read the journal `\(path)`")
        }
        var contents = JournalContents(events: [], damaged: [])
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() where !line.isEmpty {
            do {
                contents.events.append(try ChecklistEvent(jsonLine: String(line)))
            } catch {
                contents.damaged.append((number + 1, error.message))
            }
        }
        return contents
    }
}
