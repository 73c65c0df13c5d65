import KodexModel

/// Reports files that are not well-formed YAML or UTF-8.
struct YAMLSyntaxCheck: ValidationCheck {
    let description = CheckDescription(
        id: CheckID.yamlSyntax, code: "K001", name: "YAML syntax", category: .integrity, defaultSeverity: .error,
        summary: "a file is not well-formed YAML, not UTF-8, or uses a YAML feature a codex does not allow",
        explanation: """
            Kodex reads every codex file as UTF-8 YAML with a single document. A syntax error stops \
            the file from being read at all, so nothing in it reaches the handbook or the checklist. \
            Tabs cannot indent YAML, merge keys (`<<`) are not supported, and a file holds one document.
            """,
        triggering: [
            CheckExample("situation: [unclosed\n"),
            CheckExample("situation:\n\tid: tabbed\n"),
            CheckExample("a: 1\n---\nb: 2\n"),
        ],
        passing: [.clean])

    func check(_ context: CheckContext) { context.forwardLoadDiagnostics() }
}
