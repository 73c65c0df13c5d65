import KodexModel

/// `kodex diff`: two versions of a codex read, checked and compared.
public enum CodexDiff {
    /// Compares the side named `old` with the side named `new`, or with the codex in
    /// `codexFolder` when `new` is nil. Each side is a codex folder or a revision of the
    /// git repository that holds `codexFolder` (see ``CodexSide/read(_:side:repositoryFolder:)``).
    public static func compare(old: String, new: String?, codexFolder: String) throws(DiffFailure) -> CodexComparison {
        let before = try CodexSide.read(old, side: .old, repositoryFolder: codexFolder)
        let after = try CodexSide.read(new ?? codexFolder, side: .new, repositoryFolder: codexFolder)
        return CodexComparer.compare(before.codex, after.codex, from: before.name, to: after.name,
                                     unchangedFiles: CodexSide.unchangedFiles(before, after))
    }

    /// The language of the codex in `folder`, from its manifest alone, for messages
    /// written before or without a comparison; English when it cannot be read.
    public static func locale(of folder: String) -> Manifest.Locale {
        (try? CodexLoader().load(directory: folder, only: { _ in false }))?.codex.manifest.locale ?? .en
    }
}
