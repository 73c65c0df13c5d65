import KodexModel

/// What `kodex serve` tells its user, in the codex's language.
public enum PreviewText {
    /// The line once the server listens.
    public static func listening(_ address: String, _ locale: Manifest.Locale) -> String {
        locale == .hu
            ? "kodex serve: \(address) (a változásokat figyelem; leállítás: Ctrl-C)"
            : "kodex serve: \(address) (watching for changes; Ctrl-C stops)"
    }

    /// The line after a build.
    public static func built(_ outcome: PreviewBuild.Outcome, in duration: Duration, _ locale: Manifest.Locale) -> String {
        let milliseconds = Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        let hu = locale == .hu
        switch outcome {
        case .built(let build, let warnings):
            // Pages are rendered as they are asked for: this counts those the site offers.
            let pages = build.paths.count { $0.hasSuffix(".html") }
            let note = warnings > 0 ? (hu ? ", \(warnings) figyelmeztetés" : ", \(warnings) warnings") : ""
            return hu ? "kész: \(pages) oldal, \(milliseconds) ms\(note)" : "ready: \(pages) pages in \(milliseconds) ms\(note)"
        case .invalid:
            return hu ? "a kódexben hibák vannak: az oldalak a hibákat mutatják az utolsó jó változat fölött"
                      : "the codex has errors: the pages show them over the last good build"
        case .failed(let message):
            return locale.failure(message)
        }
    }
}
