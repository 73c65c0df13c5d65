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
        "exceededBy": ("Meghaladják", "Exceeded by"),
        "roles": ("Szerepkörök", "Roles"),
        "coverage": ("Lefedettség", "Coverage"),
        "roleSteps": ("Csak ez a szerepkör végezheti", "Only this role may perform"),
        "noRoleSteps": ("Egy lépés sem kötött ehhez a szerepkörhöz.", "No step is limited to this role."),
        "channelSituations": ("Helyzetek ezen a csatornán", "Situations on this channel"),
        "channelTemplates": ("Üzenetsablonok ehhez a csatornához", "Message templates for this channel"),
        "coverageIntro": ("Soronként egy ügyfélelvárás, oszloponként egy helyzet. A szám azt mondja meg, a helyzet hány lépése használ olyan szabályt vagy eszközt, amely teljesíti vagy meghaladja az elvárást; a „hiány” olyan helyzetet jelöl, amelyben az elvárás érintett, de egy lépés sem szolgálja.", "One customer expectation a row, one situation a column. The number says how many of the situation's steps use a rule or tool that meets or exceeds the expectation; a “gap” marks a situation where the expectation is at stake but no step serves it."),
        "expectation": ("Elvárás", "Expectation"),
        "gap": ("hiány", "gap"),
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

    /// Every label's key.
    public static let names = Set(table.keys)

    /// The labels of one language, by key.
    public static func strings(for locale: Manifest.Locale) -> [String: String] {
        table.mapValues { locale == .hu ? $0.hu : $0.en }
    }
}
