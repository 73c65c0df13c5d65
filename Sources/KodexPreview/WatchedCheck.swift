import Foundation
import KodexModel
import KodexValidation

/// `kodex check --watch`: the codex checked again after every change, parsing only the
/// files that changed and checking again only the situations that changed.
public struct WatchedCheck: Sendable {
    /// The codex folder.
    public var codexDirectory: String

    /// Creates a watched check.
    public init(codexDirectory: String) {
        self.codexDirectory = codexDirectory
    }

    /// One round's result.
    public enum Outcome: Sendable {
        /// The codex was read and checked.
        case checked(ValidationReport, fileCount: Int)
        /// The codex folder or its manifest could not be read.
        case unreadable(String)
    }

    /// Checks now, then after each change until the task is cancelled, handing each
    /// round's outcome to `show`.
    public func run(show: @escaping @Sendable (Outcome) -> Void) async {
        let cache = LoadCache(), memory = CheckMemory()
        let directory = codexDirectory
        let check: @Sendable () -> Outcome = {
            do throws(LoadFailure) {
                let loaded = try CodexLoader().load(directory: directory, reusing: cache)
                return .checked(Validator().validate(loaded, memory: memory), fileCount: loaded.codex.files.count + 1)
            } catch {
                return .unreadable(error.message)
            }
        }
        show(check())
        await FolderWatcher(folders: [directory]).watch { _ in show(check()) }
    }

    /// The line above each round: the time and what is watched, in the codex's language.
    public static func heading(_ directory: String, at date: Date, _ locale: Manifest.Locale) -> String {
        let clock = clockTime(date)
        return locale == .hu
            ? "[\(clock)] kodex check --watch \(directory) (a változásokat figyelem; leállítás: Ctrl-C)"
            : "[\(clock)] kodex check --watch \(directory) (watching for changes; Ctrl-C stops)"
    }
}
