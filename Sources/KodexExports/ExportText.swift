import KodexModel

/// What `kodex export` tells its user, in the codex's language.
public enum ExportText {
    /// The lines after an export: what was written, then what to create, update and delete
    /// in the helpdesk since the export the folder held before.
    public static func report(_ result: ExportResult, target: ExportTarget, in directory: String) -> String {
        let hu = result.locale == .hu
        let kinds = Dictionary(grouping: result.objects, by: \.kind).map { kind, objects in (kind, objects.count) }
            .sorted { $0.0 < $1.0 }.map { "\($0.1) \(name(of: $0.0, hu: hu, one: $0.1 == 1))" }.joined(separator: ", ")
        var lines = [hu
            ? "`\(directory)`: \(kinds) (\(result.summary.written) fájl kiírva, \(result.summary.unchanged) változatlan, \(result.summary.removed) törölve)"
            : "`\(directory)`: \(kinds) (wrote \(result.summary.written) files, \(result.summary.unchanged) unchanged, \(result.summary.removed) removed)"]
        if let changes = result.changes {
            if changes.isEmpty {
                lines.append(target == .bpmn
                    ? (hu ? "az előző export óta semmi sem változott" : "nothing changed since the previous export")
                    : (hu ? "az előző export óta semmi sem változott: a helpdesken nincs teendő"
                          : "nothing changed since the previous export: nothing to do in the helpdesk"))
            } else {
                let groups: [(String, [ExportedObject])] = [
                    (hu ? "új, létrehozandó" : "new, to create", changes.added),
                    (hu ? "változott, frissítendő" : "changed, to update", changes.changed),
                    (hu ? "megszűnt, törlendő" : "gone, to delete", changes.removed),
                ]
                lines.append(hu ? "az előző export óta:" : "since the previous export:")
                for (title, objects) in groups where !objects.isEmpty {
                    lines.append("  \(title): " + objects.map { "\(name(of: $0.kind, hu: hu, one: true)) `\($0.id)`" }.joined(separator: ", "))
                }
            }
        }
        if result.report.warningCount > 0 {
            lines.append(hu ? "megjegyzés: a kódexben \(result.report.warningCount) figyelmeztetés van; a `kodex check` megmutatja őket"
                            : "note: the codex has \(result.report.warningCount) warnings; `kodex check` shows them")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func name(of kind: String, hu: Bool, one: Bool = false) -> String {
        switch (kind, hu) {
        case ("macro", true): "makró"
        case ("macro", false): one ? "macro" : "macros"
        case ("trigger", true): "eseményindító"
        case ("trigger", false): one ? "trigger" : "triggers"
        case ("sla_policy", true): "SLA-szabályzat"
        case ("sla_policy", false): one ? "SLA policy" : "SLA policies"
        case ("canned_response", true): "válaszsablon"
        case ("canned_response", false): one ? "canned response" : "canned responses"
        case ("saved_reply", true): "mentett válasz"
        case ("saved_reply", false): one ? "saved reply" : "saved replies"
        case ("bpmn", true): "BPMN-modell"
        case ("bpmn", false): one ? "BPMN model" : "BPMN models"
        default: kind
        }
    }
}
