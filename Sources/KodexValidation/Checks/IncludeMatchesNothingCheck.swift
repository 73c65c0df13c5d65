import KodexModel

/// Reports include patterns that match no file.
struct IncludeMatchesNothingCheck: ValidationCheck {
    let description = CheckDescription(
        id: CheckID.includeMatchesNothing, code: "K010", name: "Include matches nothing",
        category: .integrity, defaultSeverity: .warning,
        summary: "an `include` pattern in `codex.yaml` matches no file",
        explanation: """
            A pattern that matches nothing usually means a renamed folder or a typo, and the files \
            the author meant are silently left out of the codex.
            """,
        triggering: [CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + "include: [situatons/*.yaml]\n"),
            ("situations/a.yaml", "expectations: []\n"),
        ])],
        passing: [CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + "include: [situations/*.yaml]\n"),
            ("situations/a.yaml", "expectations: []\n"),
        ])])

    func check(_ context: CheckContext) { context.forwardLoadDiagnostics() }
}
