import KodexModel

/// Reports references to elements that do not exist.
struct UnresolvedReferenceRule: ValidationRule {
    let description = RuleDescription(
        id: "unresolved-reference", code: "K009", name: "Unresolved reference",
        category: .integrity, defaultSeverity: .error,
        summary: "an id refers to an element that does not exist",
        explanation: """
            Steps refer to rules, tools, templates, roles and the step that follows; situations to \
            channels and expectations; rules and tools to the expectations they meet. Each reference \
            must name an element of the right kind. A typo is met with the id that was probably meant.
            """,
        triggering: [
            RuleExample.process("            - {id: a, title: A, goal: G, effect: E, actions: [x], rules: [gret], end: done}"),
            RuleExample.process("            - {id: a, title: A, goal: G, effect: E, actions: [x], role: boss, end: done}"),
        ],
        passing: [.clean])

    func check(_ context: RuleContext) {
        let codex = context.codex
        let index = context.index
        for rule in codex.rules {
            check(rule.meets + rule.exceeds, kind: "expectation", among: index.expectations, context, silences: rule.silences)
        }
        for tool in codex.tools {
            check(tool.meets + tool.exceeds, kind: "expectation", among: index.expectations, context, silences: tool.silences)
        }
        for template in codex.templates {
            check(template.channel.map { [$0] } ?? [], kind: "channel", among: index.channels, context,
                  silences: template.silences)
        }
        for situation in codex.situations {
            check(situation.channels, kind: "channel", among: index.channels, context, silences: situation.silences)
            check(situation.expectations, kind: "expectation", among: index.expectations, context,
                  silences: situation.silences)
            for process in situation.processes {
                let steps = Set(process.steps.map(\.id.value))
                for step in process.steps {
                    check(step.rules, kind: "rule", among: index.rules, context, silences: step.silences)
                    check(step.tools, kind: "tool", among: index.tools, context, silences: step.silences)
                    check(step.messages, kind: "template", among: index.templates, context, silences: step.silences)
                    check(step.role.map { [$0] } ?? [], kind: "role", among: index.roles, context, silences: step.silences)
                    check(step.next.map { [$0] } ?? [], kind: "step", among: steps, context, silences: step.silences,
                          scope: " in process `\(process.id.value)`")
                }
            }
        }
    }

    private func check(_ references: [Reference], kind: String, among ids: Set<String>, _ context: RuleContext,
                       silences: [Silence], scope: String = "") {
        for reference in references where !ids.contains(reference.value) {
            context.report("no \(kind) has the id `\(reference.value)`\(scope)", at: reference.span,
                           help: context.didYouMean(reference.value, in: ids.sorted()), silences: silences,
                           dependsOn: [reference.value])
        }
    }
}
