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
    ///
    /// A build killed part-way leaves a folder the next build accepts: the ledger names
    /// every file the build may leave behind before any is put in place, and staged files
    /// it left are recognised by their names and removed.
    public func write(_ files: [OutputFile]) throws(PublishError) -> WriteSummary {
        let manager = FileManager.default
        let produced = Set(files.map(\.path))
        let previous = try ownedFiles(producing: produced)
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PublishError("cannot create the output folder `\(directory)`: \(Self.reason(error))")
        }
        try writeLedger(previous.union(produced))

        // Stage every changed file next to its target, on every core: a large site is
        // hundreds of megabytes. Folders are made first, so no two threads race to make one.
        let targets = files.map { directory + "/" + $0.path }
        for folder in Set(targets.map { ($0 as NSString).deletingLastPathComponent }).sorted() {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                try? writeLedger(previous)
                throw PublishError("cannot create the folder `\(folder)`: \(Self.reason(error)); the earlier output is unchanged")
            }
        }
        let outcomes = concurrentMap(files.count) { index -> Result<String?, PublishError> in
            let target = targets[index]
            if let existing = FileManager.default.contents(atPath: target), existing.elementsEqual(files[index].bytes) {
                return .success(nil)
            }
            let temporary = Self.stagingPath(of: target)
            do {
                try Data(files[index].bytes).write(to: URL(fileURLWithPath: temporary))
            } catch {
                try? FileManager.default.removeItem(atPath: temporary)
                return .failure(PublishError("cannot write `\(target)`: \(Self.reason(error)); the earlier output is unchanged"))
            }
            return .success(temporary)
        }
        var staged: [(temporary: String, target: String)] = []
        var unchanged = 0
        var failure: PublishError?
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .success(let temporary?): staged.append((temporary, targets[index]))
            case .success(nil): unchanged += 1
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure {
            for (done, _) in staged { try? manager.removeItem(atPath: done) }
            // Nothing was put in place: the ledger names the earlier build's files again.
            try? writeLedger(previous)
            throw failure
        }

        // Put them in place; a rename within a folder does not fail half-way.
        for (temporary, target) in staged where rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            for (left, _) in staged { try? manager.removeItem(atPath: left) }
            throw PublishError("cannot replace `\(target)`: \(reason)")
        }

        var removed = 0
        for path in previous.sorted() where !produced.contains(path) {
            if (try? manager.removeItem(atPath: directory + "/" + path)) != nil { removed += 1 }
        }
        try writeLedger(produced)
        return WriteSummary(written: staged.count, unchanged: unchanged, removed: removed)
    }

    /// Where `target` is written before it is renamed into place.
    private static func stagingPath(of target: String) -> String {
        (target as NSString).deletingLastPathComponent + "/." + (target as NSString).lastPathComponent + stagingSuffix
    }

    private static let stagingSuffix = ".kodex-tmp"

    /// The file that `relative`, a file in the output folder, stages, when its name is
    /// that of a staged file.
    private static func stagedTarget(_ relative: String) -> String? {
        let name = (relative as NSString).lastPathComponent
        guard name.hasPrefix("."), name.hasSuffix(stagingSuffix), name.count > 1 + stagingSuffix.count else { return nil }
        let folder = (relative as NSString).deletingLastPathComponent
        let target = String(name.dropFirst().dropLast(stagingSuffix.count))
        return folder.isEmpty ? target : folder + "/" + target
    }

    private func writeLedger(_ paths: Set<String>) throws(PublishError) {
        let ledger = paths.sorted().joined(separator: "\n") + "\n"
        do {
            try Data(ledger.utf8).write(to: URL(fileURLWithPath: directory + "/" + Self.ledgerName), options: .atomic)
        } catch {
            throw PublishError("cannot write `\(directory)/\(Self.ledgerName)`: \(Self.reason(error))")
        }
    }

    /// Refuses a folder that cannot take a build's output (one holding files Kodex did
    /// not write, or a file in its place) before the build renders anything. Files named
    /// like staged ones are left for ``write(_:)`` to judge, once it knows what it writes.
    public func checkFolder() throws(PublishError) {
        _ = try ownedFiles(producing: nil)
    }

    /// The files Kodex wrote in an earlier build, after checking that nothing else is
    /// in the folder. Files an interrupted build staged for one of its own files or for
    /// one of `produced` are removed; with `produced` unknown, any file named like a
    /// staged one is let be.
    private func ownedFiles(producing produced: Set<String>?) throws(PublishError) -> Set<String> {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            throw PublishError("`\(directory)` is a file, not an output folder")
        }
        let ledgerPath = directory + "/" + Self.ledgerName
        var owned = Set<String>()
        if let data = manager.contents(atPath: ledgerPath) {
            owned = Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
        }
        var foreign: [String] = [], leftovers: [String] = []
        if let walker = manager.enumerator(atPath: directory) {
            // A few foreign files are enough to refuse: a home folder given by mistake is
            // not walked to its end.
            for case let relative as String in walker where relative != Self.ledgerName {
                if foreign.count > 3 { break }
                var isFolder: ObjCBool = false
                _ = manager.fileExists(atPath: directory + "/" + relative, isDirectory: &isFolder)
                guard !isFolder.boolValue, !owned.contains(relative) else { continue }
                if let target = Self.stagedTarget(relative), owned.contains(target) || produced?.contains(target) ?? true {
                    leftovers.append(relative)
                } else {
                    foreign.append(relative)
                }
            }
        }
        guard foreign.isEmpty else {
            let shown = foreign.sorted().prefix(3).map { "`\($0)`" }.joined(separator: ", ")
            let more = foreign.count > 3 ? " and more" : ""
            throw PublishError("`\(directory)` holds files Kodex did not write (\(shown)\(more)); "
                               + "choose an empty or new folder: Kodex never overwrites or deletes them")
        }
        for leftover in leftovers where produced != nil {
            try? manager.removeItem(atPath: directory + "/" + leftover)
        }
        return owned
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
