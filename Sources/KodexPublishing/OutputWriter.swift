import Foundation
import Synchronization
internal import CFileExchange
import KodexModel
import KodexSupport

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
/// other file, or any symbolic link, is refused. A build is staged whole in
/// `.kodex-stage` inside the folder (an unchanged file is hard-linked there, not
/// rewritten), and each top folder (`html/`, `md/`, `pdf/`) then replaces the earlier
/// one in a single atomic exchange, so a reader sees the earlier build's folder or the new
/// one, never a mix; a failure before that leaves the earlier output whole.
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
            throw PublishError(.cannotWrite, "cannot create the output folder `\(directory)`: \(Self.reason(error))")
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
        // A staging tree left by a killed build is Kodex's own, and is cleared.
        let stage = directory + "/" + Self.stageName
        try? FileManager.default.removeItem(atPath: stage)
        guard mkdir(stage, 0o755) == 0 else {
            close(lock)
            throw PublishError(.cannotWrite, "cannot create `\(stage)`: \(String(cString: strerror(errno)))")
        }
        return Staging(directory: directory, previous: owned, stagedLooking: stagedLooking, made: made, lock: lock)
    }

    /// The folder inside the output folder where a build is staged before it is put in place.
    public static let stageName = ".kodex-stage"

    /// The name of the lock file a build holds in the output folder.
    public static let lockName = ".kodex-build.lock"

    /// Takes the output folder's lock, so that two builds never write one folder at once.
    private static func lock(_ directory: String) throws(PublishError) -> Int32 {
        let path = directory + "/" + lockName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw PublishError(.cannotWrite, "cannot open `\(path)`: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw PublishError(.anotherBuildWriting, "another kodex build is writing `\(directory)`; run this one when it has finished",
                               hungarian: "egy másik kodex build éppen ír ide: `\(directory)`; ezt akkor indítsa, ha az végzett")
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
            throw PublishError(.outputFolderRefused, "`\(directory)` is a file, not an output folder",
                               hungarian: "`\(directory)` fájl, nem kimeneti mappa")
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
                // A build's own staging, left by one that was killed: the next build clears it.
                if relative == Self.stageName {
                    walker.skipDescendants()
                    continue
                }
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
            throw PublishError(.outputFolderRefused, "`\(directory)` holds symbolic links (\(shown)); Kodex never writes through a link, "
                               + "so that a build cannot change files outside its folder: remove them, or choose a new folder",
                               hungarian: "`\(directory)` szimbolikus linkeket tartalmaz (\(shown)); a Kodex sosem ír linken át, "
                                   + "hogy egy build ne módosíthasson a mappáján kívüli fájlt: törölje őket, vagy válasszon új mappát")
        }
        try Self.refuse(foreign, in: directory)
        return (owned, stagedLooking)
    }

    /// Throws the refusal of a folder holding `foreign` files, if there are any.
    fileprivate static func refuse(_ foreign: [String], in directory: String) throws(PublishError) {
        guard !foreign.isEmpty else { return }
        let shown = foreign.sorted().prefix(3).map { "`\($0)`" }.joined(separator: ", ")
        let more = foreign.count > 3 ? " and more" : ""
        let moreHungarian = foreign.count > 3 ? " és mások" : ""
        throw PublishError(.outputFolderRefused, "`\(directory)` holds files Kodex did not write (\(shown)\(more)); "
                           + "choose an empty or new folder: Kodex never overwrites or deletes them",
                           hungarian: "`\(directory)` olyan fájlokat tartalmaz, amelyeket nem a Kodex írt (\(shown)\(moreHungarian)); "
                               + "válasszon üres vagy új mappát: a Kodex ezeket sosem írja felül és sosem törli")
    }

    private static let stagingSuffix = ".kodex-tmp"

    /// The file that `relative`, a file in the output folder, stages, when its name is
    /// that of a staged file.
    fileprivate static func stagedTarget(_ relative: String) -> String? {
        let name = (relative as NSString).lastPathComponent
        guard name.hasPrefix("."), name.hasSuffix(stagingSuffix), name.count > 1 + stagingSuffix.count else { return nil }
        let folder = parentFolder(of: relative)
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

/// A build's files on their way into the output folder: each is written into the
/// staging tree (`.kodex-stage`) as it is made, and the tree's top folders replace the
/// earlier ones at the end, each in one atomic exchange.
///
/// A build killed part-way leaves a folder the next build accepts: the ledger names
/// every file the build may leave behind before any is put in place, and the next build
/// clears the staging tree. Files named like the staged files of earlier Kodex versions
/// (`.NAME.kodex-tmp` beside their targets) are removed when they stage Kodex's own
/// files; any other file is refused.
public final class Staging: Sendable {
    /// The output folder.
    public let directory: String
    private let previous: Set<String>
    private let stagedLooking: [String]
    /// What the build has done so far: files are staged from every core.
    private let progress: Mutex<Progress>
    /// Where the build is staged: `.kodex-stage` in the output folder.
    private var stageRoot: String { directory + "/" + OutputWriter.stageName }

    private struct Progress {
        /// The staging folders made so far.
        var folders: Set<String> = []
        /// The folders this build made, so that an abandoned build takes them away again.
        var made: [String]
        var produced: Set<String> = []
        var written = 0
        var unchanged = 0
        /// The output folder's lock, held until the build is committed or abandoned.
        var lockDescriptor: Int32

        mutating func releaseLock() {
            if lockDescriptor >= 0 { close(lockDescriptor) }
            lockDescriptor = -1
        }
    }

    fileprivate init(directory: String, previous: Set<String>, stagedLooking: [String], made: [String], lock: Int32) {
        self.directory = directory
        self.previous = previous
        self.stagedLooking = stagedLooking
        progress = Mutex(Progress(made: made, lockDescriptor: lock))
    }

    deinit {
        progress.withLock { $0.releaseLock() }
    }

    /// `folder` and those of its parents that do not exist yet, innermost first.
    fileprivate static func missingFolders(down folder: String) -> [String] {
        var missing: [String] = []
        var current = folder
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = parentFolder(of: current)
        }
        return missing
    }

    /// Writes `file` into the build's staging tree; a file whose target already holds
    /// exactly it is hard-linked there instead, so that it keeps its identity on disk.
    public func stage(_ file: OutputFile) throws(PublishError) {
        let target = directory + "/" + file.path
        let staged = stageRoot + "/" + file.path
        try makeFolder(of: staged)
        let unchanged: Bool
        do throws(PublishError) {
            if file.isMadeInPieces {
                unchanged = try Self.writeNew(staged, file, comparingWith: target)
            } else if let existing = FileManager.default.contents(atPath: target), file.withBytes({ existing.elementsEqual($0) }) {
                unchanged = true
            } else {
                try file.withBytes { bytes throws(PublishError) in try Self.writeNew(staged, bytes) }
                unchanged = false
            }
        } catch {
            throw PublishError(.cannotWrite, "cannot write `\(target)`: \(error.message); the earlier output is unchanged")
        }
        // An unchanged file is the earlier one, linked: it keeps its identity on disk.
        let linked = unchanged && (!file.isMadeInPieces || unlink(staged) == 0) && link(target, staged) == 0
        if unchanged, !linked {
            do throws(PublishError) {
                _ = try Self.writeNew(staged, file, comparingWith: nil)
            } catch {
                throw PublishError(.cannotWrite, "cannot write `\(target)`: \(error.message); the earlier output is unchanged")
            }
        }
        progress.withLock {
            $0.produced.insert(file.path)
            if linked { $0.unchanged += 1 } else { $0.written += 1 }
        }
    }

    /// Creates `path` with the pieces of `file`, comparing them on the way with what
    /// `target` holds, so that neither is ever read or held whole; answers whether the
    /// two are the same (never, without a target).
    private static func writeNew(_ path: String, _ file: OutputFile, comparingWith target: String?) throws(PublishError) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PublishError(.cannotWrite, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let earlier = target.map { open($0, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) } ?? -1
        defer { if earlier >= 0 { close(earlier) } }
        var same = earlier >= 0
        var buffer: [UInt8] = []
        try file.forEachPiece { piece throws(PublishError) in
            try writeAll(descriptor, piece)
            guard same else { return }
            if buffer.count < piece.count { buffer = [UInt8](repeating: 0, count: piece.count) }
            same = buffer.withUnsafeMutableBytes { room in
                readFully(earlier, into: UnsafeMutableRawBufferPointer(rebasing: room[..<piece.count])) == piece.count
                    && room[..<piece.count].elementsEqual(piece)
            }
        }
        // The same only if the earlier file ends here too.
        var extra: UInt8 = 0
        return same && read(earlier, &extra, 1) == 0
    }

    /// Reads until `room` is full or the file ends; answers the count read.
    private static func readFully(_ descriptor: Int32, into room: UnsafeMutableRawBufferPointer) -> Int {
        var total = 0
        while total < room.count {
            let count = read(descriptor, room.baseAddress.map { $0 + total }, room.count - total)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            total += count
        }
        return total
    }

    /// Creates `path` with `bytes`; never follows or reuses whatever is already there.
    private static func writeNew(_ path: String, _ bytes: UnsafeRawBufferPointer) throws(PublishError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PublishError(.cannotWrite, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try writeAll(descriptor, bytes)
    }

    /// Writes all of `bytes` to `descriptor`.
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(PublishError) {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw PublishError(.cannotWrite, String(cString: strerror(errno)))
            }
            offset += count
        }
    }

    /// The files staged or found unchanged so far.
    public var fileCount: Int { progress.withLock { $0.produced.count } }

    /// Makes the staging folder `target` goes in, once per folder, so that no two threads
    /// race to make one.
    private func makeFolder(of target: String) throws(PublishError) {
        let folder = parentFolder(of: target)
        let result: Result<Void, PublishError> = progress.withLock { progress in
            guard !progress.folders.contains(folder) else { return .success(()) }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                return .failure(PublishError(.cannotWrite, "cannot create the folder `\(folder)`: \(OutputWriter.reason(error)); "
                                             + "the earlier output is unchanged"))
            }
            progress.folders.insert(folder)
            return .success(())
        }
        try result.get()
    }

    /// Removes the staging tree and the folders made for the build; the earlier output
    /// stays as it was.
    public func abandon() {
        progress.withLock { progress in
            try? FileManager.default.removeItem(atPath: stageRoot)
            // The lock file goes first, so that a folder this build made can go too.
            if !progress.made.isEmpty { unlink(directory + "/" + OutputWriter.lockName) }
            progress.releaseLock()
            for folder in progress.made.sorted(by: { $0.count > $1.count }) { rmdir(folder) }
            progress.made = []
        }
    }

    /// Puts the build in place: each top folder of the staged tree replaces the earlier
    /// one in one atomic exchange (a rename where there was none, or where the file
    /// system cannot exchange), the earlier build's files this one no longer produces go,
    /// and the ledger records the build.
    public func commit() throws(PublishError) -> WriteSummary {
        try progress.withLock { progress throws(PublishError) -> WriteSummary in
            defer { progress.releaseLock() }
            return try commit(produced: progress.produced, written: progress.written, unchanged: progress.unchanged)
        }
    }

    private func commit(produced: Set<String>, written: Int, unchanged: Int) throws(PublishError) -> WriteSummary {
        let manager = FileManager.default
        // Staged files left by a killed build of an earlier Kodex, beside their targets:
        // those for this build's files or for Kodex's earlier ones go; anything else
        // named like them is not Kodex's.
        var foreign: [String] = []
        for relative in stagedLooking {
            guard let target = OutputWriter.stagedTarget(relative) else { continue }
            if previous.contains(target) || produced.contains(target) {
                try? manager.removeItem(atPath: directory + "/" + relative)
            } else {
                foreign.append(relative)
            }
        }
        if !foreign.isEmpty {
            try? manager.removeItem(atPath: stageRoot)
            try OutputWriter.refuse(foreign, in: directory)
        }
        // Looked at once more just before the swap: a file added by hand meanwhile would
        // otherwise leave with the earlier folder.
        do {
            _ = try OutputWriter(directory: directory).checkFolder()
        } catch {
            try? manager.removeItem(atPath: stageRoot)
            throw error
        }
        try writeLedger(previous.union(produced))
        let tops = Set(produced.map { String($0.split(separator: "/", maxSplits: 1)[0]) }).sorted()
        for top in tops {
            let staged = stageRoot + "/" + top, target = directory + "/" + top
            var info = stat()
            if lstat(target, &info) == 0 {
                if kodex_exchange(staged, target) != 0 {
                    // No exchange here (another system, or a file system without it): the
                    // earlier folder steps aside, then the new one takes its place.
                    let aside = staged + ".earlier"
                    guard rename(target, aside) == 0 else {
                        throw PublishError(.cannotWrite, "cannot put `\(target)` in place: \(String(cString: strerror(errno)))")
                    }
                    guard rename(staged, target) == 0 else {
                        let reason = String(cString: strerror(errno))
                        rename(aside, target)
                        throw PublishError(.cannotWrite, "cannot put `\(target)` in place: \(reason)")
                    }
                }
            } else if rename(staged, target) != 0 {
                throw PublishError(.cannotWrite, "cannot put `\(target)` in place: \(String(cString: strerror(errno)))")
            }
        }
        // What is left in the staging tree is the earlier folders, all Kodex's.
        try? manager.removeItem(atPath: stageRoot)
        var removed = 0
        for path in previous.sorted() where !produced.contains(path) {
            let top = String(path.split(separator: "/", maxSplits: 1)[0])
            if tops.contains(top) {
                removed += 1
            } else if (try? manager.removeItem(atPath: directory + "/" + path)) != nil {
                removed += 1
                Self.removeEmptyFolders(of: path, in: directory)
            }
        }
        try writeLedger(produced)
        return WriteSummary(written: written, unchanged: unchanged, removed: removed)
    }

    /// Removes the folders of `path` that are left empty, innermost first.
    private static func removeEmptyFolders(of path: String, in directory: String) {
        var folder = parentFolder(of: path)
        while !folder.isEmpty, rmdir(directory + "/" + folder) == 0 {
            folder = parentFolder(of: folder)
        }
    }

    private func writeLedger(_ paths: Set<String>) throws(PublishError) {
        let ledger = paths.sorted().joined(separator: "\n") + "\n"
        do {
            try Data(ledger.utf8).write(to: URL(fileURLWithPath: directory + "/" + OutputWriter.ledgerName), options: .atomic)
        } catch {
            throw PublishError(.cannotWrite, "cannot write `\(directory)/\(OutputWriter.ledgerName)`: \(OutputWriter.reason(error))")
        }
    }
}
