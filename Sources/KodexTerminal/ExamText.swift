import KodexModel
import KodexQuiz

/// What `kodex quiz take` says, in the codex's language.
struct ExamText {
    let locale: Manifest.Locale
    private var hu: Bool { locale == .hu }

    var codexHasErrors: String {
        hu ? "a kódexben hibák vannak; a `kodex check` megmutatja őket" : "the codex has errors; `kodex check` shows them"
    }

    func noSituation(_ query: String) -> String {
        hu ? "egyetlen helyzet sem illik erre: „\(query)” (azonosító vagy a cím szavai)"
           : "no one situation matches “\(query)” (an id, or words of its title)"
    }

    var noQuestions: String {
        hu ? "nincs vizsgára kész kérdés (`status: ready`): futtassa a `kodex quiz generate`-et, és nézze át a bankot (vagy --drafts)"
           : "no question is ready for an exam (`status: ready`): run `kodex quiz generate` and review the bank (or --drafts)"
    }

    func heading(title: String, agent: String, count: Int) -> String {
        hu ? "Vizsga: \(title) – \(agent), \(count) kérdés" : "Exam: \(title) – \(agent), \(count) questions"
    }

    func counter(_ progress: (answered: Int, total: Int)) -> String {
        "[\(progress.answered + 1)/\(progress.total)]"
    }

    func resumed(_ progress: (answered: Int, total: Int)) -> String {
        hu ? "Folytatás: \(progress.total) kérdésből \(progress.answered) már megválaszolva."
           : "Taken up again: \(progress.answered) of \(progress.total) questions already answered."
    }

    func paused(_ progress: (answered: Int, total: Int)) -> String {
        hu ? "A vizsga megállt \(progress.answered)/\(progress.total) válasznál; minden válasz mentve. Folytatás: ugyanez a parancs."
           : "The exam stopped at \(progress.answered)/\(progress.total) answers; every answer is saved. To go on, run the same command."
    }

    func choicePrompt(_ count: Int) -> String { hu ? "Válasz (1–\(count))" : "Answer (1–\(count))" }
    func orderPrompt(_ count: Int) -> String {
        hu ? "Sorrend (a \(count) szám, szóközzel, pl. 2 1 3)" : "Order (all \(count) numbers, spaced, e.g. 2 1 3)"
    }

    func invalid(_ count: Int, ordering: Bool) -> String {
        ordering
            ? (hu ? "Mind a(z) \(count) számot írja be egyszer, a helyes sorrendben." : "Type each of the \(count) numbers once, in the right order.")
            : (hu ? "Egy számot írjon 1 és \(count) között." : "Type one number from 1 to \(count).")
    }

    var choiceKeys: String { hu ? "↑↓ vagy szám: választás · Enter: válasz · Esc: szünet" : "↑↓ or a number: choose · Enter: answer · Esc: pause" }
    var orderKeys: String {
        hu ? "↑↓ vagy szám: választás · Enter: ez következik · Backspace: vissza · Esc: szünet"
           : "↑↓ or a number: choose · Enter: this comes next · Backspace: take back · Esc: pause"
    }

    var pasteIgnored: String { hu ? "A beillesztett szöveg nem válasz; válasszon a nyilakkal." : "Pasted text is not an answer; choose with the arrows." }

    /// The result: score, pass or fail, and every question answered wrong with its right answer.
    func summary(_ session: ExamSession, passMark: Int) -> String {
        let record = session.record
        let total = record.questions.count
        let percent = record.percent
        let passed = percent >= passMark
        // The wrong answers first and the result last, so the last line on screen is the score.
        var lines: [String] = []
        let wrong = record.questions.filter { record.answers[$0]?.right == false }
        if !wrong.isEmpty {
            lines.append(hu ? "\nAmit érdemes átnézni:" : "\nWorth going over:")
            for id in wrong {
                guard let question = session.questions[id] else { continue }
                let right = question.isOrdering ? question.order.joined(separator: " → ") : question.rightAnswer ?? ""
                lines.append("  • " + question.ask)
                lines.append("    " + (hu ? "helyesen: " : "right: ") + right)
            }
        }
        lines.append(hu
            ? "\nEredmény: \(record.score)/\(total) helyes (\(percent)%), a követelmény \(passMark)%: \(passed ? "MEGFELELT" : "NEM FELELT MEG")"
            : "\nResult: \(record.score)/\(total) right (\(percent)%), the pass mark \(passMark)%: \(passed ? "PASSED" : "NOT PASSED")")
        return lines.joined(separator: "\n") + "\n"
    }
}
