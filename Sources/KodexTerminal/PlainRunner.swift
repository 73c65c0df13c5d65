import KodexChecklist
import KodexModel

/// The line-by-line mode of `kodex run`: prompts a screen reader or a script can
/// follow. Each command's effect is printed only after it is on disk.
public struct PlainRunner {
    let codex: Codex
    let console: RunConsole
    let labels: TerminalLabels
    let width: Int
    let clock: @Sendable () -> Int64

    /// Creates a plain runner.
    public init(codex: Codex, console: RunConsole, width: Int = 80,
                clock: @escaping @Sendable () -> Int64 = ChecklistSession.systemClock) {
        self.codex = codex
        self.console = console
        self.labels = TerminalLabels(codex.manifest.locale)
        self.width = width
        self.clock = clock
    }

    /// The same runner, working from `codex`: the one that passed the check, in place of
    /// the one a preview was drawn from.
    public func using(_ codex: Codex) -> PlainRunner {
        PlainRunner(codex: codex, console: console, width: width, clock: clock)
    }

    private func say(_ text: String) { console.write(text + "\n") }

    // MARK: - Choosing

    /// Asks for a situation until one matches, or returns `nil` at the end of input.
    public func pickSituation() -> Situation? {
        var candidates = codex.situations
        while true {
            for (number, situation) in candidates.enumerated() {
                let kind = situation.knownKind?.title(in: codex.manifest.locale) ?? ""
                say("  \(number + 1). \(situation.title?.value ?? situation.id.value) [\(situation.id.value)] \(kind)")
            }
            console.write("\(labels["chooseSituation"]): ")
            guard let answer = console.readLine()?.trimmed else { return nil }
            if let number = Int(answer), candidates.indices.contains(number - 1) { return candidates[number - 1] }
            let matches = SituationFilter.matching(answer, in: codex.situations, locale: codex.manifest.locale)
            if matches.count == 1 { return matches[0] }
            if matches.isEmpty { say(labels["noMatch"]) } else { candidates = matches }
        }
    }

    /// Asks for a process when the situation has more than one.
    public func pickProcess(of situation: Situation) -> KodexModel.Process? {
        guard situation.processes.count > 1 else { return situation.processes.first }
        while true {
            for (number, process) in situation.processes.enumerated() {
                say("  \(number + 1). \(process.title?.value ?? process.id.value)")
            }
            console.write("\(labels["chooseProcess"]): ")
            guard let answer = console.readLine()?.trimmed else { return nil }
            if let number = Int(answer), situation.processes.indices.contains(number - 1) {
                return situation.processes[number - 1]
            }
        }
    }

    // MARK: - Running

    /// Shows the first step of `process` before its session starts, while the codex is
    /// still being checked; ``run(_:previewShown:)`` then goes on without showing it again.
    public func preview(_ situation: Situation, _ process: KodexModel.Process) {
        show(ChecklistState.starting(situation: situation, process: process, at: clock()))
    }

    /// Runs a session until the process ends or the agent quits; returns whether it ended.
    ///
    /// The step comes first and the session's id after it, in every start, so that the
    /// output is the same whether or not a preview showed the step.
    @discardableResult
    public func run(_ session: ChecklistSession, previewShown: Bool = false) -> Bool {
        if !previewShown { show(session.state) }
        say("\(labels["session"]): \(session.id)")
        while !session.state.isFinished {
            console.write("\(labels["prompt"])> ")
            guard let line = console.readLine() else {
                // End of input: keep everything and pause, so the session can be resumed.
                try? session.pause()
                say("")
                say(labels["paused"])
                return false
            }
            let command = line.trimmed
            if command == "q" || command == "quit" {
                do { try session.pause() } catch { say("! \(error.message)") }
                say(labels["paused"])
                return false
            }
            perform(command, on: session)
        }
        printSummary(session)
        return true
    }

    /// Prints the end-of-session summary.
    public func printSummary(_ session: ChecklistSession) {
        say("\(labels["finished"]): \(session.state.outcome ?? "")")
        for line in SummaryView(state: session.state, labels: labels, width: width, sessionID: session.id).lines {
            say(line)
        }
    }

    /// Prints how to take a paused session up again.
    public func printPaused() {
        say(labels["paused"])
    }

    private func show(_ state: ChecklistState) {
        say("")
        for line in StepView(codex: codex, state: state, labels: labels, width: width, now: clock()).lines {
            say(line.text)
        }
    }

    private func perform(_ command: String, on session: ChecklistSession) {
        let (verb, argument) = Self.split(command)
        let stepBefore = session.state.current
        do {
            switch verb {
            case "":
                return
            case "?", "h", "help":
                say(labels["helpText"])
            case "l", "look":
                show(session.state)
            case "n", "next":
                try moveOn(session)
            case "p", "back":
                try session.back()
                say("✓ \(labels["recorded"])")
            case "a", "note":
                let text = argument.isEmpty ? ask(labels["noteText"]) : argument
                guard let text else { return }
                try session.note(text)
                say("✓ \(labels["recorded"]): \(labels["noteText"].lowercased())")
            case "s", "skip":
                let reason = argument.isEmpty ? ask(labels["skipReason"]) : argument
                guard let reason else { return }
                try session.skip(reason: reason)
                say("✓ \(labels["recorded"])")
                try moveOn(session)
            case "r":
                guard let number = Int(argument), session.state.step.rules.indices.contains(number - 1) else {
                    say(labels["unknownCommand"])
                    return
                }
                let reference = session.state.step.rules[number - 1].value
                let rule = codex.rules.first { $0.id.value == reference }
                say(rule?.title?.value ?? reference)
                for line in TextLayout.wrap(rule?.text?.value ?? "", width: width, first: "  ") { say(line) }
            default:
                if verb.hasPrefix("b"), let number = Int(verb.dropFirst().isEmpty ? argument : String(verb.dropFirst())) {
                    try choose(number - 1, session)
                } else if let number = Int(verb) {
                    guard session.state.step.actions.indices.contains(number - 1) else {
                        say("! \(labels["unknownCommand"])")
                        return
                    }
                    try session.toggle(number - 1)
                    let done = session.state.checked[session.state.step.id.value]?.contains(number - 1) ?? false
                    say("✓ \(labels["recorded"]): \(number). [\(done ? "x" : " ")] \(session.state.step.actions[number - 1].text.value)")
                } else {
                    say(labels["unknownCommand"])
                }
            }
        } catch {
            say("! \(error.message)")
        }
        if session.state.current != stepBefore && !session.state.isFinished {
            show(session.state)
        }
    }

    private func moveOn(_ session: ChecklistSession) throws(ChecklistError) {
        if case .branches(let options) = session.state.nextMove {
            for (number, option) in options.enumerated() {
                say("  b\(number + 1). \(option.condition)")
            }
            return
        }
        try withConfirmation(session) { confirm throws(ChecklistError) in try session.next(confirmOpen: confirm) }
    }

    private func choose(_ number: Int, _ session: ChecklistSession) throws(ChecklistError) {
        try withConfirmation(session) { confirm throws(ChecklistError) in try session.choose(number, confirmOpen: confirm) }
    }

    /// Runs `move`; when required items are open, asks before leaving and records the answer.
    private func withConfirmation(_ session: ChecklistSession,
                                  _ move: (Bool) throws(ChecklistError) -> Void) throws(ChecklistError) {
        let open = session.state.openRequiredItems(of: session.state.current)
        if open.isEmpty || session.state.skipped[session.state.step.id.value] != nil {
            try move(false)
            say("✓ \(labels["recorded"])")
            return
        }
        let items = open.map { String($0 + 1) }.joined(separator: ", ")
        guard let answer = ask("\(labels["confirmOpen"]): \(items). \(labels["confirmQuestion"])") else { return }
        if answer.lowercased().hasPrefix(labels["yes"]) || answer.lowercased().hasPrefix("y") {
            try move(true)
            say("✓ \(labels["recorded"])")
        }
    }

    private func ask(_ question: String) -> String? {
        console.write(question + ": ")
        guard let answer = console.readLine()?.trimmed, !answer.isEmpty else { return nil }
        return answer
    }

    static func split(_ command: String) -> (String, String) {
        guard let space = command.firstIndex(of: " ") else { return (command.lowercased(), "") }
        return (command[..<space].lowercased(), String(command[command.index(after: space)...]).trimmed)
    }
}

/// Finds situations by title, id or kind, ignoring case and accents.
public enum SituationFilter {
    /// The situations whose title, id or kind contains every word of `query`.
    public static func matching(_ query: String, in situations: [Situation], locale: Manifest.Locale) -> [Situation] {
        let words = TextLayout.fold(query).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return situations }
        return situations.filter { situation in
            let haystack = TextLayout.fold([situation.title?.value ?? "", situation.id.value, situation.kind?.value ?? "",
                                            situation.knownKind?.title(in: locale) ?? ""].joined(separator: " "))
            return words.allSatisfy { haystack.contains($0) }
        }
    }
}
