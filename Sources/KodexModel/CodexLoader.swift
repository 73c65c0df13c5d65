import Foundation
import KodexYAML
import KodexSupport

/// A codex read from its folder, with everything that went wrong while reading it.
public struct LoadedCodex: Sendable {
    /// The model, as complete as the files allowed.
    public var codex: Codex
    /// Findings from reading: syntax, unknown keys, wrong types, missing fields.
    public var diagnostics: [Diagnostic]
    /// The folder as the user named it.
    public var directory: String
    /// The files that could not be read into a tree at all (syntax, limits, unreadable),
    /// as their diagnostics name them: what they define is missing from ``codex``.
    public var unreadFiles: [String] = []
    /// Keys that are near misses of a field their mapping lacks, such as `efect:`.
    public var mistypedKeys: [MistypedKey] = []
    /// YAML files in the folder that no include pattern covers, as paths a user sees.
    public var uncoveredFiles: [String] = []
}

/// A key that is probably a typo of a field its mapping lacks.
public struct MistypedKey: Sendable, Hashable {
    /// The field the key was probably meant to be, such as `effect`.
    public var field: String
    /// Where the mistyped key is written.
    public var key: SourceSpan
    /// Where its value is written: what the field would have held.
    public var value: SourceSpan
    /// The mapping that holds it.
    public var mapping: SourceSpan
}

/// A problem that stops a codex from being read at all, such as a missing folder, or a
/// new one from being written.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// No folder at the path given.
        case noFolder
        /// The path names a file.
        case notAFolder
        /// The folder has no `codex.yaml`.
        case noManifest
        /// `kodex init` would overwrite files.
        case wouldOverwrite
        /// A file or folder could not be written.
        case cannotWrite
        /// The check ran on another thread and gave no result.
        case checkGaveNoResult
    }

    /// What went wrong.
    public var reason: Reason
    /// A lowercase message without a trailing period.
    public var message: String

    /// Creates a failure.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}

/// Reads a codex folder: `codex.yaml`, then every file its `include` patterns match.
public struct CodexLoader: Sendable {
    /// The name of the manifest file at the top of every codex folder.
    public static let manifestName = "codex.yaml"

    /// Creates a loader.
    public init() {}

    /// Reads the codex in `directory`.
    ///
    /// - Parameter only: when given, reads only the content files (paths relative to the
    ///   folder) it accepts; `kodex run` uses it to read one situation's file.
    /// - Throws: ``LoadFailure`` when the folder or its manifest cannot be read; every
    ///   other problem becomes a diagnostic.
    public func load(directory: String, only: ((String) -> Bool)? = nil) throws(LoadFailure) -> LoadedCodex {
        try load(directory: directory, only: only, reusing: nil)
    }

    /// Reads the codex in `directory`, parsing only the files whose bytes differ from what
    /// `cache` holds of an earlier load, and remembering the rest for the next one. The
    /// result is the same as a load without the cache: a file's part of the codex depends
    /// on nothing but its bytes, its path and the manifest's limits and language, and a
    /// part is reused only when all of them are unchanged.
    public func load(directory: String, reusing cache: LoadCache) throws(LoadFailure) -> LoadedCodex {
        try load(directory: directory, only: nil, reusing: cache)
    }

    private func load(directory: String, only: ((String) -> Bool)?, reusing cache: LoadCache?) throws(LoadFailure) -> LoadedCodex {
        let prepared = try prepare(directory: directory)
        let manifest = prepared.manifest
        var diagnostics = prepared.diagnostics
        let files = only.map { prepared.files.filter($0) } ?? prepared.files
        var codex = Codex(manifest: manifest)
        var unread = prepared.unread
        var mistyped = prepared.mistyped
        cache?.startLoad()
        // Files are read, parsed and decoded in parallel, each into a part of its own;
        // the parts are then joined in file order, so the result does not depend on timing.
        let parts = concurrentMap(files.count) { index -> (Codex, [Diagnostic], String?, [MistypedKey]) in
            var part = Codex(manifest: manifest)
            var found: [Diagnostic] = []
            let path = display(directory, files[index])
            let context = DecodeContext(maxTextLength: manifest.limits.maxTextLength, locale: manifest.locale)
            let bytes: [UInt8]
            switch readBytes(path, limit: min(manifest.limits.yaml.maxFileSize, YAMLLimits.largestSupportedFileSize)) {
            case .success(let read): bytes = read
            case .failure(let problem): return (part, [problem], path, [])
            }
            let settings = LoadCache.Settings(limits: manifest.limits, locale: manifest.locale)
            if let hit = cache?.part(of: files[index], at: path, bytes: bytes, settings: settings) {
                return (hit.part, hit.found, hit.failed, hit.typos)
            }
            let result: (Codex, [Diagnostic], String?, [MistypedKey])
            if let root = parse(bytes, path: path, limits: manifest.limits.yaml, into: &found) {
                CodexDecoder(context: context).content(root, path: path, into: &part)
                result = (part, found + context.diagnostics, nil, context.mistypedKeys)
            } else {
                result = (part, found, path, [])
            }
            cache?.remember(files[index], at: path, bytes: bytes, settings: settings,
                            LoadCache.Part(part: result.0, found: result.1, failed: result.2, typos: result.3))
            return result
        }
        cache?.keep(only: Set(files))
        for (part, found, failed, typos) in parts {
            if let failed { unread.append(failed) }
            mistyped += typos
            codex.expectations += part.expectations
            codex.rules += part.rules
            codex.tools += part.tools
            codex.bannedPhrases += part.bannedPhrases
            codex.templates += part.templates
            codex.situations += part.situations
            codex.questions += part.questions
            diagnostics += found
        }
        codex.files = files
        return LoadedCodex(codex: codex, diagnostics: diagnostics, directory: directory,
                           unreadFiles: unread, mistypedKeys: mistyped, uncoveredFiles: prepared.uncovered)
    }

    /// The content files of the codex in `directory`, relative to it, as its `include`
    /// patterns select them, without reading them.
    public func contentFiles(directory: String) throws(LoadFailure) -> [String] {
        try prepare(directory: directory).files
    }

    /// Reads only the manifest of the codex in `directory`: its title, locale and settings.
    public func manifest(directory: String) throws(LoadFailure) -> Manifest {
        try prepare(directory: directory).manifest
    }

    /// The language of the codex in `directory`, from its manifest alone; English when it
    /// cannot be read, since every failure to read it is reported in English too.
    public func locale(directory: String) -> Manifest.Locale {
        (try? manifest(directory: directory))?.locale ?? .en
    }

    /// Checks the folder, reads the manifest and lists the content files.
    private func prepare(directory: String) throws(LoadFailure)
        -> (manifest: Manifest, diagnostics: [Diagnostic], files: [String], unread: [String], mistyped: [MistypedKey],
            uncovered: [String]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw LoadFailure(.noFolder, "no codex folder at `\(directory)`")
        }
        guard isDirectory.boolValue else {
            throw LoadFailure(.notAFolder, "`\(directory)` is a file, not a codex folder")
        }
        let manifestPath = display(directory, Self.manifestName)
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw LoadFailure(.noManifest, "no `\(Self.manifestName)` in `\(directory)`; run `kodex init \(directory)` to start a codex")
        }
        var diagnostics: [Diagnostic] = []
        let manifestContext = DecodeContext(maxTextLength: ContentLimits().maxTextLength)
        let manifestRoot = read(manifestPath, limits: .standard, into: &diagnostics)
        let manifest = CodexDecoder(context: manifestContext).manifest(manifestRoot ?? nil, path: manifestPath)
        // A manifest that could not be read lacks every field; its syntax error says why.
        if manifestRoot != nil { diagnostics += manifestContext.diagnostics }
        var uncovered: [String] = []
        let files = contentFiles(in: directory, manifest: manifest, diagnostics: &diagnostics, uncoveredFiles: &uncovered)
        return (manifest, diagnostics, files, manifestRoot == nil ? [manifestPath] : [], manifestContext.mistypedKeys, uncovered)
    }

    // MARK: - Files

    /// The path a user sees: the folder as they named it, joined with the relative path.
    private func display(_ directory: String, _ relative: String) -> String {
        if directory == "." || directory.isEmpty { return relative }
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    /// Parses one file; returns `nil` when it cannot be read, `.some(nil)` when it is empty.
    private func read(_ path: String, limits: YAMLLimits, into diagnostics: inout [Diagnostic]) -> YAMLNode?? {
        switch readBytes(path, limit: min(limits.maxFileSize, YAMLLimits.largestSupportedFileSize)) {
        case .success(let bytes):
            return parse(bytes, path: path, limits: limits, into: &diagnostics)
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        }
    }

    /// Parses a file's bytes; returns `nil` when they are not YAML the format can take,
    /// `.some(nil)` when the file is empty.
    private func parse(_ bytes: [UInt8], path: String, limits: YAMLLimits, into diagnostics: inout [Diagnostic]) -> YAMLNode?? {
        do {
            let document = try YAMLParser(limits: limits).parse(bytes, path: path)
            for duplicate in document.duplicateKeys {
                diagnostics.append(Diagnostic(
                    rule: CheckID.duplicateKey, message: "key `\(duplicate.key)` is written twice in the same mapping",
                    span: duplicate.duplicate,
                    notes: [Diagnostic.Note("first written here", at: duplicate.original)],
                    help: ["remove one of them; only the first is read"]))
            }
            return .some(document.root)
        } catch {
            let rule = error.kind == .limit ? CheckID.inputLimit : CheckID.yamlSyntax
            diagnostics.append(Diagnostic(rule: rule, message: error.message, span: error.span,
                                          notes: error.labels.map { Diagnostic.Note($0.message, at: $0.span) }
                                              + error.notes.map { Diagnostic.Note($0) },
                                          help: error.help.map { [$0] } ?? []))
            return nil
        }
    }

    /// Reads a regular file whole, refusing folders, FIFOs and devices before opening
    /// them, since opening a FIFO would block forever.
    package func readBytes(_ path: String, limit: Int) -> Result<[UInt8], Diagnostic> {
        func failure(_ message: String, help: [String] = []) -> Result<[UInt8], Diagnostic> {
            .failure(Diagnostic(rule: CheckID.unreadableFile, message: message, span: .file(path), help: help))
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            return failure("cannot read `\(path)`: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return failure("`\(path)` is not a regular file", help: ["include only YAML files"])
        }
        if Int(info.st_size) > limit {
            return .failure(Diagnostic(rule: CheckID.inputLimit,
                                       message: "file is \(info.st_size) bytes, more than the limit of \(limit)",
                                       span: .file(path),
                                       help: ["split the file, or raise `limits.max_file_size` in `codex.yaml`"]))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return failure("cannot open `\(path)`: permission denied or the file vanished")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            if data.count > limit {
                return .failure(Diagnostic(rule: CheckID.inputLimit,
                                           message: "file is more than the limit of \(limit) bytes",
                                           span: .file(path)))
            }
            return .success([UInt8](data))
        } catch {
            return failure("cannot read `\(path)`: \(error.localizedDescription)")
        }
    }

    // MARK: - Include patterns

    private func contentFiles(in directory: String, manifest: Manifest, diagnostics: inout [Diagnostic],
                              uncoveredFiles: inout [String]) -> [String] {
        let walk = FolderWalk(root: directory)
        let patterns = manifest.include.isEmpty
            ? [Located("**/*.yaml", at: manifest.span), Located("**/*.yml", at: manifest.span)]
            : manifest.include
        var chosen = Set<String>()
        for pattern in patterns {
            let glob = Glob(pattern.value)
            if glob.escapesFolder {
                diagnostics.append(Diagnostic(rule: CheckID.includeOutsideCodex,
                                              message: "include pattern `\(pattern.value)` reaches outside the codex folder",
                                              span: pattern.span,
                                              help: ["write patterns relative to the codex folder, without `..`"]))
                continue
            }
            let matched = walk.files.filter { glob.matches($0) && $0 != Self.manifestName }
            let escaping = walk.outsideLinks.filter { glob.matches($0) }
            for link in escaping {
                diagnostics.append(Diagnostic(rule: CheckID.includeOutsideCodex,
                                              message: "`\(link)` links outside the codex folder and is not read",
                                              span: pattern.span,
                                              help: ["copy the file into the codex folder instead of linking it"]))
            }
            if matched.isEmpty && escaping.isEmpty && !manifest.include.isEmpty {
                diagnostics.append(Diagnostic(rule: CheckID.includeMatchesNothing,
                                              message: "include pattern `\(pattern.value)` matches no file",
                                              span: pattern.span,
                                              help: ["check the pattern against the folder, or remove it"]))
            }
            chosen.formUnion(matched)
        }
        if !manifest.include.isEmpty {
            // A YAML file the patterns leave out is most often one the author forgot to
            // include, such as a `.yml` or one in a new subfolder. One finding names them all.
            let uncovered = walk.files.filter { file in
                let lowercased = file.lowercased()
                return !chosen.contains(file) && file != Self.manifestName
                    && (lowercased.hasSuffix(".yaml") || lowercased.hasSuffix(".yml"))
            }
            if let first = uncovered.first {
                let named = uncovered.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
                let more = uncovered.count > 3 ? " and \(uncovered.count - 3) more" : ""
                let message = uncovered.count == 1
                    ? "\(named) is in the codex folder, but no include pattern covers it"
                    : "\(named)\(more) are in the codex folder, but no include pattern covers them"
                diagnostics.append(Diagnostic(
                    rule: CheckID.uncoveredFile, message: message, span: .file(display(directory, first)),
                    notes: [Diagnostic.Note("a file no pattern covers is not read: nothing in it reaches the handbook or the checklist")],
                    help: ["add a pattern that matches it under `include` in `codex.yaml`, or move it out of the codex folder"]))
            }
            uncoveredFiles = uncovered.map { display(directory, $0) }
        }
        return chosen.sorted()
    }
}

/// Every file below a codex folder, found without leaving it: links that point
/// outside are set aside, and a linked folder is entered only once, so link loops end.
private struct FolderWalk {
    private(set) var files: [String] = []
    private(set) var outsideLinks: [String] = []

    init(root: String) {
        let rootReal = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        var visited: Set<String> = [rootReal]
        var pending: [(absolute: String, relative: String)] = [(root, "")]
        while let (absolute, relative) = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let childAbsolute = absolute + "/" + name
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(childAbsolute, &info) == 0 else { continue }
                var kind = info.st_mode & S_IFMT
                if kind == S_IFLNK {
                    let real = URL(fileURLWithPath: childAbsolute).resolvingSymlinksInPath().path
                    guard real == rootReal || real.hasPrefix(rootReal + "/") else {
                        outsideLinks.append(childRelative)
                        continue
                    }
                    guard stat(childAbsolute, &info) == 0 else {
                        // A dangling link is listed so that reading it reports the problem.
                        files.append(childRelative)
                        continue
                    }
                    kind = info.st_mode & S_IFMT
                    if kind == S_IFDIR {
                        guard visited.insert(real).inserted else { continue }
                    }
                }
                if kind == S_IFDIR {
                    pending.append((childAbsolute, childRelative))
                } else {
                    files.append(childRelative)
                }
            }
        }
    }
}
