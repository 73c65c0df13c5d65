import KodexModel

/// The words of the handbook's own text, in each language a codex can be written in.
///
/// Both tables carry every key, so a Hungarian handbook never shows an English word;
/// a test holds them to that.
public enum Labels {
    /// Every label key with its Hungarian and English text.
    public static let table: [String: (hu: String, en: String)] = [
        "handbook": ("Kézikönyv", "Handbook"),
        "situations": ("Ügyfél-találkozási helyzetek", "Encounter situations"),
        "situation": ("Helyzet", "Situation"),
        "process": ("Folyamat", "Process"),
        "processes": ("Folyamatok", "Processes"),
        "processCount": ("folyamat", "processes"),
        "step": ("Lépés", "Step"),
        "steps": ("lépés", "steps"),
        "goal": ("Cél", "Goal"),
        "effect": ("Elérendő hatás", "Effect on the customer"),
        "checklist": ("Teendők", "Checklist"),
        "optional": ("nem kötelező", "optional"),
        "touchpoints": ("Érintési pontok", "Touchpoints"),
        "impression": ("Benyomás", "Impression"),
        "say": ("Mondja így", "Say"),
        "avoid": ("Kerülje", "Avoid"),
        "timeTarget": ("Időcél", "Time target"),
        "within": ("legfeljebb", "within"),
        "role": ("Csak ez a szerepkör végezheti", "Only this role may do it"),
        "messages": ("Küldendő üzenetek", "Messages to send"),
        "rulesUsed": ("Szabályok", "Rules"),
        "toolsUsed": ("Eszközök", "Tools"),
        "branches": ("Elágazás", "Branches"),
        "next": ("Következő lépés", "Next step"),
        "end": ("A folyamat vége", "End of the process"),
        "outcome": ("Eredmény", "Outcome"),
        "appliesWhen": ("Mikor érvényes", "When it applies"),
        "channels": ("Csatornák", "Channels"),
        "expectations": ("Ügyfélelvárások", "Customer expectations"),
        "expectationsAtStake": ("Érintett ügyfélelvárások", "Expectations at stake"),
        "rules": ("Viselkedési szabályok", "Behavioural rules"),
        "tools": ("Eszközök", "Tools"),
        "templates": ("Üzenetsablonok", "Message templates"),
        "bannedPhrases": ("Tiltott kifejezések", "Banned phrases"),
        "instead": ("Helyette", "Instead"),
        "why": ("Miért", "Why"),
        "do": ("Tegye", "Do"),
        "dont": ("Ne tegye", "Don't"),
        "meets": ("Teljesíti", "Meets"),
        "exceeds": ("Meghaladja", "Exceeds"),
        "metBy": ("Teljesítik", "Met by"),
        "goodExamples": ("Jó példa", "Good example"),
        "badExamples": ("Rossz példa", "Bad example"),
        "usedIn": ("Használja", "Used in"),
        "atStakeIn": ("Tét ezekben a helyzetekben", "At stake in"),
        "notUsed": ("Egyetlen lépés sem használja.", "No step uses it."),
        "subject": ("Tárgy", "Subject"),
        "placeholders": ("Helyőrzők", "Placeholders"),
        "meaning": ("Jelentés", "Meaning"),
        "channel": ("Csatorna", "Channel"),
        "search": ("Keresés", "Search"),
        "searchPlaceholder": ("Keresés a kézikönyvben…", "Search the handbook…"),
        "noResults": ("Nincs találat.", "No results."),
        "searchResults": ("találat", "results"),
        "previous": ("Előző", "Previous"),
        "nextPage": ("Következő", "Next"),
        "contents": ("Tartalom", "Contents"),
        "skipToContent": ("Ugrás a tartalomra", "Skip to content"),
        "version": ("Változat", "Version"),
        "kind": ("Típus", "Kind"),
        "flow": ("Folyamatábra", "Flow diagram"),
        "touchpointMarked": ("érintési ponttal", "with a touchpoint"),
        "start": ("Kezdet", "Start"),
        "glossaries": ("Szójegyzékek", "Glossaries"),
        "overview": ("Áttekintés", "Overview"),
    ]

    /// The labels of one language, by key.
    public static func strings(for locale: Manifest.Locale) -> [String: String] {
        table.mapValues { locale == .hu ? $0.hu : $0.en }
    }
}
