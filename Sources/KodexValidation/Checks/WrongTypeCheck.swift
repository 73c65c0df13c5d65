import KodexModel

/// Reports values of the wrong type.
struct WrongTypeCheck: ValidationCheck {
    let description = CheckDescription(
        id: CheckID.wrongType, code: "K006", name: "Wrong type", category: .integrity, defaultSeverity: .error,
        summary: "a value is not of the type its key takes",
        explanation: """
            The codex schema, not YAML's guessing, decides what a value is: `title: no` is the text \
            `no`, and a number or a flag is accepted only where the schema asks for one. A list \
            where a mapping belongs, an invalid id, a duration Kodex cannot read or a word outside \
            a key's choices are reported here.
            """,
        triggering: [
            CheckExample("situation: {id: s, title: S, kind: complaint, processes: none}\n"),
            CheckExample("situation: {id: s, title: S, kind: complain, processes: []}\n"),
            CheckExample("expectations:\n  - {id: Quick answer, title: Quick}\n"),
        ],
        passing: [.clean, CheckExample("expectations:\n  - {id: no, title: no}\n")])

    func check(_ context: CheckContext) { context.forwardLoadDiagnostics() }
}
