import KodexModel

/// Reports YAML files in the codex folder that no include pattern covers.
struct UncoveredFileCheck: ValidationCheck {
    let description = CheckDescription(
        id: CheckID.uncoveredFile, code: "K012", name: "Uncovered file", category: .integrity, defaultSeverity: .warning,
        summary: "a YAML file in the codex folder is covered by no include pattern",
        explanation: """
            `include` in `codex.yaml` lists the patterns of the files that make up the codex. A \
            `.yaml` or `.yml` file in the folder that no pattern matches is silently left out: a \
            situation written in `helyzetek/uj.yml`, or in a new subfolder, never reaches the \
            handbook. Widen the patterns, or move files that are not part of the codex elsewhere.
            """,
        triggering: [CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + "include: [\"*.yaml\"]\n"),
            ("content.yaml", CheckExample.clean.files[0].content),
            ("more/extra.yml", "expectations: []\n"),
        ])],
        passing: [.clean])

    func check(_ context: CheckContext) { context.forwardLoadDiagnostics() }
}
