import Foundation
import KodexEscaping
import KodexModel
import KodexPublishing
import KodexValidation

/// One build of the HTML handbook for the preview, held in memory: nothing is written to
/// the codex folder, the user's output folder or anywhere else.
public struct PreviewBuild: Sendable {
    /// The site's files by path below its root, such as `situations/panaszos-ugyfel.html`.
    public var files: [String: [UInt8]]
    /// When it was built.
    public var builtAt: Date

    /// What a build attempt gave: a new site, or why there is none.
    public enum Outcome: Sendable {
        /// The codex passed its check and the site was rendered.
        case built(PreviewBuild, warnings: Int)
        /// The codex has errors: the overlay's text, as `kodex check` prints it.
        case invalid(String)
        /// The codex, or the templates, could not be read at all.
        case failed(String)
    }

    /// Loads, checks and renders the codex in `codexDirectory`, with the templates of
    /// `templatesDirectory` over the built-in ones; only the files whose bytes differ from
    /// what `cache` holds are parsed.
    public static func make(codexDirectory: String, templatesDirectory: String?, cache: LoadCache) -> Outcome {
        let loaded: LoadedCodex
        do { loaded = try CodexLoader().load(directory: codexDirectory, reusing: cache) } catch { return .failed(error.message) }
        let report = Validator().validate(loaded)
        if report.errorCount > 0 {
            return .invalid(HumanRenderer(color: false).render(report, fileCount: loaded.codex.files.count + 1))
        }
        let locale = loaded.codex.manifest.locale
        do throws(PublishError) {
            let templates = try templatesDirectory.map { path throws(PublishError) in try PageTemplateSet(overrides: path) } ?? PageTemplateSet()
            var files: [String: [UInt8]] = [:]
            for file in try Handbook(codex: loaded.codex, templates: templates).render([.html], singleFile: false) {
                let path = file.path.hasPrefix("html/") ? String(file.path.dropFirst(5)) : file.path
                files[path] = file.bytes
            }
            return .built(PreviewBuild(files: files, builtAt: Date()), warnings: report.warningCount)
        } catch {
            return .failed(error.message(in: locale))
        }
    }
}
