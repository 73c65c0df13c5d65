import Foundation
import KodexModel
import KodexSupport

/// A hash of a codex's manifest and content files, names and bytes, in a fixed order:
/// a session records it at its start, so that a resume can tell the codex changed. The
/// start-up cache keeps the one of the codex it describes, so that a cached start does
/// not read every file to compute it.
public enum CodexFingerprint {
    /// The fingerprint of the codex in `directory`, or `nil` when a file cannot be read.
    public static func of(directory: String) -> String? {
        guard let files = try? CodexLoader().contentFiles(directory: directory) else { return nil }
        var hash = StableHash()
        for file in [CodexLoader.manifestName] + files.sorted() {
            let path = file.hasPrefix("/") ? file : directory + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            hash.combine(file)
            data.withUnsafeBytes { hash.combineWords($0) }
        }
        return hash.hex
    }
}
