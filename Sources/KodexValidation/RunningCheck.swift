import Foundation
import KodexModel
import Synchronization

/// The check of a codex, run on a thread of its own, so that work that does not need its
/// outcome yet (rendering the handbook, comparing two versions) runs beside it and takes
/// the cores the check cannot keep busy.
public final class RunningCheck: Sendable {
    private let result = Mutex<ValidationReport?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts checking `loaded`, reporting `scope`.
    public init(of loaded: LoadedCodex, reporting scope: Validator.Scope = .everything) {
        Thread.detachNewThread { [self] in
            let report = Validator(reporting: scope).validate(loaded)
            result.withLock { $0 = report }
            done.signal()
        }
    }

    /// The report, once the check has ended; waits for it.
    public var report: ValidationReport {
        done.wait()
        // Every later reader finds it ended too.
        done.signal()
        return result.withLock { $0 } ?? ValidationReport(diagnostics: [], silencedCount: 0)
    }
}
