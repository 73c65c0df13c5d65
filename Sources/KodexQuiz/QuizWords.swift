import KodexModel

/// The words of generated questions and of the exports, in the codex's language.
struct QuizWords: Sendable {
    let locale: Manifest.Locale
    private var hu: Bool { locale == .hu }

    func quoted(_ text: String) -> String { locale.quoted(text) }

    func bannedInstead(_ phrase: String) -> String {
        hu ? "Mit mondunk e helyett: \(quoted(phrase))?" : "What do we say instead of \(quoted(phrase))?"
    }

    func sayOrAvoid(step: String, phrase: String) -> String {
        hu ? "Ebben a lépésben: \(quoted(step)) – mondjuk vagy kerüljük ezt: \(quoted(phrase))?"
           : "In the step \(quoted(step)), do we say or avoid \(quoted(phrase))?"
    }

    var say: String { hu ? "Mondjuk" : "Say it" }
    var avoid: String { hu ? "Kerüljük" : "Avoid it" }

    func stepGoal(_ step: String) -> String {
        hu ? "Mi a célja ennek a lépésnek: \(quoted(step))?" : "What is the goal of the step \(quoted(step))?"
    }

    func stepEffect(_ step: String) -> String {
        hu ? "Milyen hatást kell tennie az ügyfélre ennek a lépésnek: \(quoted(step))?"
           : "What effect must the step \(quoted(step)) have on the customer?"
    }

    func stepOrder(_ process: String) -> String {
        hu ? "Tegye sorrendbe ennek a folyamatnak a lépéseit: \(quoted(process))!"
           : "Put the steps of the process \(quoted(process)) in order."
    }

    func touchpointImpression(_ detail: String, step: String) -> String {
        hu ? "Ebben a lépésben: \(quoted(step)) – milyen benyomást kell hagynia ennek: \(quoted(detail))?"
           : "In the step \(quoted(step)), what impression must \(quoted(detail)) leave?"
    }

    func stepRole(_ step: String) -> String {
        hu ? "Ki végezheti el ezt a lépést: \(quoted(step))?" : "Who may perform the step \(quoted(step))?"
    }

    func timeTarget(_ step: String, what: String?) -> String {
        let subject = what.map { "\(quoted(step)) (\($0))" } ?? quoted(step)
        return hu ? "Mennyi idő áll rendelkezésre ebben a lépésben: \(subject)?" : "How long does the agent have in the step \(subject)?"
    }

    func expectationMetBy(_ expectation: String) -> String {
        hu ? "Melyik szabály vagy eszköz felel meg ennek az ügyfélelvárásnak: \(quoted(expectation))?"
           : "Which rule or tool meets the customer's expectation \(quoted(expectation))?"
    }

    func branchTarget(step: String, condition: String) -> String {
        hu ? "Ebben a lépésben: \(quoted(step)) – melyik lépés következik ebben az esetben: \(quoted(condition))?"
           : "In the step \(quoted(step)), which step comes next in this case: \(quoted(condition))?"
    }

    /// The category of questions no single situation owns.
    var shared: String { hu ? "Közös" : "Shared" }
}
