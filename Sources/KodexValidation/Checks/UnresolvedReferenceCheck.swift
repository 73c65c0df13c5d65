import KodexModel
import KodexYAML

/// Reports references to elements that do not exist.
struct UnresolvedReferenceCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unresolved-reference", code: "K009", name: "Unresolved reference",
        category: .integrity, defaultSeverity: .error,
        summary: "an id refers to an element that does not exist",
        explanation: """
            Steps refer to rules, tools, templates, roles and the step that follows; situations to \
            channels and expectations; rules and tools to the expectations they meet; the helpdesk \
            settings to the roles whose groups they name; the qualification settings to the \
            situations that require an exam. Each reference \
            must name an element of the right kind. A typo is met with the id that was probably meant.
            """,
        triggering: [
            CheckExample.process("            - {id: a, title: A, goal: G, effect: E, actions: [x], rules: [gret], end: done}"),
            CheckExample.process("            - {id: a, title: A, goal: G, effect: E, actions: [x], role: boss, end: done}"),
        ],
        passing: [.clean])

    func check(_ context: CheckContext) {
        let codex = context.codex
        let index = context.index
        let renamed = reportRenamedIDs(context)
        for rule in codex.rules {
            check(rule.meets + rule.exceeds, kind: "expectation", among: index.expectations, context, silences: rule.silences, renamedReferences: renamed)
        }
        for tool in codex.tools {
            check(tool.meets + tool.exceeds, kind: "expectation", among: index.expectations, context, silences: tool.silences, renamedReferences: renamed)
        }
        for target in codex.manifest.helpdesk.enabled {
            check(target.groups.map(\.role), kind: "role", among: index.roles, context, silences: [])
        }
        check(codex.manifest.qualification.situations.map(\.id), kind: "situation",
              among: Set(codex.situations.map(\.id.value)), context, silences: [])
        for template in codex.templates {
            check(template.channel.map { [$0] } ?? [], kind: "channel", among: index.channels, context,
                  silences: template.silences, renamedReferences: renamed)
        }
        for situation in codex.situations {
            check(situation.channels, kind: "channel", among: index.channels, context, silences: situation.silences, renamedReferences: renamed)
            check(situation.expectations, kind: "expectation", among: index.expectations, context,
                  silences: situation.silences, renamedReferences: renamed)
            for process in situation.processes {
                let steps = Set(process.steps.map(\.id.value))
                for step in process.steps {
                    check(step.rules, kind: "rule", among: index.rules, context, silences: step.silences, renamedReferences: renamed)
                    check(step.tools, kind: "tool", among: index.tools, context, silences: step.silences, renamedReferences: renamed)
                    check(step.messages, kind: "template", among: index.templates, context, silences: step.silences, renamedReferences: renamed)
                    check(step.role.map { [$0] } ?? [], kind: "role", among: index.roles, context, silences: step.silences, renamedReferences: renamed)
                    check(step.next.map { [$0] } ?? [], kind: "step", among: steps, context, silences: step.silences,
                          scope: " in process `\(process.id.value)`")
                }
            }
        }
    }

    private func check(_ references: [Reference], kind: String, among ids: Set<String>, _ context: CheckContext,
                       silences: [Silence], scope: String = "", renamedReferences: Set<SourceSpan> = []) {
        // An id written invalidly is reported where it is written; references to the id it
        // was meant to be follow from that one mistake.
        let meant = context.index.invalidIDs[kind] ?? []
        for reference in references where !ids.contains(reference.value) && !meant.contains(reference.value)
            && !renamedReferences.contains(reference.span) {
            context.report("no \(kind) has the id `\(reference.value)`\(scope)", at: reference.span,
                           help: context.didYouMean(reference.value, in: ids.sorted()), silences: silences,
                           dependsOn: [reference.value])
        }
    }

    /// Reports an id renamed without its references once, where it is defined: several
    /// references name one missing id, and an element that nothing references has a near
    /// miss of it. Returns the references so explained.
    private func reportRenamedIDs(_ context: CheckContext) -> Set<SourceSpan> {
        var explained = Set<SourceSpan>()
        for kind in ["expectation", "rule", "tool", "template", "channel", "role"] {
            let misses = context.index.nearMisses[kind] ?? []
            let groups = Dictionary(grouping: misses) { "\($0.meant)\u{0}\($0.reference.value)" }
            for key in groups.keys.sorted() {
                guard let group = groups[key], group.count >= 2, let first = group.first,
                      let definition = context.index.definition(of: first.meant, kind: kind) else { continue }
                explained.formUnion(group.map(\.reference.span))
                let shown = group.prefix(3).map { Diagnostic.Note("names `\(first.reference.value)`", at: $0.reference.span) }
                let more = group.count > 3 ? [Diagnostic.Note("and \(group.count - 3) more references")] : []
                context.report("\(kind) `\(first.meant)` is referenced by nothing, while \(group.count) references name `\(first.reference.value)`, which no \(kind) has",
                               at: definition, notes: shown + more,
                               help: ["if the id was renamed, rename the references to `\(first.meant)` too, or the id back to `\(first.reference.value)`"])
            }
        }
        return explained
    }
}
