import KodexModel

/// A word or sentence of `kodex run` and the paper checklist. Each has a Hungarian and
/// an English form, so a missing translation is a compile error, not a blank.
enum Word: CaseIterable {
    case process, step, goal, effect, checklist, optionalAction, touchpoint, touchpoints, say, avoid, timeTarget, deadline
    case rulesUsed, toolsUsed, role, branches, branchGoesTo, next, end, outcome, messages, messageSubject, goodExample
    case badExample, doNot, elapsed, chooseSituation, chooseSituationByText, chooseProcess, noMatch, prompt, recorded
    case confirmOpen, confirmQuestion, confirmQuit, yes, no, skipReason, noteText, paused, finished, summary, actionsDone
    case skippedSteps, timePerStep, over, notes, session, checking, leftOpen, stayed, branchTaken, undone, nothingToUndo
    case unknownCommand, plainHelp, branchNumber, moreBelow, moreAbove, error, done, open, warning, journalDamaged
    case tornLineEnded, codexChanged, ticksLost, legend, date, agent, ticket, signature, required
    case keyMove, keyToggle, keyNext, keyBranch, keyBack, keySkip, keyNote, keyUndo, keyRules, keyMessages, keyHelp
    case keyQuit, keyCancel, keyScroll, helpTitle, helpClose
    case helpMove, helpToggle, helpNumber, helpNext, helpBranch, helpBack, helpSkip, helpNote, helpUndo, helpRules
    case helpMessages, helpScroll, helpEsc, helpQuit, helpInterrupt, notRecorded, pasteStartsNote

    /// The word in Hungarian and in English.
    var forms: (hu: String, en: String) {
        switch self {
        case .process: ("Folyamat", "Process")
        case .step: ("Lépés", "Step")
        case .goal: ("Cél", "Goal")
        case .effect: ("Hatás", "Effect")
        case .checklist: ("Teendők", "Checklist")
        case .optionalAction: ("nem kötelező", "optional")
        case .touchpoint: ("Érintési pont", "Touchpoint")
        case .touchpoints: ("Érintési pontok", "Touchpoints")
        case .say: ("Mondja így", "Say")
        case .avoid: ("Kerülje", "Avoid")
        case .timeTarget: ("Időcél", "Time target")
        case .deadline: ("Határidő", "Deadline")
        case .rulesUsed: ("Szabályok", "Rules")
        case .toolsUsed: ("Eszközök", "Tools")
        case .role: ("Csak ez a szerepkör végezheti", "Only this role may do it")
        case .branches: ("Elágazás", "Branches")
        case .branchGoesTo: ("tovább ide", "goes to")
        case .next: ("Következő lépés", "Next step")
        case .end: ("A folyamat vége", "End of the process")
        case .outcome: ("Eredmény", "Outcome")
        case .messages: ("Üzenetsablonok", "Message templates")
        case .messageSubject: ("Tárgy", "Subject")
        case .goodExample: ("Jó példa", "Good example")
        case .badExample: ("Rossz példa", "Bad example")
        case .doNot: ("tilos", "do not")
        case .elapsed: ("eltelt", "elapsed")
        case .chooseSituation: ("Válasszon helyzetet (szám, vagy szöveg a szűréshez)", "Choose a situation (a number, or text to filter)")
        case .chooseSituationByText: ("Válasszon helyzetet (gépeljen a szűréshez)", "Choose a situation (type to filter)")
        case .chooseProcess: ("Válasszon folyamatot (szám)", "Choose a process (a number)")
        case .noMatch: ("Nincs ilyen helyzet.", "No such situation.")
        case .prompt: ("Parancs (? súgó)", "Command (? for help)")
        case .recorded: ("rögzítve", "recorded")
        case .confirmOpen: ("Kötelező teendők nyitva", "Required items are open")
        case .confirmQuestion: ("Mégis továbblép? (i/n)", "Leave anyway? (y/n)")
        case .confirmQuit: ("Szünetelteti a munkamenetet és kilép? (i/n)", "Pause the session and quit? (y/n)")
        case .yes: ("i", "y")
        case .no: ("n", "n")
        case .skipReason: ("A kihagyás oka (Enter: rögzít, Esc: mégse)", "Reason for skipping (Enter: record, Esc: cancel)")
        case .noteText: ("Jegyzet", "Note")
        case .paused: ("A munkamenet szünetel; folytatás: kodex run --resume", "Session paused; continue with: kodex run --resume")
        case .finished: ("A folyamat véget ért", "The process has ended")
        case .summary: ("Összegzés", "Summary")
        case .actionsDone: ("Elvégzett teendők", "Actions done")
        case .skippedSteps: ("Kihagyott lépések", "Skipped steps")
        case .timePerStep: ("Idő lépésenként", "Time per step")
        case .over: ("túllépve", "over")
        case .notes: ("Jegyzetek", "Notes")
        case .session: ("Munkamenet", "Session")
        case .checking: ("A kódex ellenőrzése… a billentyűk utána működnek", "Checking the codex… keys work once it passes")
        case .leftOpen: ("nyitva hagyva", "left open")
        case .stayed: ("Maradt a lépésen; a válasz rögzítve", "Stayed on the step; the answer is recorded")
        case .branchTaken: ("Választott elágazás", "Branch taken")
        case .undone: ("Visszavonva", "Undone")
        case .nothingToUndo: ("Nincs mit visszavonni", "Nothing to undo")
        case .unknownCommand: ("Ismeretlen parancs", "Unknown command")
        case .plainHelp: (
            "Parancsok: <szám> teendő ki/be · n tovább · b<szám> elágazás · p vissza · s <ok> kihagyás · a <szöveg> jegyzet · u visszavonás · r<szám> szabály részletei · m üzenetsablonok · l a lépés újra · ? súgó · q kilépés (szünet)",
            "Commands: <number> toggle item · n next · b<number> branch · p back · s <reason> skip · a <text> note · u undo · r<number> rule details · m message templates · l show the step again · ? help · q quit (pause)")
        case .branchNumber: ("Elágazás száma (Esc: mégse)", "Branch number (Esc: cancel)")
        case .moreBelow: ("lent még", "more below")
        case .moreAbove: ("fent még", "more above")
        case .error: ("Hiba", "Error")
        case .done: ("kész", "done")
        case .open: ("nyitva", "open")
        case .warning: ("Figyelem", "Warning")
        case .journalDamaged: ("a napló sérült sorai kimaradtak", "damaged journal lines were left out")
        case .tornLineEnded: ("a napló csonka utolsó sorát lezártam; az új események új sorba kerülnek",
                              "the journal's torn last line was ended; new events start on a line of their own")
        case .codexChanged: ("a kódex megváltozott a szünet óta; a pipák a teendők szövege szerint kerültek vissza",
                             "the codex changed since the pause; ticks were mapped to items by their text")
        case .ticksLost: ("pipa elveszett, mert a teendője már nincs a kódexben", "tick(s) dropped: their item is no longer in the codex")
        case .legend: ("Jelmagyarázat: [ ] teendő · ★ érintési pont: az ügyfél véleményét formálja · (nem kötelező) kihagyható teendő",
                       "Legend: [ ] item · ★ touchpoint: sways the customer's opinion · (optional) may be left out")
        case .date: ("Dátum", "Date")
        case .agent: ("Munkatárs", "Agent")
        case .ticket: ("Ügyfél / jegy", "Customer / ticket")
        case .signature: ("Aláírás", "Signature")
        case .required: ("kötelező", "required")
        case .keyMove: ("↑↓ mozgás", "↑↓ move")
        case .keyToggle: ("␣ pipa", "␣ tick")
        case .keyNext: ("↵ tovább", "↵ next")
        case .keyBranch: ("b elágazás", "b branch")
        case .keyBack: ("← vissza", "← back")
        case .keySkip: ("s kihagy", "s skip")
        case .keyNote: ("a jegyzet", "a note")
        case .keyUndo: ("u visszavon", "u undo")
        case .keyRules: ("r szabályok", "r rules")
        case .keyMessages: ("m üzenetek", "m messages")
        case .keyHelp: ("? súgó", "? help")
        case .keyQuit: ("q kilép", "q quit")
        case .keyCancel: ("Esc mégse", "Esc cancel")
        case .keyScroll: ("PgDn lapoz", "PgDn scroll")
        case .helpTitle: ("Billentyűk", "Keys")
        case .helpClose: ("Bármely billentyű: vissza a lépéshez", "Any key: back to the step")
        case .helpMove: ("↑ ↓, j k: mozgás a teendők között", "↑ ↓, j k: move between the items")
        case .helpToggle: ("szóköz, x: a kijelölt teendő ki/be", "space, x: tick or untick the selected item")
        case .helpNumber: ("1–9: az adott számú teendő kijelölése (szóköz pipálja)", "1–9: select the item with that number (space ticks it)")
        case .helpNext: ("Enter, →, n: tovább a következő lépésre", "Enter, →, n: on to the next step")
        case .helpBranch: ("b, majd a szám: elágazás választása", "b, then its number: choose a branch")
        case .helpBack: ("←, p: vissza az előző lépésre", "←, p: back to the previous step")
        case .helpSkip: ("s: kihagyás; az ok után Enter rögzíti", "s: skip; Enter after the reason records it")
        case .helpNote: ("a: jegyzet; Enter rögzíti", "a: note; Enter records it")
        case .helpUndo: ("u: az utolsó rögzített lépés visszavonása", "u: undo the last recorded change")
        case .helpRules: ("r: a szabályok részletei, példákkal", "r: rule details, with examples")
        case .helpMessages: ("m: a lépés üzenetsablonjai", "m: the step's message templates")
        case .helpScroll: ("PgUp, PgDn: lapozás", "PgUp, PgDn: scroll")
        case .helpEsc: ("Esc: a kérdés vagy a részletek bezárása", "Esc: close the question or the details")
        case .helpQuit: ("q: szünet és kilépés (rákérdez)", "q: pause and quit (asks first)")
        case .helpInterrupt: ("Ctrl-C: azonnali szünet és kilépés", "Ctrl-C: pause and quit at once")
        case .notRecorded: ("NEM rögzítve", "NOT recorded")
        case .pasteStartsNote: ("A beillesztett szöveg jegyzet lesz; Enter rögzíti, Esc elveti", "Pasted text becomes a note; Enter records it, Esc drops it")
        }
    }
}

/// The words of `kodex run` in the codex's language.
struct TerminalLabels {
    let locale: Manifest.Locale

    init(_ locale: Manifest.Locale) {
        self.locale = locale
    }

    subscript(_ word: Word) -> String {
        locale == .hu ? word.forms.hu : word.forms.en
    }

    /// `text` in the language's quotation marks.
    func quoted(_ text: String) -> String { locale.quoted(text) }

    /// Whether `answer` is a yes in the language (or in English, which every keyboard user knows).
    func isYes(_ answer: String) -> Bool {
        let folded = answer.lowercased()
        return folded.hasPrefix(self[.yes]) || folded.hasPrefix("y")
    }
}
