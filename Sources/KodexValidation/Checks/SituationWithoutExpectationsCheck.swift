import KodexModel

/// Reports situations that name no customer expectation at stake.
struct SituationWithoutExpectationsCheck: ValidationCheck {
    let description = CheckDescription(
        id: "situation-without-expectations", code: "K209", name: "Situation without expectations",
        category: .method, defaultSeverity: .warning,
        summary: "a situation names no customer expectation at stake",
        explanation: """
            The method defines the tools and behavioural rules of a situation so that they meet, \
            and where they can exceed, what the customer expects in it. A situation whose \
            `expectations` list is missing or empty cannot be checked against that: nothing says \
            what its rules and tools are for. Such a situation is not complete.
            """,
        triggering: [CheckExample.process("            - {id: a, title: A, goal: G, effect: E, actions: [x], end: done}")],
        passing: [.clean])

    func check(_ context: CheckContext) {
        for situation in context.codex.situations where situation.expectations.isEmpty
            && !context.hasMistypedKey("expectations", in: situation.span) {
            context.report("situation `\(situation.id.value)` names no customer expectation at stake",
                           at: situation.id.span,
                           help: ["list what the customer expects here under `expectations:`, by the ids of the expectations"],
                           silences: situation.silences)
        }
    }
}
