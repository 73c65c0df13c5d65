import KodexModel
import KodexSupport

/// The codex's message templates as Freshdesk canned responses, one request body each,
/// visible to the groups of the roles that send them, or to every agent.
struct FreshdeskExport {
    let codex: Codex
    let target: HelpdeskTarget

    func files() -> ExportFiles {
        let senders = codex.messageSenders()
        return .perTemplate(codex, target, kind: "canned_response", folder: "canned-responses") { template, message in
            let groups = target.groups(of: senders[template.id.value])
            var fields: [(String, JSONValue)] = [
                ("title", .string(template.title?.value ?? template.id.value)),
                ("content_html", .string(message.html)),
                // `kodex check` requires the folder of an enabled Freshdesk.
                ("folder_id", .integer(target.folder?.value ?? 0)),
                // 0: every agent; 2: the groups named.
                ("visibility", .integer(groups.isEmpty ? 0 : 2)),
            ]
            if !groups.isEmpty { fields.append(("group_ids", .array(groups.map(JSONValue.integer)))) }
            return .object(fields)
        }
    }
}
