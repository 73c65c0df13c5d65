import Foundation
import Synchronization
import KodexChanges
import KodexModel
import KodexValidation
import KodexSupport

/// Publishing as a pipeline of named steps, read top to bottom: read the codex, check
/// it, load the templates, render the handbook, write the files. A failure names the
/// step it came from. Files are staged beside their targets as they are rendered, and
/// none is put in place unless every step before writing passed.
public struct HandbookBuild {
    /// Why a build stopped.
    public enum Failure: Error {
        /// The codex folder could not be read.
        case unreadable(LoadFailure)
        /// The codex has errors; the report holds them.
        case invalid(ValidationReport, fileCount: Int)
        /// A step failed; the step is named in the codex's language.
        case step(String, PublishError)
        /// The earlier version `--since` names could not be read or does not pass its check.
        case since(DiffFailure)
    }

    /// The codex folder.
    public var codexDirectory: String
    /// The output folder.
    public var outputDirectory: String
    /// The outputs to produce.
    public var formats: Set<Handbook.Format>
    /// Whether the HTML handbook is one file.
    public var singleFile: Bool
    /// A folder of templates that replace built-in ones.
    public var templatesDirectory: String?
    /// Whether to print the handbook to `pdf/handbook.pdf`, and with what; `nil` for no PDF.
    public var pdf: PDFPrinter?
    /// An earlier version to mark changes since: a codex folder, or a revision of the git
    /// repository the codex is in (see ``CodexSide/read(_:side:repositoryFolder:)``).
    public var since: String?
    /// The language the build speaks: the codex's, read from its manifest when the build
    /// is made (English when it cannot be read), for the caller's messages too.
    public let locale: Manifest.Locale

    /// Creates a build.
    public init(codexDirectory: String, outputDirectory: String, formats: Set<Handbook.Format>,
                singleFile: Bool, templatesDirectory: String?) {
        self.codexDirectory = codexDirectory
        self.outputDirectory = outputDirectory
        self.formats = formats
        self.singleFile = singleFile
        self.templatesDirectory = templatesDirectory
        locale = CodexLoader().locale(directory: codexDirectory)
    }

    /// A build that marks what changed since `revision`, and lists it on a page.
    public func comparing(since revision: String?) -> HandbookBuild {
        var build = self
        build.since = revision
        return build
    }

    /// A build that also prints `pdf/handbook.pdf` with `printer`.
    public func printing(with printer: PDFPrinter?) -> HandbookBuild {
        var build = self
        build.pdf = printer
        return build
    }

    /// Runs the steps, reporting each as `[i/n] name` to `progress`.
    public func run(progress: (String) -> Void) throws(Failure) -> (summary: WriteSummary, report: ValidationReport) {
        // A folder the output cannot go to is refused before anything is read or rendered.
        func step(_ step: BuildText.Step) -> String { step.name(in: locale) }
        do { try OutputWriter(directory: outputDirectory).checkFolder() } catch { throw .step(step(.checkOutputFolder), error) }
        let total = 5
        progress("[1/\(total)] " + BuildText.reading(codexDirectory, locale))
        let loaded: LoadedCodex
        do { loaded = try CodexLoader().load(directory: codexDirectory) } catch { throw .unreadable(error) }

        progress("[2/\(total)] " + step(.checkCodex))
        var changes: HandbookChanges?
        if let since {
            // The earlier version is read and checked before the check of this one starts,
            // so that the two do not compete for the cores.
            progress("[2/\(total)] " + BuildText.comparing(since, locale))
            do {
                let earlier = try CodexSide.read(since, side: .old, repositoryFolder: codexDirectory)
                changes = HandbookChanges(CodexComparer.compare(earlier.codex, loaded.codex, from: since, to: codexDirectory))
            } catch {
                throw .since(error)
            }
        }
        // The check runs beside loading the templates and rendering, which leave the
        // cores it cannot keep busy to them: rendering an unchecked codex is safe, and
        // what it stages is thrown away, before anything is put in place, if the check
        // finds an error.
        let check = RunningCheck(of: loaded)
        let invalid = { (report: ValidationReport) -> Failure in .invalid(report, fileCount: loaded.codex.files.count + 1) }

        progress("[3/\(total)] " + step(.loadTemplates))
        let templates: PageTemplateSet
        do {
            templates = try templatesDirectory.map { path throws(PublishError) in try PageTemplateSet(overrides: path) } ?? PageTemplateSet()
        } catch {
            let report = check.report
            if report.errorCount > 0 { throw invalid(report) }
            throw .step(step(.loadTemplates), error)
        }
        // A name the data can never answer renders as nothing: most likely a typo in a
        // template of the user's own, which they would otherwise find on the page.
        for unresolved in (try? templates.unresolvedNames()) ?? [] {
            progress(BuildText.unresolvedName(unresolved, locale))
        }

        progress("[4/\(total)] " + step(.renderHandbook))
        // Each file is staged beside its target as soon as it is rendered, so a large
        // site is never held whole; nothing is put in place before every file is ready.
        let staging: Staging
        do { staging = try OutputWriter(directory: outputDirectory).begin() } catch { throw .step(step(.writeFiles), error) }
        let stagingFailure = FirstFailure()
        do {
            try Handbook(codex: loaded.codex, templates: templates, changes: changes).render(formats, singleFile: singleFile) {
                file throws(PublishError) in
                do throws(PublishError) { try staging.stage(file) } catch {
                    stagingFailure.record(error)
                    throw error
                }
            }
        } catch {
            staging.abandon()
            let report = check.report
            if report.errorCount > 0 { throw invalid(report) }
            if let failure = stagingFailure.error { throw .step(step(.writeFiles), failure) }
            throw .step(step(.renderHandbook), error)
        }
        let report = check.report
        guard report.errorCount == 0 else {
            staging.abandon()
            throw invalid(report)
        }
        if let pdf {
            progress("[4/\(total)] " + BuildText.printing(with: pdf.chromium, locale))
            do throws(PublishError) {
                let single = try Handbook(codex: loaded.codex, templates: templates, changes: changes).render([.html], singleFile: true)
                guard let page = single.first(where: { $0.path.hasSuffix(".html") }) else {
                    throw PublishError(.pdf, "the single-file handbook was not made")
                }
                try staging.stage(OutputFile(path: "pdf/handbook.pdf", bytes: try pdf.print(html: String(decoding: page.bytes, as: UTF8.self))))
            } catch {
                staging.abandon()
                throw .step(step(.printPDF), error)
            }
        }
        releaseInBackground(consume loaded)

        progress("[5/\(total)] " + BuildText.writing(staging.fileCount, to: outputDirectory, locale))
        do {
            return (try staging.commit(), report)
        } catch {
            throw .step(step(.writeFiles), error)
        }
    }
}

/// The first error recorded from any thread.
private final class FirstFailure: Sendable {
    private let first = Mutex<PublishError?>(nil)

    func record(_ error: PublishError) {
        first.withLock { if $0 == nil { $0 = error } }
    }

    var error: PublishError? { first.withLock { $0 } }
}
