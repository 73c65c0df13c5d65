import Foundation
import KodexModel

/// What writing the handbook changed.
public struct WriteSummary: Sendable, Hashable {
    /// Files created or changed.
    public var written: Int
    /// Files whose content was already right and were left alone.
    public var unchanged: Int
    /// Files of an earlier build that this build no longer produces.
    public var removed: Int

    /// Creates a summary.
    public init(written: Int, unchanged: Int, removed: Int) {
        self.written = written
        self.unchanged = unchanged
        self.removed = removed
    }
}

/// Writes the handbook into an output folder without ever touching a file Kodex did
/// not write.
///
/// A ledger, `.kodex-build`, lists the files Kodex wrote there. A folder holding any
/// other file is refused. Every changed file is first written beside its target and
/// only then renamed over it, so a failure part-way leaves the earlier output whole;
/// unchanged files are not rewritten.
public struct OutputWriter: Sendable {
    /// The name of the ledger file in the output folder.
    public static let ledgerName = ".kodex-build"

    /// The output folder.
    public let directory: String

    /// Creates a writer for `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// Writes `files`, removing files of an earlier build that are no longer produced.
    public func write(_ files: [OutputFile]) throws(PublishError) -> WriteSummary {
        let staging = try begin()
        // Staged on every core: a large site is hundreds of megabytes.
        let failures = concurrentMap(files.count) { index -> PublishError? in
            do throws(PublishError) {
                try staging.stage(files[index])
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first {
            staging.abandon()
            throw failure
        }
        return try staging.commit()
    }

    /// Refuses a folder that cannot take a build's output (one holding files Kodex did
    /// not write, or a file in its place) before the build renders anything. Files named
    /// like staged ones are judged when the build's files are put in place, once it is
    /// known which files it writes.
    public func checkFolder() throws(PublishError) {
        _ = try survey()
    }

    /// Starts writing a build: refuses a folder that cannot take it, and makes the folder.
    /// The build's files are then staged with ``Staging/stage(_:)`` as they are made, from
    /// any thread, and put in place together by ``Staging/commit()``.
    public func begin() throws(PublishError) -> Staging {
        _ = try survey()
        let made = Staging.missingFolders(down: directory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PublishError("cannot create the output folder `\(directory)`: \(Self.reason(error))")
        }
        let lock = try Self.lock(directory)
        // Surveyed again under the lock: a build that held it may have changed the folder.
        let (owned, stagedLooking): (Set<String>, [String])
        do {
            (owned, stagedLooking) = try survey()
        } catch {
            close(lock)
            throw error
        }
        return Staging(directory: directory, previous: owned, stagedLooking: stagedLooking, made: made, lock: lock)
    }

    /// The name of the lock file a build holds in the output folder.
    public static let lockName = ".kodex-build.lock"

    /// Takes the output folder's lock, so that two builds never write one folder at once.
    private static func lock(_ directory: String) throws(PublishError) -> Int32 {
        let path = directory + "/" + lockName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw PublishError("cannot open `\(path)`: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw PublishError("another kodex build is writing `\(directory)`; run this one when it has finished")
        }
        return descriptor
    }

    /// The files Kodex wrote in an earlier build and the files named like staged ones,
    /// after checking that nothing else is in the folder.
    private func survey() throws(PublishError) -> (owned: Set<String>, stagedLooking: [String]) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else { return ([], []) }
        guard isDirectory.boolValue else {
            throw PublishError("`\(directory)` is a file, not an output folder")
        }
        var owned = Set<String>()
        if let data = manager.contents(atPath: directory + "/" + Self.ledgerName) {
            owned = Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
        }
        var foreign: [String] = [], stagedLooking: [String] = [], links: [String] = []
        if let walker = manager.enumerator(atPath: directory) {
            // A few foreign files are enough to refuse: a home folder given by mistake is
            // not walked to its end.
            for case let relative as String in walker where relative != Self.ledgerName && relative != Self.lockName {
                if foreign.count + links.count > 3 { break }
                var info = stat()
                guard lstat(directory + "/" + relative, &info) == 0 else { continue }
                // A link is never Kodex's: writing through it would change files elsewhere.
                if (info.st_mode & S_IFMT) == S_IFLNK {
                    links.append(relative)
                    continue
                }
                guard (info.st_mode & S_IFMT) != S_IFDIR, !owned.contains(relative) else { continue }
                if Self.stagedTarget(relative) != nil {
                    stagedLooking.append(relative)
                } else {
                    foreign.append(relative)
                }
            }
        }
        if !links.isEmpty {
            let shown = links.sorted().prefix(3).map { "`\($0)`" }.joined(separator: ", ")
            throw PublishError("`\(directory)` holds symbolic links (\(shown)); Kodex never writes through a link, "
                               + "so that a build cannot change files outside its folder: remove them, or choose a new folder")
        }
        try Self.refuse(foreign, in: directory)
        return (owned, stagedLooking)
    }

    /// Throws the refusal of a folder holding `foreign` files, if there are any.
    fileprivate static func refuse(_ foreign: [String], in directory: String) throws(PublishError) {
        guard !foreign.isEmpty else { return }
        let shown = foreign.sorted().prefix(3).map { "`\($0)`" }.joined(separator: ", ")
        let more = foreign.count > 3 ? " and more" : ""
        throw PublishError("`\(directory)` holds files Kodex did not write (\(shown)\(more)); "
                           + "choose an empty or new folder: Kodex never overwrites or deletes them")
    }

    /// Where `target` is written before it is renamed into place.
    fileprivate static func stagingPath(of target: String) -> String {
        (target as NSString).deletingLastPathComponent + "/." + (target as NSString).lastPathComponent + stagingSuffix
    }

    private static let stagingSuffix = ".kodex-tmp"

    /// The file that `relative`, a file in the output folder, stages, when its name is
    /// that of a staged file.
    fileprivate static func stagedTarget(_ relative: String) -> String? {
        let name = (relative as NSString).lastPathComponent
        guard name.hasPrefix("."), name.hasSuffix(stagingSuffix), name.count > 1 + stagingSuffix.count else { return nil }
        let folder = (relative as NSString).deletingLastPathComponent
        let target = String(name.dropFirst().dropLast(stagingSuffix.count))
        return folder.isEmpty ? target : folder + "/" + target
    }

    fileprivate static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

/// A build's files on their way into the output folder: each is written beside its
/// target as it is made, and all are renamed into place together at the end.
///
/// A build killed part-way leaves a folder the next build accepts: the ledger names
/// every file the build may leave behind before any is put in place, and the next
/// build removes the staged files it finds for its own files or for Kodex's earlier
/// ones. Any other file is refused.
public final class Staging: @unchecked Sendable {
    /// The output folder.
    public let directory: String
    private let previous: Set<String>
    private let stagedLooking: [String]
    // Guards everything below: files are staged from every core.
    private let lock = NSLock()
    private var folders: Set<String> = []
    /// The folders this build made, so that an abandoned build takes them away again.
    private var made: [String]
    private var produced: Set<String> = []
    private var staged: [(temporary: String, target: String)] = []
    private var unchanged = 0
    /// The output folder's lock, held until the build is committed or abandoned.
    private var lockDescriptor: Int32

    fileprivate init(directory: String, previous: Set<String>, stagedLooking: [String], made: [String], lock: Int32) {
        self.directory = directory
        self.previous = previous
        self.stagedLooking = stagedLooking
        self.made = made
        self.lockDescriptor = lock
    }

    deinit {
        if lockDescriptor >= 0 { close(lockDescriptor) }
    }

    private func releaseLock() {
        if lockDescriptor >= 0 { close(lockDescriptor) }
        lockDescriptor = -1
    }

    /// `folder` and those of its parents that do not exist yet, innermost first.
    fileprivate static func missingFolders(down folder: String) -> [String] {
        var missing: [String] = []
        var current = folder
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        return missing
    }

    /// Writes `file` beside its target, unless the target already holds exactly it.
    public func stage(_ file: OutputFile) throws(PublishError) {
        let target = directory + "/" + file.path
        try makeFolder(of: target)
        if let existing = FileManager.default.contents(atPath: target), existing.elementsEqual(file.bytes) {
            lock.withLock {
                produced.insert(file.path)
                unchanged += 1
            }
            return
        }
        let temporary = OutputWriter.stagingPath(of: target)
        do {
            try Data(file.bytes).write(to: URL(fileURLWithPath: temporary))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw PublishError("cannot write `\(target)`: \(OutputWriter.reason(error)); the earlier output is unchanged")
        }
        lock.withLock {
            produced.insert(file.path)
            staged.append((temporary, target))
        }
    }

    /// The files staged or found unchanged so far.
    public var fileCount: Int { lock.withLock { produced.count } }

    /// Makes the folder `target` goes in, once per folder, so that no two threads race
    /// to make one.
    private func makeFolder(of target: String) throws(PublishError) {
        let folder = (target as NSString).deletingLastPathComponent
        let result: Result<Void, PublishError> = lock.withLock {
            guard !folders.contains(folder) else { return .success(()) }
            let missing = Self.missingFolders(down: folder)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                return .failure(PublishError("cannot create the folder `\(folder)`: \(OutputWriter.reason(error)); "
                                             + "the earlier output is unchanged"))
            }
            folders.insert(folder)
            made += missing
            return .success(())
        }
        try result.get()
    }

    /// Removes every file staged so far, and the folders made for them; the earlier
    /// output stays as it was.
    public func abandon() {
        lock.withLock {
            for (temporary, _) in staged { try? FileManager.default.removeItem(atPath: temporary) }
            staged = []
            // Innermost first; a folder that is not empty stays.
            // The lock file goes first, so that a folder this build made can go too.
            if !made.isEmpty { unlink(directory + "/" + OutputWriter.lockName) }
            releaseLock()
            for folder in made.sorted(by: { $0.count > $1.count }) { rmdir(folder) }
            made = []
        }
    }

    /// Puts every staged file in place, removes the earlier build's files this one no
    /// longer produces, and records the build in the ledger.
    public func commit() throws(PublishError) -> WriteSummary {
        lock.lock()
        defer {
            releaseLock()
            lock.unlock()
        }
        let manager = FileManager.default
        // Staged files left by a killed build: those for this build's files or for
        // Kodex's earlier ones go; anything else named like them is not Kodex's.
        let ours = Set(staged.map { String($0.temporary.dropFirst(directory.count + 1)) })
        var foreign: [String] = []
        for relative in stagedLooking where !ours.contains(relative) {
            guard let target = OutputWriter.stagedTarget(relative) else { continue }
            if previous.contains(target) || produced.contains(target) {
                try? manager.removeItem(atPath: directory + "/" + relative)
            } else {
                foreign.append(relative)
            }
        }
        if !foreign.isEmpty {
            for (temporary, _) in staged { try? manager.removeItem(atPath: temporary) }
            try OutputWriter.refuse(foreign, in: directory)
        }
        try writeLedger(previous.union(produced))
        // Put them in place, in a stable order; a rename within a folder does not
        // fail half-way.
        let ordered = staged.sorted { $0.target < $1.target }
        for (temporary, target) in ordered where rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            for (left, _) in ordered { try? manager.removeItem(atPath: left) }
            throw PublishError("cannot replace `\(target)`: \(reason)")
        }
        var removed = 0
        for path in previous.sorted() where !produced.contains(path) {
            if (try? manager.removeItem(atPath: directory + "/" + path)) != nil { removed += 1 }
        }
        try writeLedger(produced)
        return WriteSummary(written: staged.count, unchanged: unchanged, removed: removed)
    }

    private func writeLedger(_ paths: Set<String>) throws(PublishError) {
        let ledger = paths.sorted().joined(separator: "\n") + "\n"
        do {
            try Data(ledger.utf8).write(to: URL(fileURLWithPath: directory + "/" + OutputWriter.ledgerName), options: .atomic)
        } catch {
            throw PublishError("cannot write `\(directory)/\(OutputWriter.ledgerName)`: \(OutputWriter.reason(error))")
        }
    }
}
