import KodexModel

/// Reports a role whose messages a helpdesk would open to every agent, for want of a group.
struct UnmappedRoleCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unmapped-role", code: "K311", name: "Unmapped role", category: .hygiene,
        defaultSeverity: .error,
        summary: "a template only a role may send has no helpdesk group to be limited to",
        explanation: """
            When every step that sends a template is limited to a role (only a team lead closes a \
            complaint), `kodex export` limits the Zendesk macro or the Freshdesk canned response to \
            the helpdesk group that role is. Without a group under `groups` of that helpdesk in \
            `codex.yaml`, the export could only open the message to every agent, so the role limit \
            would be lost in the helpdesk.
            """,
        triggering: [Self.example(helpdesk: "{zendesk: {}}")],
        passing: [Self.example(helpdesk: "{zendesk: {groups: {agent: 360001}}}")])

    /// A complaint closed by the agent role alone, with the helpdesk settings given.
    private static func example(helpdesk: String) -> CheckExample {
        CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + "helpdesk: \(helpdesk)\n"),
            ("content.yaml", """
                templates:
                  - {id: closing, title: Closing, body: Closed.}
                situation:
                  id: s
                  title: S
                  kind: complaint
                  processes:
                    - id: p
                      title: P
                      steps:
                        - {id: a, title: A, goal: G, effect: E, actions: [x], role: agent, messages: [closing], end: done}

                """),
        ])
    }

    func check(_ context: CheckContext) {
        let codex = context.codex
        let targets = codex.manifest.helpdesk.enabled.filter { $0.kind != .helpScout }
        guard !targets.isEmpty else { return }
        let senders = codex.messageSenders()
        for target in targets {
            for template in codex.templates where template.notice == nil {
                for role in senders[template.id.value]?.roles ?? [] where target.group(of: role) == nil {
                    context.report("template `\(template.id.value)` is sent only by the role `\(role)`, which has no \(target.kind.title) group",
                                   at: template.id.span,
                                   notes: [Diagnostic.Note("\(target.kind.title) is enabled here", at: target.span)],
                                   help: ["add `\(role): GROUP-ID` under `helpdesk.\(target.kind.rawValue).groups` in `codex.yaml`, so that only that group may use it"],
                                   silences: template.silences)
                }
            }
        }
    }
}
