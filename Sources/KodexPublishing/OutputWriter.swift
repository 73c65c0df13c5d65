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
        let manager = FileManager.default
        let previous = try ownedFiles()
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PublishError("cannot create the output folder `\(directory)`: \(Self.reason(error))")
        }

        // Stage every changed file next to its target, on every core: a large site is
        // hundreds of megabytes. Folders are made first, so no two threads race to make one.
        let targets = files.map { directory + "/" + $0.path }
        for folder in Set(targets.map { ($0 as NSString).deletingLastPathComponent }).sorted() {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw PublishError("cannot create the folder `\(folder)`: \(Self.reason(error)); the earlier output is unchanged")
            }
        }
        let outcomes = concurrentMap(files.count) { index -> Result<String?, PublishError> in
            let target = targets[index]
            if let existing = FileManager.default.contents(atPath: target), existing.elementsEqual(files[index].bytes) {
                return .success(nil)
            }
            let temporary = (target as NSString).deletingLastPathComponent + "/." + (target as NSString).lastPathComponent
                + ".kodex-tmp"
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
            throw failure
        }

        // Put them in place; a rename within a folder does not fail half-way.
        for (temporary, target) in staged where rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            for (left, _) in staged { try? manager.removeItem(atPath: left) }
            throw PublishError("cannot replace `\(target)`: \(reason)")
        }

        let produced = Set(files.map(\.path))
        var removed = 0
        for path in previous.sorted() where !produced.contains(path) {
            if (try? manager.removeItem(atPath: directory + "/" + path)) != nil { removed += 1 }
        }
        let ledger = produced.sorted().joined(separator: "\n") + "\n"
        do {
            try Data(ledger.utf8).write(to: URL(fileURLWithPath: directory + "/" + Self.ledgerName), options: .atomic)
        } catch {
            throw PublishError("cannot write `\(directory)/\(Self.ledgerName)`: \(Self.reason(error))")
        }
        return WriteSummary(written: staged.count, unchanged: unchanged, removed: removed)
    }

    /// The files Kodex wrote in an earlier build, after checking that nothing else is
    /// in the folder.
    private func ownedFiles() throws(PublishError) -> Set<String> {
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
        var foreign: [String] = []
        if let walker = manager.enumerator(atPath: directory) {
            for case let relative as String in walker where relative != Self.ledgerName {
                var isFolder: ObjCBool = false
                _ = manager.fileExists(atPath: directory + "/" + relative, isDirectory: &isFolder)
                if !isFolder.boolValue, !owned.contains(relative) { foreign.append(relative) }
            }
        }
        guard foreign.isEmpty else {
            let shown = foreign.sorted().prefix(3).map { "`\($0)`" }.joined(separator: ", ")
            let more = foreign.count > 3 ? " and \(foreign.count - 3) more" : ""
            throw PublishError("`\(directory)` holds files Kodex did not write (\(shown)\(more)); "
                               + "choose an empty or new folder: Kodex never overwrites or deletes them")
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
