import KodexModel

/// Reports keys the codex format does not know, with a suggestion for typos.
struct UnknownKeyCheck: ValidationCheck {
    let description = CheckDescription(
        id: CheckID.unknownKey, code: "K005", name: "Unknown key", category: .integrity, defaultSeverity: .error,
        summary: "a mapping has a key the codex format does not define",
        explanation: """
            A misspelt key is silently ignored by most YAML tools, and the text under it never \
            reaches the handbook. Kodex knows every key of every element, reports the ones it does \
            not know, and suggests the key that was probably meant. Keys are English; content may \
            be in any language.
            """,
        triggering: [CheckExample("expectations:\n  - {id: quick, titel: Quick}\n")],
        passing: [.clean])

    func check(_ context: CheckContext) { context.forwardLoadDiagnostics() }
}
