import KodexModel
import KodexSupport

/// The codex's message templates as Help Scout saved replies: HTML for e-mail, plain text
/// for chat.
struct HelpScoutExport {
    let codex: Codex
    let target: HelpdeskTarget

    func files() -> ExportFiles {
        .perTemplate(codex, target, kind: "saved_reply", folder: "saved-replies") { template, message in
            .object([
                ("name", .string(template.title?.value ?? template.id.value)),
                ("text", .string(message.html)),
                ("chatText", .string(message.text)),
            ])
        }
    }
}
