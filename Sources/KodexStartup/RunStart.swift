import Foundation
import KodexModel
import KodexSupport
import KodexValidation

/// A codex read whole and checked, or why it could not be read.
public typealias CheckOutcome = Result<(loaded: LoadedCodex, report: ValidationReport), LoadFailure>

/// Reads the codex in `directory` whole and checks it. A clean codex also becomes the
/// start-up cache of `kodex run`, unless one of its files changed while it was read.
public func readAndCheckCodex(_ directory: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(LoadFailure) -> (loaded: LoadedCodex, report: ValidationReport) {
    let before = StartupCache.stamps(of: directory)
    let loaded = try CodexLoader().load(directory: directory)
    let report = Validator().validate(loaded)
    if report.errorCount == 0 {
        StartupCache(codex: loaded.codex, directory: directory, stampsBeforeReading: before)?.save(for: directory, environment: environment)
    }
    return (loaded, report)
}

/// The whole codex being read and checked on a thread of its own, while `kodex run`
/// shows the agent a preview.
public final class BackgroundCheck: Sendable {
    private let outcome: ThreadResult<CheckOutcome>

    /// Starts reading and checking the codex in `directory`.
    public init(_ directory: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        outcome = ThreadResult {
            Result { () throws(LoadFailure) in try readAndCheckCodex(directory, environment: environment) }
        }
    }

    /// Waits for the check to end.
    public func wait() -> CheckOutcome {
        outcome.wait() ?? .failure(LoadFailure(.checkGaveNoResult, "the codex check ended without a result"))
    }
}

/// How `kodex run` gets its codex: the fastest way that still never runs a session on a
/// codex that has not passed its check.
public enum RunStart {
    /// What was read.
    public enum Loaded {
        /// The codex, known to be clean: the start-up cache vouched for the files read, and
        /// gives the codex's fingerprint too.
        case cached(Codex, fingerprint: String?)
        /// Part of the codex, enough to show `preview` (when there is one) while `check`
        /// reads and checks the whole; the session waits for the check.
        case previewing(Codex, preview: (situation: Situation, process: KodexModel.Process)?, check: BackgroundCheck)
        /// The whole codex read and checked here.
        case checked(CheckOutcome)
    }

    /// Reads the codex in `directory` for a session on `wanted` (a situation id) and
    /// `process` (a process id, when given).
    ///
    /// When the start-up cache shows the codex unchanged since a clean check, only the
    /// wanted situation's file and the shared files are read, and the check is not run
    /// again. Otherwise, with `previewing`, the situation's own files and the shared ones
    /// are read to show its first step at once while the whole codex is checked on another
    /// thread. Else the whole codex is read and checked.
    ///
    /// The start-up cache is the one `environment` points to (see ``StartupCache/path(for:environment:)``).
    public static func load(_ directory: String, wanted: String?, process: String?, previewing: Bool,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(LoadFailure) -> Loaded {
        if let wanted, let cache = StartupCache.load(for: directory, environment: environment), let files = cache.files(for: wanted),
           cache.matches(directory: directory) {
            return .cached(try CodexLoader().load(directory: directory, only: { files.contains($0) }).codex,
                           fingerprint: cache.fingerprint)
        }
        if previewing, let wanted, let files = PreviewFiles.files(for: wanted, in: directory),
           let loaded = try? CodexLoader().load(directory: directory, only: { files.contains($0) }) {
            let check = BackgroundCheck(directory, environment: environment)
            // Only a situation named by its exact id, with its process settled, is shown: a
            // picker would take keys before the check has passed.
            var shown: (situation: Situation, process: KodexModel.Process)?
            if !loaded.diagnostics.contains(where: { $0.severity == .error }),
               let found = loaded.codex.situations.first(where: { $0.id.value == wanted }),
               let chosen = settledProcess(of: found, process) {
                shown = (found, chosen)
            }
            return .previewing(loaded.codex, preview: shown, check: check)
        }
        return .checked(Result { () throws(LoadFailure) in try readAndCheckCodex(directory, environment: environment) })
    }

    /// The process a session on `situation` runs without asking: the one named, or the
    /// only one.
    public static func settledProcess(of situation: Situation, _ process: String?) -> KodexModel.Process? {
        if let process { return situation.processes.first { $0.id.value == process } }
        return situation.processes.count == 1 ? situation.processes.first : nil
    }

    /// The codex's fingerprint: the start-up cache's, while it still describes the codex
    /// (it was taken when the codex was last checked), or else read from the files.
    public static func fingerprint(of directory: String,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let cache = StartupCache.load(for: directory, environment: environment), let fingerprint = cache.fingerprint, cache.matches(directory: directory) {
            return fingerprint
        }
        return CodexFingerprint.of(directory: directory)
    }
}
