import KodexModel

/// What `kodex run` says on the normal screen, before or after its session, in the
/// codex's language.
public enum RunText {
    /// The agent has not passed the exam the situation requires.
    public static func notQualified(agent: String, situation: String, id: String, passMark: Int, _ locale: Manifest.Locale) -> String {
        locale == .hu
            ? "\(agent) még nem tett sikeres vizsgát ebből a helyzetből: „\(situation)” (követelmény \(passMark)%); vizsga: `kodex quiz take \(id)`"
            : "\(agent) has not yet passed the exam on “\(situation)” (pass mark \(passMark)%); exam: `kodex quiz take \(id)`"
    }

    /// No situation matches what the agent typed.
    public static func noSituation(_ query: String, _ locale: Manifest.Locale) -> String {
        locale == .hu ? "egy helyzet sem illik erre: „\(query)”; a `kodex run` helyzet nélkül választót nyit"
            : "no situation matches `\(query)`; run `kodex run` without it to pick one"
    }

    /// The situation has no such process.
    public static func noProcess(_ situation: String, _ process: String, _ locale: Manifest.Locale) -> String {
        locale == .hu ? "a(z) `\(situation)` helyzetnek nincs `\(process)` folyamata"
            : "situation `\(situation)` has no process `\(process)`"
    }

    /// The codex has errors.
    public static func codexHasErrors(_ locale: Manifest.Locale) -> String {
        locale == .hu ? "a kódexben hibák vannak; javítsa ki őket, mielőtt futtatja"
            : "the codex has errors; fix them before running it"
    }

    /// Nothing to resume.
    public static func nothingToResume(_ folder: String, _ locale: Manifest.Locale) -> String {
        locale == .hu ? "nincs megszakított vagy szüneteltetett munkamenet itt: `\(folder)`"
            : "no interrupted or paused session in `\(folder)`"
    }

    /// The heading of the list of sessions to resume.
    public static func sessionsToResume(_ locale: Manifest.Locale) -> String {
        locale == .hu ? "Folytatható munkamenetek:" : "Sessions that can be resumed:"
    }

    /// The question after the list.
    public static func whichSession(_ count: Int, _ locale: Manifest.Locale) -> String {
        locale == .hu ? "Melyiket folytatja? (1–\(count), Enter: 1): " : "Which one? (1–\(count), Enter for 1): "
    }

    /// Said when there is no terminal to ask at.
    public static func takingNewest(_ locale: Manifest.Locale) -> String {
        locale == .hu ? "több munkamenet is folytatható; a legújabbat veszem (választás: --session AZONOSÍTÓ):"
            : "several sessions can be resumed; taking the newest (choose with --session ID):"
    }

    /// A session's status in words.
    public static func status(_ status: String, _ locale: Manifest.Locale) -> String {
        guard locale == .hu else { return status }
        switch status {
        case "paused": return "szünetel"
        case "interrupted": return "megszakadt"
        case "finished": return "befejezett"
        default: return status
        }
    }

    /// How long ago, from milliseconds since 1970.
    public static func age(from time: Int64, to now: Int64, _ locale: Manifest.Locale) -> String {
        let seconds = max(0, now.subtractingReportingOverflow(time).partialValue / 1000)
        let hu = locale == .hu
        if seconds < 120 { return hu ? "\(seconds) mp-e" : "\(seconds) s ago" }
        if seconds < 7200 { return hu ? "\(seconds / 60) perce" : "\(seconds / 60) min ago" }
        if seconds < 172_800 { return hu ? "\(seconds / 3600) órája" : "\(seconds / 3600) h ago" }
        return hu ? "\(seconds / 86_400) napja" : "\(seconds / 86_400) days ago"
    }
}
