import KodexModel
import KodexSupport

/// The check of a codex, run on a thread of its own, so that work that does not need its
/// outcome yet (rendering the handbook, comparing two versions) runs beside it and takes
/// the cores the check cannot keep busy.
public final class RunningCheck: Sendable {
    private let check: ThreadResult<ValidationReport>

    /// Starts checking `loaded`, reporting `scope`.
    public init(of loaded: LoadedCodex, reporting scope: Validator.Scope = .everything) {
        check = ThreadResult { Validator(reporting: scope).validate(loaded) }
    }

    /// The report, once the check has ended; waits for it.
    public var report: ValidationReport {
        check.wait() ?? ValidationReport(diagnostics: [], silencedCount: 0)
    }
}
