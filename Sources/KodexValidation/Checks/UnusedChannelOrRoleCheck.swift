import KodexModel

/// Reports channels and roles of the manifest that nothing uses.
struct UnusedChannelOrRoleCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unused-channel-or-role", code: "K306", name: "Unused channel or role", category: .hygiene,
        defaultSeverity: .warning,
        summary: "a channel no situation or template uses, or a role no step is limited to",
        explanation: """
            `codex.yaml` lists the channels in which staff meet customers and the roles they act \
            in. A channel that no situation happens in and no template is sent through, or a role \
            that no step is limited to, appears in the handbook and leads nowhere. Use it, or \
            remove it.
            """,
        triggering: [CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest.replacingOccurrences(
                "  - {id: phone, title: Phone}\n", with: "  - {id: phone, title: Phone}\n  - {id: fax, title: Fax}\n")),
            ("content.yaml", CheckExample.clean.files[0].content),
        ])],
        passing: [.clean])

    func check(_ context: CheckContext) {
        let codex = context.codex
        // A codex still without situations has nothing that could use them yet; the
        // method's checks already say what it lacks.
        guard !codex.situations.isEmpty else { return }
        var channels = Set<String>(), roles = Set<String>()
        for template in codex.templates { if let channel = template.channel { channels.insert(channel.value) } }
        for situation in codex.situations { channels.formUnion(situation.channels.map(\.value)) }
        codex.forEachStep { _, _, step in if let role = step.role { roles.insert(role.value) } }
        let meantChannels = context.index.meantByNearMisses(of: "channel")
        let meantRoles = context.index.meantByNearMisses(of: "role")
        for channel in codex.manifest.channels where !channels.contains(channel.id.value) && !meantChannels.contains(channel.id.value) {
            context.report("channel `\(channel.id.value)` is never used", at: channel.id.span,
                           notes: [Diagnostic.Note("no situation lists it under `channels`, and no template is sent through it")],
                           help: ["use it, or remove it from `channels`"], dependsOn: [channel.id.value])
        }
        for role in codex.manifest.roles where !roles.contains(role.id.value) && !meantRoles.contains(role.id.value) {
            context.report("role `\(role.id.value)` is never used", at: role.id.span,
                           notes: [Diagnostic.Note("no step is limited to it with `role:`")],
                           help: ["limit the steps only this role may perform with `role: \(role.id.value)`, or remove it from `roles`"],
                           dependsOn: [role.id.value])
        }
    }
}
