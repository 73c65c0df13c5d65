import Foundation

/// The folder of session journals: the XDG state folder by default.
public struct SessionStore: Sendable {
    /// The folder.
    public let directory: String

    /// A store in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The default store: `$XDG_STATE_HOME/kodex/sessions`, or `~/.local/state/kodex/sessions`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> SessionStore {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return SessionStore(directory: state + "/kodex/sessions")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return SessionStore(directory: home + "/.local/state/kodex/sessions")
    }

    /// Creates the folder when needed.
    public func prepare() throws(JournalError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw JournalError(.io, "cannot create the session folder `\(directory)`: \(error.localizedDescription)")
        }
    }

    /// The journal path of session `id`.
    public func path(of id: String) -> String { directory + "/" + id + ".jsonl" }

    /// Whether `id` can name a session of this store: a plain file name, so that an id
    /// typed by hand (`--session ../x`) can never reach a file outside the folder.
    public static func isValidID(_ id: String) -> Bool {
        // By bytes: the file system splits a path at any `/` byte, whatever follows it.
        !id.isEmpty && id.utf8.first != UInt8(ascii: ".") && !id.utf8.contains { $0 == UInt8(ascii: "/") || $0 == 0 }
            && id.utf8.count <= 200
    }

    /// A new, unique session id: the start time, the situation and a random suffix, so
    /// that sessions in several terminals never share a journal.
    public func newSessionID(situation: String, at time: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(time) / 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        let stamp = "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))-\(two(parts.hour))\(two(parts.minute))\(two(parts.second))"
        let suffix = String(UInt32.random(in: 0...0xFFFF_FFFF), radix: 16)
        return "\(stamp)-\(situation)-\(suffix)"
    }

    /// Every session id in the store, oldest first.
    public func sessionIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(".jsonl".count)) }.sorted()
    }

    /// The sessions that can be taken up again, most recent last. Journals that cannot
    /// be read at all are left out; damaged lines in the rest are counted in each record.
    public func resumableSessions() -> [SessionRecord] {
        sessionIDs().compactMap { try? SessionRecord.read($0, in: self) }.filter(\.isResumable)
            .sorted { ($0.lastEventAt, $0.id) < ($1.lastEventAt, $1.id) }
    }
}
