import KodexModel

/// Reports expectations, rules, tools and templates that nothing uses.
struct UnusedElementCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unused-element", code: "K301", name: "Unused element", category: .hygiene, defaultSeverity: .warning,
        summary: "an expectation, rule, tool or template is never used",
        explanation: """
            A rule no step uses never reaches an agent's checklist; an expectation no situation puts \
            at stake is never checked against rules and tools; a template no step sends is never \
            sent. Use it, or remove it.
            """,
        triggering: [CheckExample("""
            tools:
              - {id: crm, title: CRM lookup}

            """)],
        passing: [.clean])

    func check(_ context: CheckContext) {
        let codex = context.codex
        var usedRules = Set<String>(), usedTools = Set<String>(), usedTemplates = Set<String>()
        var usedExpectations = Set<String>()
        for situation in codex.situations {
            usedExpectations.formUnion(situation.expectations.map(\.value))
        }
        codex.forEachStep { _, _, step in
            usedRules.formUnion(step.rules.map(\.value))
            usedTools.formUnion(step.tools.map(\.value))
            usedTemplates.formUnion(step.messages.map(\.value))
        }
        for expectation in codex.expectations where !usedExpectations.contains(expectation.id.value) {
            report(expectation.id, kind: "expectation", by: "no situation lists it under `expectations`",
                   context, silences: expectation.silences)
        }
        for rule in codex.rules where !usedRules.contains(rule.id.value) {
            report(rule.id, kind: "rule", by: "no step lists it under `rules`", context, silences: rule.silences)
        }
        for tool in codex.tools where !usedTools.contains(tool.id.value) {
            report(tool.id, kind: "tool", by: "no step lists it under `tools`", context, silences: tool.silences)
        }
        for template in codex.templates where !usedTemplates.contains(template.id.value) {
            report(template.id, kind: "template", by: "no step lists it under `messages`", context,
                   silences: template.silences)
        }
    }

    private func report(_ id: Located<String>, kind: String, by reason: String, _ context: CheckContext,
                        silences: [Silence]) {
        // An invalid id is reported as such; an element a misspelt reference meant is
        // reported with that reference.
        guard !id.value.isEmpty, Identifier.isValid(id.value),
              !context.index.meantByNearMisses(of: kind).contains(id.value) else { return }
        context.report("\(kind) `\(id.value)` is never used", at: id.span, notes: [Diagnostic.Note(reason)],
                       help: ["use it, or remove it"], silences: silences, dependsOn: [id.value])
    }
}
