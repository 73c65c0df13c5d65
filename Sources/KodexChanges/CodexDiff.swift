import Foundation
import KodexModel
import KodexSupport

/// `kodex diff`: two versions of a codex read, checked and compared.
public enum CodexDiff {
    /// Compares the side named `old` with the side named `new`, or with the codex in
    /// `codexFolder` when `new` is nil. Each side is a codex folder or a revision of the
    /// git repository that holds `codexFolder` (see ``CodexSide/read(_:side:repositoryFolder:)``).
    ///
    /// - Parameter scratch: where revisions are written out while they are read.
    public static func compare(old: String, new: String?, codexFolder: String,
                               scratch: String = NSTemporaryDirectory()) throws(DiffFailure) -> CodexComparison {
        // The newer side is read first, so that the older one parses only the files whose
        // bytes differ. The older side is read, checked and compared while the newer side is
        // checked; the comparison counts only if both pass.
        let cache = LoadCache(reach: .acrossFolders)
        do {
            let (newer, older) = try CodexSide.read(new ?? codexFolder, side: .new, repositoryFolder: codexFolder,
                                                    cache: cache, scratch: scratch) { newer in
                Result { () throws(DiffFailure) in
                    try CodexSide.read(old, side: .old, repositoryFolder: codexFolder, cache: cache, lender: newer,
                                       scratch: scratch) { before in
                        CodexComparer.compare(before.codex, newer.codex, from: old, to: newer.name,
                                              unchangedFiles: CodexSide.unchangedFiles(lentBy: cache, lender: newer))
                    }
                }
            }
            let (before, comparison) = try older.get()
            // Two whole codices are freed on another thread: the output need not wait for it.
            releaseInBackground((consume before, consume newer, consume cache))
            return comparison
        } catch where error.side == .new {
            // An older side that fails is reported first.
            _ = try CodexSide.read(old, side: .old, repositoryFolder: codexFolder, scratch: scratch)
            throw error
        }
    }

    /// The language of the codex in `folder`, from its manifest alone, for messages
    /// written before or without a comparison; English when it cannot be read.
    public static func locale(of folder: String) -> Manifest.Locale {
        (try? CodexLoader().load(directory: folder, only: { _ in false }))?.codex.manifest.locale ?? .en
    }
}
