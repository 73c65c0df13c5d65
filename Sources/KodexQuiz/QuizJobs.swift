import KodexModel
import KodexSupport
import KodexValidation

/// Why `kodex quiz generate` or `kodex quiz export` wrote nothing.
public enum QuizFailure: Error, Sendable {
    /// The codex could not be read at all.
    case unreadable(LoadFailure)
    /// The codex has errors.
    case invalid(ValidationReport, fileCount: Int, Manifest.Locale)
    /// New questions cannot be added to the bank file without rewriting it.
    case bank(String, BankError, Manifest.Locale)
    /// The file could not be written.
    case write(FileReplacementError, Manifest.Locale)
    /// The bank holds no question fit for export.
    case nothingToExport(drafts: Int, Manifest.Locale)
    /// A QTI package holds at most 65,535 files.
    case tooManyForPackage(Int, Manifest.Locale)

    /// The message, in the codex's language.
    public var message: String {
        switch self {
        case .unreadable(let failure): return failure.message
        case .invalid: return ""
        case .bank(let path, let problem, let locale):
            return locale == .hu
                ? "az új kérdések nem írhatók a(z) `\(path)` végére, mert \(problem.reason(in: locale)); a meglévőket nem írja át a Kodex: javítsa a fájlt, vagy adjon meg másikat (--out)"
                : "new questions cannot be added at the end of `\(path)`: \(problem.reason(in: locale)); Kodex does not rewrite the questions there: mend the file, or name another (--out)"
        case .write(let error, let locale):
            return error.message(in: locale)
        case .nothingToExport(let drafts, let locale):
            return locale == .hu
                ? (drafts > 0
                    ? "a bankban nincs `status: ready` kérdés, csak \(drafts) vázlat: nézze át és jelölje meg őket, vagy exportálja a vázlatokat is (--drafts)"
                    : "a kódexben nincs vizsgakérdés: előbb `kodex quiz generate`")
                : (drafts > 0
                    ? "no question in the bank is `status: ready`, only \(drafts) drafts: review and mark them, or export the drafts too (--drafts)"
                    : "the codex has no exam questions: run `kodex quiz generate` first")
        case .tooManyForPackage(let count, let locale):
            return locale == .hu
                ? "egy QTI-csomagba legfeljebb 65 535 kérdés fér, ez \(count): exportáljon kevesebbet"
                : "a QTI package holds at most 65,535 questions, this one \(count): export fewer"
        }
    }
}

/// Texts of the quiz commands in the codex's language.
public enum QuizText {
    /// The lines after `kodex quiz generate`.
    public static func generated(_ update: BankUpdate, path: String, locale: Manifest.Locale, included: Bool = true) -> String {
        let hu = locale == .hu
        var lines = [hu
            ? "`\(path)`: \(update.added.count) új kérdés, \(update.kept) meglévő változatlanul megtartva"
            : "`\(path)`: \(update.added.count) new questions, \(update.kept) already there kept as they are"]
        if !update.added.isEmpty {
            lines.append(hu ? "az új kérdések vázlatok (`status: draft`): nézze át őket, a jókat jelölje `status: ready`"
                            : "the new questions are drafts (`status: draft`): review them and mark the good ones `status: ready`")
        }
        if !included {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            lines.append(hu
                ? "figyelem: a `codex.yaml` egyik `include` mintája sem fedi le ezt a fájlt, így a kódex nem olvassa: vegye fel (`- \(name)`), különben a `kodex check`, a vizsga és az export nem látja a kérdéseket"
                : "warning: no `include` pattern of `codex.yaml` covers this file, so the codex does not read it: add it (`- \(name)`), or `kodex check`, the exam and the export will not see the questions")
        }
        if !update.outdated.isEmpty {
            lines.append(hu ? "a kódex megváltozott ezeknél, amióta generálódtak; nézze át őket:" : "the codex changed under these since they were generated; review them:")
            lines += update.outdated.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The line after `kodex quiz export`.
    public static func exported(_ result: QuizExportResult, path: String, locale: Manifest.Locale) -> String {
        locale == .hu
            ? "`\(path)`: \(result.exported) kérdés (\(result.format.rawValue))" + (result.leftOut > 0 ? ", \(result.leftOut) vázlat kihagyva (--drafts)" : "") + "\n"
            : "`\(path)`: \(result.exported) questions (\(result.format.rawValue))" + (result.leftOut > 0 ? ", \(result.leftOut) drafts left out (--drafts)" : "") + "\n"
    }
}

/// Loads and checks a codex, as both quiz commands do before writing anything.
private func checkedCodex(_ directory: String) throws(QuizFailure) -> Codex {
    let loaded: LoadedCodex
    do { loaded = try CodexLoader().load(directory: directory) } catch { throw .unreadable(error) }
    let report = Validator().validate(loaded)
    if report.errorCount > 0 {
        throw .invalid(report, fileCount: loaded.codex.files.count + 1, loaded.codex.manifest.locale)
    }
    return loaded.codex
}

/// `kodex quiz generate`: the codex's questions written into its bank file, keeping every
/// question already there as the trainers left it.
public struct QuizGeneration: Sendable {
    /// The codex folder.
    public var codexDirectory: String
    /// The bank file; the codex's default bank file when nil.
    public var bankFile: String?

    /// Creates the job.
    public init(codexDirectory: String, bankFile: String?) {
        self.codexDirectory = codexDirectory
        self.bankFile = bankFile
    }

    /// Generates and writes; returns what changed, the file written, and whether the codex
    /// reads that file (an `include` pattern covers it).
    public func run() throws(QuizFailure) -> (update: BankUpdate, path: String, locale: Manifest.Locale, included: Bool) {
        let codex = try checkedCodex(codexDirectory)
        let locale = codex.manifest.locale
        let folder = codexDirectory.hasSuffix("/") ? codexDirectory : codexDirectory + "/"
        let path = bankFile ?? folder + QuestionBank.defaultFileName(for: locale)
        let before = FileReplacement.read(path)
        let update: BankUpdate
        do {
            update = try QuestionBank.update(codex, existing: before.map { String(decoding: $0, as: UTF8.self) })
        } catch {
            throw .bank(path, error, locale)
        }
        if !update.added.isEmpty || before == nil {
            do {
                try FileReplacement.write(Array(update.text.utf8), to: path, expecting: .some(before))
            } catch {
                throw .write(error, locale)
            }
        }
        // Asked once the file is there: a pattern matches only files that exist.
        let relative = path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : nil
        let included = relative.map { (try? CodexLoader().contentFiles(directory: codexDirectory))?.contains($0) == true } ?? false
        return (update, path, locale, included)
    }
}

/// What `kodex quiz export` wrote.
public struct QuizExportResult: Sendable {
    /// The format.
    public var format: QuizFormat
    /// How many questions it holds.
    public var exported: Int
    /// How many drafts were left out.
    public var leftOut: Int
}

/// `kodex quiz export`: the bank's questions in a learning platform's format.
public struct QuizExportJob: Sendable {
    /// The codex folder.
    public var codexDirectory: String
    /// The format.
    public var format: QuizFormat
    /// The output file.
    public var outputFile: String
    /// Whether drafts go too; otherwise only questions marked ready.
    public var includeDrafts: Bool

    /// Creates the job.
    public init(codexDirectory: String, format: QuizFormat, outputFile: String, includeDrafts: Bool) {
        self.codexDirectory = codexDirectory
        self.format = format
        self.outputFile = outputFile
        self.includeDrafts = includeDrafts
    }

    /// Exports and writes.
    public func run() throws(QuizFailure) -> (result: QuizExportResult, locale: Manifest.Locale) {
        let codex = try checkedCodex(codexDirectory)
        let locale = codex.manifest.locale
        let all = codex.questions.map(BankQuestion.init).filter { $0.status != .dropped }
        let chosen = all.filter { $0.status == .ready || includeDrafts }
        guard !chosen.isEmpty else { throw .nothingToExport(drafts: all.count, locale) }
        if format == .qti, chosen.count > 65_535 { throw .tooManyForPackage(chosen.count, locale) }
        let bytes = QuizExport(codex: codex, questions: chosen).render(format)
        do {
            try FileReplacement.write(bytes, to: outputFile)
        } catch {
            throw .write(error, locale)
        }
        return (QuizExportResult(format: format, exported: chosen.count, leftOut: all.count - chosen.count), locale)
    }
}
