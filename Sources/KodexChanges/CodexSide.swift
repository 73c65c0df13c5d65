import Foundation
import KodexModel
import KodexStartup
import KodexSupport
import KodexValidation

/// Why a side of a comparison could not be read.
public struct DiffFailure: Error, Sendable {
    /// Which side failed.
    public enum Side: Sendable { case old, new }
    /// What went wrong.
    public enum Problem: Sendable, Equatable {
        /// Neither a folder nor a revision git knows.
        case notFound(gitMessage: String?)
        /// The folder or revision holds no codex, or it could not be read.
        case unreadable(String)
        /// The codex has errors; the first one, with its place.
        case failsCheck(errors: Int, first: String)
        /// `git` could not be run, or failed while writing the revision out.
        case git(String)
        /// The revision exists, but the codex folder, at its place in the repository, did not
        /// exist in it yet.
        case noFolder(String)
    }

    /// The side.
    public var side: Side
    /// The side as the user named it.
    public var name: String
    /// What went wrong.
    public var problem: Problem

    /// The failure as one line in `locale`, without a trailing period.
    public func message(in locale: Manifest.Locale) -> String {
        let hu = locale == .hu
        let sideText = hu ? (side == .old ? "a régi oldal (\(name))" : "az új oldal (\(name))")
                          : (side == .old ? "the old side (\(name))" : "the new side (\(name))")
        switch problem {
        case .notFound(let gitMessage):
            let why = gitMessage.map { ": \($0)" } ?? ""
            return hu ? "\(sideText) nem mappa, és a git sem ismer ilyen revíziót\(why)"
                      : "\(sideText) is neither a folder nor a revision git knows\(why)"
        case .unreadable(let message):
            return hu ? "\(sideText) nem olvasható: \(message)" : "\(sideText) cannot be read: \(message)"
        case .failsCheck(let errors, let first):
            return hu ? "\(sideText) nem megy át az ellenőrzésen (\(errors) hiba), az első: \(first)"
                      : "\(sideText) does not pass its check (\(errors) \(errors == 1 ? "error" : "errors")), the first: \(first)"
        case .git(let message):
            return hu ? "\(sideText) nem írható ki a gitből: \(message)" : "\(sideText) could not be read from git: \(message)"
        case .noFolder(let folder):
            return hu ? "\(sideText) nem olvasható: abban a revízióban még nincs `\(folder)` mappa, ahol a kódex van"
                      : "\(sideText) cannot be read: at that revision there is no folder `\(folder)`, where the codex is"
        }
    }
}

/// One side of a comparison: a codex folder, or a revision of the git repository the
/// codex folder is in, written out by `git archive` into a temporary folder.
public struct CodexSide: Sendable {
    /// The side as the user named it.
    public var name: String
    /// The codex, read whole and checked.
    public var codex: Codex
    /// The folder it was read from, when it is the user's own.
    public var folder: String?
    /// The folder its spans name: `folder`, or the temporary folder a revision was written to.
    var spanFolder: String

    /// Reads the side named `name`: the folder of that name if there is one, else the
    /// revision `name` of the git repository that holds `repositoryFolder`, at the same
    /// place in it. A side with errors fails; one with warnings is read as it is.
    ///
    /// - Parameter cache: parts of files read before; when the other side was read with it
    ///   (``LoadCache/Reach/acrossFolders``), the files whose bytes are the same on both
    ///   sides are not parsed again, and their spans name the other side's files.
    /// - Parameter lender: the side read before with `cache`, whose files the spans of
    ///   shared parts name.
    /// - Parameter scratch: the folder a revision is written out into, in a folder of its
    ///   own that is removed once read.
    public static func read(_ name: String, side: DiffFailure.Side, repositoryFolder: String,
                            cache: LoadCache = LoadCache(), lender: CodexSide? = nil,
                            scratch: String = NSTemporaryDirectory()) throws(DiffFailure) -> CodexSide {
        try read(name, side: side, repositoryFolder: repositoryFolder, cache: cache, lender: lender, scratch: scratch,
                 alongsideCheck: { _ in () }).side
    }

    /// Reads the side named `name` as ``read(_:side:repositoryFolder:cache:lender:scratch:)``
    /// does, and does `work` with it while its codex is checked: what `work` gives is
    /// returned only when the side passes its check, so it may take the side as it is. A
    /// revision's folder is still there while `work` runs.
    public static func read<Work>(_ name: String, side: DiffFailure.Side, repositoryFolder: String,
                                  cache: LoadCache = LoadCache(), lender: CodexSide? = nil,
                                  scratch: String = NSTemporaryDirectory(),
                                  alongsideCheck work: (CodexSide) -> Work) throws(DiffFailure) -> (side: CodexSide, work: Work) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: name, isDirectory: &isFolder), isFolder.boolValue {
            let (codex, done) = try readFolder(name, label: name, side: side, temporary: false, cache: cache, lender: lender) {
                work(CodexSide(name: name, codex: $0, folder: name, spanFolder: name))
            }
            return (CodexSide(name: name, codex: codex, folder: name, spanFolder: name), done)
        }
        let temporary = try writeOut(revision: name, side: side, repositoryFolder: repositoryFolder, scratch: scratch)
        // Removed once the check has ended: the check reads the files the loader could not.
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let (codex, done) = try readFolder(temporary, label: name, side: side, temporary: true, cache: cache, lender: lender) {
            work(CodexSide(name: name, codex: $0, folder: nil, spanFolder: temporary))
        }
        return (CodexSide(name: name, codex: codex, folder: nil, spanFolder: temporary), done)
    }

    /// The files `cache` lent this side (read with it after `lender`), as each side's
    /// spans name them: what ``CodexComparer/compare(_:_:from:to:unchangedFiles:)`` need not
    /// compare. Both sides' parts of a lent file came from the lender's reading of it.
    public static func unchangedFiles(lentBy cache: LoadCache, lender: CodexSide) -> (old: Set<String>, new: Set<String>) {
        let paths = Set(cache.reusedFiles.map { joined(lender.spanFolder, $0) })
        return (paths, paths)
    }

    /// The path the loader names `relative` by in a codex read from `folder`.
    private static func joined(_ folder: String, _ relative: String) -> String {
        if folder == "." || folder.isEmpty { return relative }
        return folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }

    /// Reads and checks a codex folder, doing `work` with the codex while it is checked.
    /// The user's own folder is not checked again when the start-up cache vouches that it
    /// passed its check unchanged.
    private static func readFolder<Work>(_ folder: String, label: String, side: DiffFailure.Side, temporary: Bool,
                                         cache: LoadCache, lender: CodexSide?,
                                         alongsideCheck work: (Codex) -> Work) throws(DiffFailure) -> (Codex, Work) {
        do {
            if !temporary, let startup = StartupCache.load(for: folder), startup.matches(directory: folder) {
                let codex = try CodexLoader().load(directory: folder, reusing: cache).codex
                return (codex, work(codex))
            }
            let loaded = try CodexLoader().load(directory: folder, reusing: cache)
            // Only whether the side passes, and its first error, are said.
            let check = RunningCheck(of: loaded, reporting: .errors)
            let done = work(loaded.codex)
            let errors = check.report.diagnostics.filter { $0.severity == .error }
            if let first = errors.first {
                var place = ""
                if let span = first.span {
                    var file = span.file
                    // A file lent by the other side is named by the other side's path;
                    // the user is told about this side's copy of it (same bytes).
                    if let lender, let relative = relativePath(of: file, in: lender.spanFolder),
                       cache.reusedFiles.contains(relative) {
                        file = joined(folder, relative)
                    }
                    if temporary, file.hasPrefix(folder + "/") { file = label + ":" + file.dropFirst(folder.count + 1) }
                    place = span.isWholeFile ? file + ": " : "\(file):\(span.start.line):\(span.start.column): "
                }
                throw DiffFailure(side: side, name: label, problem: .failsCheck(errors: errors.count, first: place + first.message))
            }
            return (loaded.codex, done)
        } catch let failure as DiffFailure {
            throw failure
        } catch let failure as LoadFailure {
            var message = failure.message
            if temporary { message = message.replacingOccurrences(of: folder, with: label + ":") }
            throw DiffFailure(side: side, name: label, problem: .unreadable(message))
        } catch {
            throw DiffFailure(side: side, name: label, problem: .unreadable(String(describing: error)))
        }
    }

    /// `path` relative to `folder`, when the loader named a file in `folder` so.
    private static func relativePath(of path: String, in folder: String) -> String? {
        if folder == "." || folder.isEmpty { return path.hasPrefix("/") ? nil : path }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    /// Writes the codex folder as it was at `revision` into a new temporary folder, with
    /// git's own `archive`, and returns the folder.
    private static func writeOut(revision: String, side: DiffFailure.Side, repositoryFolder: String,
                                 scratch: String) throws(DiffFailure) -> String {
        func fail(_ problem: DiffFailure.Problem) -> DiffFailure { DiffFailure(side: side, name: revision, problem: problem) }
        // An argument git would read as an option is never passed to it.
        guard !revision.hasPrefix("-"), !revision.isEmpty else { throw fail(.notFound(gitMessage: nil)) }
        let prefix = try git(["rev-parse", "--show-prefix"], in: repositoryFolder)
        guard prefix.status == 0 else { throw fail(.notFound(gitMessage: firstLine(prefix.stderr))) }
        // `git archive` run inside a subfolder archives that subfolder of the tree it is
        // given, so it runs at the top, where the tree is named by its full path.
        let top = try git(["rev-parse", "--show-toplevel"], in: repositoryFolder)
        guard top.status == 0 else { throw fail(.git(firstLine(top.stderr) ?? "no top level")) }
        let commit = try git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: repositoryFolder)
        guard commit.status == 0 else { throw fail(.notFound(gitMessage: nil)) }
        let commitID = commit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let subfolder = prefix.stdout.trimmingCharacters(in: .newlines)
        // A revision from before the codex folder existed: said so, rather than in git's words.
        if !subfolder.isEmpty {
            let tree = try git(["cat-file", "-e", "--end-of-options", commitID + ":" + subfolder], in: repositoryFolder)
            guard tree.status == 0 else { throw fail(.noFolder(String(subfolder.dropLast(subfolder.hasSuffix("/") ? 1 : 0)))) }
        }

        var template = Array((scratch + "/kodex-diff-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw fail(.git("no temporary folder: \(String(cString: strerror(errno)))"))
        }
        let folder = String(cString: created)
        let archive = folder + "/.revision.tar"
        let written = try git(["archive", "--format=tar", "-o", archive, commitID + ":" + subfolder],
                              in: top.stdout.trimmingCharacters(in: .newlines))
        guard written.status == 0 else {
            try? FileManager.default.removeItem(atPath: folder)
            throw fail(.git(firstLine(written.stderr) ?? "git archive failed"))
        }
        let unpacked = try run("/usr/bin/env", ["tar", "-xf", archive, "-C", folder, "--no-same-owner"], in: nil, side: side, name: revision)
        try? FileManager.default.removeItem(atPath: archive)
        guard unpacked.status == 0 else {
            try? FileManager.default.removeItem(atPath: folder)
            throw fail(.git(firstLine(unpacked.stderr) ?? "tar failed"))
        }
        return folder

        func git(_ arguments: [String], in folder: String) throws(DiffFailure) -> ChildResult {
            try run("/usr/bin/env", ["git", "-C", folder] + arguments, in: nil, side: side, name: revision)
        }
    }

    private static func run(_ executable: String, _ arguments: [String], in folder: String?, side: DiffFailure.Side,
                            name: String) throws(DiffFailure) -> ChildResult {
        let result: ChildResult
        do {
            result = try ChildProcess(executable, arguments, directory: folder, input: .empty).finish(timeout: nil)
        } catch {
            throw DiffFailure(side: side, name: name, problem: .git(error.description))
        }
        // `env` exits with 127 when it cannot find the program.
        if result.status == 127 {
            throw DiffFailure(side: side, name: name, problem: .git("\(arguments.first ?? executable) is not installed"))
        }
        return result
    }

    private static func firstLine(_ text: String) -> String? {
        text.split(separator: "\n").first.map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}
