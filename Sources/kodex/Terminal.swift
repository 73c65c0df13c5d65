import ArgumentParser
import Foundation
import KodexChecklist
import KodexStartup
import KodexModel
import KodexValidation

/// When to colour output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Whether to colour: `auto` colours a terminal unless `NO_COLOR` is set or
    /// `TERM` is `dumb`.
    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isatty(STDOUT_FILENO) == 1
        }
    }
}

/// Writes a failure that is not a finding to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
}

/// Writes text to standard output as it is, without adding a newline.
func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Loads a codex, or reports why it cannot be read and exits with 2.
func loadCodex(_ directory: String, only: ((String) -> Bool)? = nil) throws -> LoadedCodex {
    do {
        return try CodexLoader().load(directory: directory, only: only)
    } catch {
        printError(error.message)
        throw ExitCode(2)
    }
}

/// Reads the codex in `directory` whole and checks it, or reports why it cannot be read
/// and exits with 2. A clean codex also becomes the start-up cache of `kodex run`.
func loadAndCheckCodex(_ directory: String) throws -> (loaded: LoadedCodex, report: ValidationReport) {
    do {
        return try readAndCheckCodex(directory)
    } catch {
        printError(error.message)
        throw ExitCode(2)
    }
}

/// Reads the codex in `directory` whole and checks it. A clean codex also becomes the
/// start-up cache of `kodex run`, unless one of its files changed while it was read.
func readAndCheckCodex(_ directory: String) throws(LoadFailure) -> (loaded: LoadedCodex, report: ValidationReport) {
    let before = StartupCache.stamps(of: directory)
    let loaded = try CodexLoader().load(directory: directory)
    let report = Validator().validate(loaded)
    if report.errorCount == 0 {
        StartupCache(codex: loaded.codex, directory: directory, stampsBeforeReading: before)?.save(for: directory)
    }
    return (loaded, report)
}

/// A codex read whole and checked, or why it could not be read.
typealias CheckOutcome = Result<(loaded: LoadedCodex, report: ValidationReport), LoadFailure>

/// The whole codex being read and checked on a thread of its own, while `kodex run`
/// shows the agent a preview.
final class BackgroundCheck: @unchecked Sendable {
    // Written once by the worker before `done` is signalled, and read only after waiting
    // on it: the semaphore orders the two.
    private var outcome: CheckOutcome?
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading and checking the codex in `directory`.
    init(_ directory: String) {
        Thread.detachNewThread { [self] in
            outcome = Result { () throws(LoadFailure) in try readAndCheckCodex(directory) }
            done.signal()
        }
    }

    /// Waits for the check to end.
    func wait() -> CheckOutcome {
        done.wait()
        done.signal()
        return outcome ?? .failure(LoadFailure("the codex check ended without a result"))
    }
}
