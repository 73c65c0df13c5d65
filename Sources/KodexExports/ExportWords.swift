import KodexModel

/// The words exports put into the objects they write, in the codex's language.
struct ExportWords {
    let locale: Manifest.Locale

    var shared: String { locale == .hu ? "Közös sablonok" : "Shared templates" }
    var template: String { locale == .hu ? "sablon" : "template" }
    var situation: String { locale == .hu ? "helyzet" : "situation" }
    var goal: String { locale == .hu ? "Cél" : "Goal" }
    var effect: String { locale == .hu ? "Hatás az ügyfélre" : "Effect on the customer" }
    var touchpoints: String { locale == .hu ? "Érintkezési pontok" : "Touchpoints" }
    var timeTarget: String { locale == .hu ? "Időcél" : "Time target" }
    var role: String { locale == .hu ? "Szerepkör" : "Role" }
    var start: String { locale == .hu ? "Kezdet" : "Start" }
    var decision: String { locale == .hu ? "Merre tovább?" : "Which way?" }

    func notice(_ notice: Notice) -> String {
        switch (notice, locale) {
        case (.acknowledgement, .hu): "új bejelentésre"
        case (.acknowledgement, .en): "on a new request"
        case (.statusChange, .hu): "állapotváltozáskor"
        case (.statusChange, .en): "on a status change"
        }
    }

    var servicePolicy: String { locale == .hu ? "szolgáltatási szint" : "service levels" }
}

/// Who made an object: the codex, its version and the element, so that whoever finds it in
/// the helpdesk knows where to change it.
func provenance(_ codex: Codex, element: String) -> String {
    let title = codex.manifest.title?.value ?? ""
    let version = codex.manifest.version.map { " \($0.value)" } ?? ""
    return "Kodex: \(title)\(version) · \(element)"
}
