import Synchronization

/// What earlier loads of a codex made of each content file, kept so that the next load
/// parses only the files whose bytes changed: `kodex serve` and `kodex check --watch` keep
/// one for as long as they run. See ``CodexLoader/load(directory:reusing:)``.
public final class LoadCache: Sendable {
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
        var bytes: [UInt8]
        var limits: ContentLimits
        var locale: Manifest.Locale
        var part: Part
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let parsed = Mutex(0)

    /// Creates an empty cache.
    public init() {}

    /// How many files' parts it holds.
    public var count: Int { entries.withLock { $0.count } }

    /// How many times a file was parsed because the cache did not hold its bytes.
    public var filesParsed: Int { parsed.withLock { $0 } }

    func part(of path: String, bytes: [UInt8], settings: Settings) -> Part? {
        entries.withLock { entries in
            guard let entry = entries[path], entry.limits == settings.limits, entry.locale == settings.locale,
                  entry.bytes == bytes else { return nil }
            return entry.part
        }
    }

    func remember(_ path: String, bytes: [UInt8], settings: Settings, _ part: Part) {
        parsed.withLock { $0 += 1 }
        entries.withLock { $0[path] = Entry(bytes: bytes, limits: settings.limits, locale: settings.locale, part: part) }
    }

    /// Forgets the files no longer in the codex.
    func keep(only paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
    }
}
