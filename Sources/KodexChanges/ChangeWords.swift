import KodexModel

/// The words of the comparison's output in the codex's language.
struct ChangeWords {
    let locale: Manifest.Locale
    var hu: Bool { locale == .hu }

    func kind(_ kind: CodexChange.Kind) -> String {
        switch (kind, hu) {
        case (.situation, true): return "helyzet"
        case (.situation, false): return "situation"
        case (.process, true): return "folyamat"
        case (.process, false): return "process"
        case (.step, true): return "lépés"
        case (.step, false): return "step"
        case (.action, true): return "teendő"
        case (.action, false): return "action"
        case (.touchpoint, true): return "érintési pont"
        case (.touchpoint, false): return "touchpoint"
        case (.phrase, true): return "mondat"
        case (.phrase, false): return "phrase"
        case (.expectation, true): return "elvárás"
        case (.expectation, false): return "expectation"
        case (.rule, true): return "szabály"
        case (.rule, false): return "rule"
        case (.tool, true): return "eszköz"
        case (.tool, false): return "tool"
        case (.bannedPhrase, true): return "tiltott kifejezés"
        case (.bannedPhrase, false): return "banned phrase"
        case (.template, true): return "üzenetsablon"
        case (.template, false): return "message template"
        case (.role, true): return "szerepkör"
        case (.role, false): return "role"
        case (.channel, true): return "csatorna"
        case (.channel, false): return "channel"
        case (.manifest, true): return "beállítás"
        case (.manifest, false): return "setting"
        }
    }

    func change(_ change: CodexChange.Change) -> String {
        switch (change, hu) {
        case (.added, true): return "új"
        case (.added, false): return "added"
        case (.removed, true): return "törölve"
        case (.removed, false): return "removed"
        case (.changed, true): return "módosult"
        case (.changed, false): return "changed"
        case (.moved, true): return "áthelyezve"
        case (.moved, false): return "moved"
        case (.renamed, true): return "átnevezve"
        case (.renamed, false): return "renamed"
        }
    }

    private static let hungarianFields: [String: String] = [
        "title": "cím", "goal": "cél", "effect": "hatás", "rules": "szabályok", "tools": "eszközök", "messages": "üzenetek",
        "role": "szerepkör", "time_target": "időcél", "next": "következő lépés", "branches": "elágazások", "end": "kimenet",
        "do": "teendő", "optional": "elhagyható", "detail": "részlet", "impression": "benyomás", "say": "mondja",
        "avoid": "kerülje", "kind": "fajta", "applies_when": "mikor érvényes", "channels": "csatornák",
        "expectations": "elvárások", "description": "leírás", "text": "szöveg", "meets": "teljesíti", "exceeds": "meghaladja",
        "examples.good": "jó példák", "examples.bad": "rossz példák", "channel": "csatorna", "subject": "tárgy",
        "body": "törzs", "placeholders": "helyőrzők", "instead": "helyette", "why": "miért", "version": "verzió",
        "organisation": "szervezet", "locale": "nyelv", "validation.required_kinds": "kötelező helyzetfajták",
        "validation.severity": "ellenőrzések súlyossága", "validation.disable": "kikapcsolt ellenőrzések",
    ]

    private static let englishFields: [String: String] = [
        "time_target": "time target", "next": "next step", "applies_when": "applies when", "examples.good": "good examples",
        "examples.bad": "bad examples", "validation.required_kinds": "required kinds", "validation.severity": "check severities",
        "validation.disable": "disabled checks",
    ]

    func field(_ name: String) -> String {
        (hu ? Self.hungarianFields[name] : Self.englishFields[name]) ?? name
    }

    var everyone: String { hu ? "minden munkatárs" : "all agents" }
    var affects: String { hu ? "érinti" : "affects" }
    var wholeCodex: String { hu ? "Az egész kódex" : "The whole codex" }
    var none: String { hu ? "nincs változás" : "no changes" }
    var nobody: String { hu ? "egy lépés sem használja" : "no step uses it" }
    var unset: String { hu ? "(nincs megadva)" : "(not set)" }
    var was: String { hu ? "korábban" : "was" }
    var textWas: String { hu ? "korábbi szövege" : "its text was" }

    func situations(_ count: Int) -> String { hu ? "\(count) helyzet" : "\(count) situations" }

    func quoted(_ text: String) -> String { hu ? "„\(text)”" : "“\(text)”" }

    func position(from: Int, to: Int) -> String {
        hu ? "(\(from). hely → \(to). hely)" : "(place \(from) → place \(to))"
    }

    /// The summary: how many changes of each sort.
    func summary(_ changes: [CodexChange]) -> String {
        guard !changes.isEmpty else { return hu ? "Nincs változás." : "No changes." }
        let counts = CodexChange.Change.allCases.compactMap { change -> String? in
            let count = changes.count { $0.change == change }
            return count == 0 ? nil : "\(count) \(self.change(change))"
        }
        let total = hu ? "\(changes.count) változás" : "\(changes.count) \(changes.count == 1 ? "change" : "changes")"
        return total + ": " + counts.joined(separator: ", ") + "."
    }
}
