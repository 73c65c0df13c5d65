import KodexModel

/// Reports required fields that are absent or empty.
struct MissingFieldCheck: ValidationCheck {
    let description = CheckDescription(
        id: CheckID.missingField, code: "K007", name: "Missing field", category: .integrity, defaultSeverity: .error,
        summary: "a required field is absent or empty",
        explanation: """
            Some fields carry the method itself: every step has a goal and the effect it must have on \
            the customer, every element has an id and a title. An absent key, an empty value and \
            text of white space only are all reported.
            """,
        triggering: [CheckExample.process("            - {id: a, title: A, effect: E, actions: [x], end: done}")],
        passing: [.clean])

    func check(_ context: CheckContext) { context.forwardLoadDiagnostics() }
}
