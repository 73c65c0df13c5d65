import KodexModel

/// Reports files and values beyond the codex's limits.
struct InputLimitCheck: ValidationCheck {
    let description = CheckDescription(
        id: CheckID.inputLimit, code: "K002", name: "Input limit", category: .integrity, defaultSeverity: .error,
        summary: "a file or value is larger, deeper or more aliased than the codex's limits allow",
        explanation: """
            Limits keep a damaged or hostile file from exhausting memory or time: the size of a file, \
            the depth of nesting, the nodes aliases may add, and the length of a text field. A real \
            codex that needs more can raise them under `limits:` in `codex.yaml`.
            """,
        triggering: [
            CheckExample(files: [
                ("codex.yaml", CheckExample.baseManifest + "limits: {max_text_length: 10}\n"),
                ("content.yaml", "expectations:\n  - {id: quick, title: A title that is far too long}\n"),
            ]),
            CheckExample("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"),
        ],
        passing: [.clean])

    func check(_ context: CheckContext) { context.forwardLoadDiagnostics() }
}
