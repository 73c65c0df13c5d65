import Foundation
import KodexEscaping
import KodexModel
import KodexPublishing
import KodexValidation
import Synchronization

/// One build of the HTML handbook for the preview, held in memory: nothing is written to
/// the codex folder, the user's output folder or anywhere else.
///
/// Each file is made when a browser first asks for it and kept for the build's life: after
/// an edit only the page in view is rendered before it reloads, however large the site.
/// A file made here is byte for byte the file of a whole `kodex build`.
public final class PreviewBuild: Sendable {
    private let site: HandbookSite
    private let made = Mutex<[String: [UInt8]]>([:])
    /// When it was built.
    public let builtAt: Date

    /// What a build attempt gave: a new site, or why there is none.
    public enum Outcome: Sendable {
        /// The codex passed its check and the site is ready to render.
        case built(PreviewBuild, warnings: Int)
        /// The codex has errors: the overlay's text, as `kodex check` prints it.
        case invalid(String)
        /// The codex, or the templates, could not be read at all.
        case failed(String)
    }

    private init(site: HandbookSite, builtAt: Date) {
        self.site = site
        self.builtAt = builtAt
    }

    /// Every file's path below the site's root, such as `situations/panaszos-ugyfel.html`.
    public var paths: [String] { site.paths }

    /// The bytes of the file at `path` below the site's root, made now if no request made
    /// them before; `nil` for a path that is no file of the site.
    ///
    /// - Throws: what rendering the page met, such as a page template's tag that a
    ///   `--templates` override got wrong; the preview shows it in its overlay.
    public func file(at path: String) throws(PublishError) -> [UInt8]? {
        if let bytes = made.withLock({ $0[path] }) { return bytes }
        guard let file = try site.file(at: path) else { return nil }
        let bytes = file.bytes
        made.withLock { $0[path] = bytes }
        return bytes
    }

    /// How many files have been made so far.
    var madeCount: Int { made.withLock { $0.count } }

    /// Loads, checks and prepares the codex in `codexDirectory`, with the templates of
    /// `templatesDirectory` over the built-in ones; only the files whose bytes differ from
    /// what `cache` holds are parsed, and only the situations that differ from what
    /// `memory` remembers are checked again by the checks that look at one at a time.
    public static func make(codexDirectory: String, templatesDirectory: String?, cache: LoadCache,
                            memory: CheckMemory? = nil) -> Outcome {
        let loaded: LoadedCodex
        do { loaded = try CodexLoader().load(directory: codexDirectory, reusing: cache) } catch { return .failed(error.message) }
        let report = Validator().validate(loaded, memory: memory)
        if report.errorCount > 0 {
            return .invalid(HumanRenderer(color: false).render(report, fileCount: loaded.codex.files.count + 1))
        }
        let locale = loaded.codex.manifest.locale
        do throws(PublishError) {
            let templates = try templatesDirectory.map { path throws(PublishError) in try PageTemplateSet(overrides: path) } ?? PageTemplateSet()
            let site = try HandbookSite(handbook: Handbook(codex: loaded.codex, templates: templates))
            return .built(PreviewBuild(site: site, builtAt: Date()), warnings: report.warningCount)
        } catch {
            return .failed(error.message(in: locale))
        }
    }
}
