import KodexModel

/// Reports include patterns and links that reach outside the codex folder.
struct IncludeOutsideCodexCheck: ValidationCheck {
    let description = CheckDescription(
        id: CheckID.includeOutsideCodex, code: "K011", name: "Include outside codex",
        category: .integrity, defaultSeverity: .error,
        summary: "an `include` pattern or a linked file reaches outside the codex folder",
        explanation: """
            A codex is one folder that can be copied, versioned and published as a whole. Patterns \
            with `..` or an absolute path, and symbolic links that lead out of the folder, would make \
            it depend on files elsewhere, so they are refused.
            """,
        triggering: [CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + "include: [../shared/*.yaml]\n"),
        ])],
        passing: [CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + "include: [shared/*.yaml]\n"),
            ("shared/a.yaml", "expectations: []\n"),
        ])])

    func check(_ context: CheckContext) { context.forwardLoadDiagnostics() }
}
