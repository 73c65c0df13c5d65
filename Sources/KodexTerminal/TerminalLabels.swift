import KodexModel
import KodexPublishing

/// The words of `kodex run`, in the codex's language; the handbook's labels are reused
/// where the words are the same.
struct TerminalLabels {
    private let words: [String: String]
    let locale: Manifest.Locale

    init(_ locale: Manifest.Locale) {
        self.locale = locale
        var words = Labels.strings(for: locale)
        for (key, value) in Self.table {
            words[key] = locale == .hu ? value.hu : value.en
        }
        self.words = words
    }

    subscript(_ key: String) -> String { words[key] ?? key }

    static let table: [String: (hu: String, en: String)] = [
        "required": ("kötelező", "required"),
        "elapsed": ("eltelt", "elapsed"),
        "chooseSituation": ("Válasszon helyzetet (szám, vagy szöveg a szűréshez)", "Choose a situation (a number, or text to filter)"),
        "chooseProcess": ("Válasszon folyamatot (szám)", "Choose a process (a number)"),
        "noMatch": ("Nincs ilyen helyzet.", "No such situation."),
        "prompt": ("Parancs (? súgó)", "Command (? for help)"),
        "recorded": ("rögzítve", "recorded"),
        "confirmOpen": ("Kötelező teendők nyitva", "Required items are open"),
        "confirmQuestion": ("Továbblép? (i/n)", "Leave anyway? (y/n)"),
        "yes": ("i", "y"),
        "skipReason": ("A kihagyás oka", "Reason for skipping"),
        "noteText": ("Jegyzet", "Note"),
        "paused": ("A munkamenet szünetel; folytatás: kodex run --resume", "Session paused; continue with: kodex run --resume"),
        "finished": ("A folyamat véget ért", "The process has ended"),
        "summary": ("Összegzés", "Summary"),
        "itemsDone": ("Elvégzett teendők", "Items done"),
        "skippedSteps": ("Kihagyott lépések", "Skipped steps"),
        "timePerStep": ("Idő lépésenként", "Time per step"),
        "over": ("túllépve", "over"),
        "notes": ("Jegyzetek", "Notes"),
        "session": ("Munkamenet", "Session"),
        "checking": ("A kódex ellenőrzése… a billentyűk utána működnek", "Checking the codex… keys work once it passes"),
        "leftOpen": ("nyitva hagyva", "left open"),
        "helpText": (
            "Parancsok: <szám> teendő ki/be · n tovább · b<szám> elágazás · p vissza · s <ok> kihagyás · a <szöveg> jegyzet · r <szám> szabály részletei · ? súgó · q kilépés (szünet)",
            "Commands: <number> toggle item · n next · b<number> branch · p back · s <reason> skip · a <text> note · r <number> rule details · ? help · q quit (pause)"
        ),
        "keys": (
            "↑↓ mozgás  szóköz ki/be  → tovább  ← vissza  1-9 elágazás  s kihagy  a jegyzet  r szabályok  ? súgó  q kilép",
            "↑↓ move  space toggle  → next  ← back  1-9 branch  s skip  a note  r rules  ? help  q quit"
        ),
        "unknownCommand": ("Ismeretlen parancs; ? a súgó.", "Unknown command; ? for help."),
    ]
}
