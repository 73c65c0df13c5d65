import ArgumentParser
import Foundation
import KodexChecklist
import KodexModel
import KodexPublishing
import KodexStartup
import KodexSupport
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
    printError(message, in: .en)
}

/// Writes a failure to standard error in the codex's language: `hiba:` before a
/// Hungarian message.
func printError(_ message: String, in locale: Manifest.Locale) {
    StandardStream.error.write(locale.failure(message) + "\n")
}

/// Writes text to standard output as it is, without adding a newline.
func write(_ text: String) {
    StandardStream.output.write(text)
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

/// Runs asynchronous work to its end from a command, which is synchronous: the work runs on
/// Swift's pool while the main thread waits.
func waitFor(_ work: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        await work()
        done.signal()
    }
    done.wait()
}

/// Prints the findings of a codex a command refused for its errors, says that nothing was
/// written, and ends with exit code 1: `build`, `export` and `quiz` refuse alike.
func refuse(_ report: ValidationReport, fileCount: Int, locale: Manifest.Locale, color: ColorChoice) throws -> Never {
    write(HumanRenderer(color: color.enabled).render(report, fileCount: fileCount))
    printError(BuildText.refused(locale), in: locale)
    throw ExitCode(1)
}
