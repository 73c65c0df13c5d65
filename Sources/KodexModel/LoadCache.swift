import Synchronization

/// What earlier loads of a codex made of each content file, kept so that the next load
/// parses only the files whose bytes changed: `kodex serve` and `kodex check --watch` keep
/// one for as long as they run. See ``CodexLoader/load(directory:reusing:)``.
///
/// A cache that reaches ``Reach/acrossFolders`` also lends a file's part to a load of
/// another folder that holds the same bytes at the same relative path: `kodex diff` reads
/// the newer side with it, then the older side, and parses only the files that differ.
/// Spans in a lent part name the file it was first read from, whose bytes are the same.
public final class LoadCache: Sendable {
    /// Which loads a part read from one file may serve.
    public enum Reach: Sendable {
        /// Loads of the same folder only.
        case sameFolder
        /// Loads of any folder with the same file at the same relative path.
        case acrossFolders
    }

    /// What a file's part depends on besides its bytes and path.
    struct Settings: Equatable {
        var limits: ContentLimits
        var locale: Manifest.Locale
    }

    /// A file's part of the codex, with what reading it found.
    struct Part: Sendable {
        var part: Codex
        var found: [Diagnostic]
        var failed: String?
        var typos: [MistypedKey]
    }

    private struct Entry {
        /// The path the part's spans name.
        var path: String
        var bytes: [UInt8]
        var limits: ContentLimits
        var locale: Manifest.Locale
        var part: Part
    }

    /// Entries by the file's path relative to the codex folder.
    private let entries = Mutex<[String: Entry]>([:])
    private let parsed = Mutex(0)
    private let lent = Mutex<Set<String>>([])
    private let reach: Reach

    /// Creates an empty cache.
    public init(reach: Reach = .sameFolder) {
        self.reach = reach
    }

    /// How many files' parts it holds.
    public var count: Int { entries.withLock { $0.count } }

    /// How many times a file was parsed because the cache did not hold its bytes.
    public var filesParsed: Int { parsed.withLock { $0 } }

    /// The content files (relative to the codex folder) whose parts the latest load took
    /// from the cache: files whose bytes are the same as when they were first read.
    public var reusedFiles: Set<String> { lent.withLock { $0 } }

    func part(of relative: String, at path: String, bytes: [UInt8], settings: Settings) -> Part? {
        let found: Part? = entries.withLock { entries in
            guard let entry = entries[relative], reach == .acrossFolders || entry.path == path,
                  entry.limits == settings.limits, entry.locale == settings.locale, entry.bytes == bytes else { return nil }
            return entry.part
        }
        if found != nil { lent.withLock { _ = $0.insert(relative) } }
        return found
    }

    func remember(_ relative: String, at path: String, bytes: [UInt8], settings: Settings, _ part: Part) {
        parsed.withLock { $0 += 1 }
        entries.withLock {
            $0[relative] = Entry(path: path, bytes: bytes, limits: settings.limits, locale: settings.locale, part: part)
        }
    }

    /// Called as a load starts: nothing is lent yet.
    func startLoad() {
        lent.withLock { $0.removeAll() }
    }

    /// Forgets the files no longer in the codex.
    func keep(only relatives: Set<String>) {
        entries.withLock { entries in entries = entries.filter { relatives.contains($0.key) } }
    }
}
