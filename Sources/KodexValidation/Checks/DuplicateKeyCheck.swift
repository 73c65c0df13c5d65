import KodexModel

/// Reports keys written twice in one mapping.
struct DuplicateKeyCheck: ValidationCheck {
    let description = CheckDescription(
        id: CheckID.duplicateKey, code: "K004", name: "Duplicate key", category: .integrity, defaultSeverity: .error,
        summary: "a key is written twice in the same mapping",
        explanation: """
            YAML forbids a key twice in one mapping, and most tools silently keep one of the values. \
            Kodex keeps the first and reports the second, pointing at both, so no text is lost \
            without the author knowing.
            """,
        triggering: [CheckExample("expectations:\n  - id: quick\n    title: Quick\n    title: Fast\n")],
        passing: [.clean])

    func check(_ context: CheckContext) { context.forwardLoadDiagnostics() }
}
