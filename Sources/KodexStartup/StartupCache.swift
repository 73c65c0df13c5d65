import Foundation
import KodexModel
import KodexSupport

/// What `kodex run` remembers about a codex that passed its check, so that the next
/// start can read only the situation it needs.
///
/// It holds the size, modification time and inode of the manifest and every content
/// file, and which file defines each situation. When every file still matches, the
/// codex is the one that was checked, so the check need not run again and the other
/// situations' files need not be read. Any difference, and the cache is ignored.
public struct StartupCache: Codable, Sendable, Equatable {
    /// One file's identity on disk.
    public struct Stamp: Codable, Sendable, Equatable {
        var path: String
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }

    static let currentVersion = 4

    var version: Int
    /// The Kodex that checked the codex: a newer one may hold checks this one did not run.
    var checkedBy: String
    /// The codex's ``CodexFingerprint``, taken when the cache was made.
    public var fingerprint: String?
    var stamps: [Stamp]
    /// The file defining each situation, relative to the codex folder.
    var situationFiles: [String: String]
    /// The files defining the shared expectations, rules, tools, banned phrases and
    /// templates every situation may use, including any that define situations too.
    var sharedFiles: Set<String>

    /// The content files to read for `situation`, or `nil` when the cache does not know it.
    public func files(for situation: String) -> Set<String>? {
        guard let file = situationFiles[situation] else { return nil }
        return sharedFiles.union([file])
    }

    /// The identity of every file of the codex in `directory` now, or `nil` when it
    /// cannot be read. Taken before a codex is read, it lets ``init(codex:directory:stampsBeforeReading:)``
    /// tell that no file changed while the codex was being read and checked.
    public static func stamps(of directory: String) -> [Stamp]? {
        guard let files = try? CodexLoader().contentFiles(directory: directory) else { return nil }
        return stamps(directory: directory, files: files)
    }

    /// Builds the cache of a codex that was just read whole and passed its check, or
    /// `nil` when a file changed since `stampsBeforeReading` were taken: the check then
    /// says nothing about the files as they are now.
    public init?(codex: Codex, directory: String, stampsBeforeReading: [Stamp]?) {
        guard let stamps = Self.stamps(directory: directory, files: codex.files), stamps == stampsBeforeReading else {
            return nil
        }
        let prefix = directory == "." ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
        func relative(_ file: String) -> String { file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file }
        var situationFiles: [String: String] = [:]
        for situation in codex.situations {
            situationFiles[situation.id.value] = relative(situation.span.file)
        }
        let shared = codex.expectations.map(\.span) + codex.rules.map(\.span) + codex.tools.map(\.span)
            + codex.bannedPhrases.map(\.span) + codex.templates.map(\.span)
        self.version = Self.currentVersion
        self.checkedBy = KodexVersion.current
        self.fingerprint = CodexFingerprint.of(directory: directory)
        self.stamps = stamps
        self.situationFiles = situationFiles
        self.sharedFiles = Set(shared.map { relative($0.file) })
    }

    /// Whether the codex in `directory` is still exactly the one this cache describes.
    public func matches(directory: String) -> Bool {
        guard version == Self.currentVersion, checkedBy == KodexVersion.current,
              let files = try? CodexLoader().contentFiles(directory: directory),
              let current = Self.stamps(directory: directory, files: files) else { return false }
        return current == stamps
    }

    private static func stamps(directory: String, files: [String]) -> [Stamp]? {
        var stamps: [Stamp] = []
        for path in [CodexLoader.manifestName] + files {
            var info = stat()
            guard stat(directory + "/" + path, &info) == 0 else { return nil }
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            stamps.append(Stamp(path: path, size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino)))
        }
        return stamps
    }

    // MARK: - Storage

    /// Where the cache of the codex in `directory` lives: one file per codex folder in
    /// `$XDG_CACHE_HOME/kodex` (by default `~/.cache/kodex`).
    public static func path(for directory: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            base = cache + "/kodex"
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/kodex"
        }
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        var hash = StableHash()
        hash.combine(absolute.utf8)
        return base + "/run-" + hash.hex + ".json"
    }

    /// The cache stored for `directory`, if there is a readable one.
    public static func load(for directory: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> StartupCache? {
        guard let data = FileManager.default.contents(atPath: path(for: directory, environment: environment)) else { return nil }
        return try? JSONDecoder().decode(StartupCache.self, from: data)
    }

    /// Stores the cache for `directory`; a cache that cannot be written only costs speed.
    public func save(for directory: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let target = Self.path(for: directory, environment: environment)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return }
        try? FileManager.default.createDirectory(atPath: parentFolder(of: target),
                                                 withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: target), options: .atomic)
    }
}
