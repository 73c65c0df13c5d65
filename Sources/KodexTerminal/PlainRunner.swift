import KodexChecklist
import KodexModel

/// The line-by-line mode of `kodex run`: prompts a screen reader or a script can
/// follow. Each command's effect is printed only after it is on disk. Lines are not
/// wrapped (the reader or the terminal does that) and symbols are said in words.
public struct PlainRunner {
    let codex: Codex
    let console: RunConsole
    let labels: TerminalLabels
    let clock: @Sendable () -> Int64

    /// Lines are never cut or wrapped in plain mode: this is only how wide a summary may be.
    private let width = Int.max / 4

    /// Creates a plain runner.
    public init(codex: Codex, console: RunConsole,
                clock: @escaping @Sendable () -> Int64 = ChecklistSession.systemClock) {
        self.codex = codex
        self.console = console
        self.labels = TerminalLabels(codex.manifest.locale)
        self.clock = clock
    }

    /// The same runner, working from `codex`: the one that passed the check, in place of
    /// the one a preview was drawn from.
    public func using(_ codex: Codex) -> PlainRunner {
        PlainRunner(codex: codex, console: console, clock: clock)
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
            console.write("\(labels[.chooseSituation]): ")
            guard let answer = console.readLine()?.trimmed else { return nil }
            if let number = Int(answer), candidates.indices.contains(number - 1) { return candidates[number - 1] }
            let matches = SituationFilter.matching(answer, in: codex.situations, locale: codex.manifest.locale)
            if matches.count == 1 { return matches[0] }
            if matches.isEmpty { say(labels[.noMatch]) } else { candidates = matches }
        }
    }

    /// Asks for a process when the situation has more than one.
    public func pickProcess(of situation: Situation) -> KodexModel.Process? {
        guard situation.processes.count > 1 else { return situation.processes.first }
        while true {
            for (number, process) in situation.processes.enumerated() {
                say("  \(number + 1). \(process.title?.value ?? process.id.value)")
            }
            console.write("\(labels[.chooseProcess]): ")
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
        for notice in ResumeNoticeText(labels: labels).lines(session.resumeNotices) { say(notice) }
        if !previewShown { show(session.state) }
        say("\(labels[.session]): \(session.id)")
        while !session.state.isFinished {
            console.write("\(labels[.prompt])> ")
            guard let line = console.readLine() else {
                // End of input: keep everything and pause, so the session can be resumed.
                try? session.pause()
                say("")
                say(labels[.paused])
                return false
            }
            let command = line.trimmed
            if command == "q" || command == "quit" {
                guard let answer = ask(labels[.confirmQuit]) else { continue }
                guard labels.isYes(answer) else { continue }
                do { try session.pause() } catch { report(error) }
                say(labels[.paused])
                return false
            }
            perform(command, on: session)
        }
        printSummary(session)
        return true
    }

    /// Prints the end-of-session summary.
    public func printSummary(_ session: ChecklistSession) {
        say("\(labels[.finished]): \(session.state.outcome ?? "")")
        for line in SummaryView(state: session.state, labels: labels, width: width, sessionID: session.id).lines {
            say(line)
        }
    }

    /// Prints how to take a paused session up again.
    public func printPaused() {
        say(labels[.paused])
    }

    private func show(_ state: ChecklistState, messages: Bool = false) {
        say("")
        var view = StepView(codex: codex, state: state, labels: labels, width: width, now: clock())
        view.plain = true
        view.showMessages = messages
        for line in view.lines { say(line.text) }
    }

    private func recorded(_ detail: String = "") {
        let word = labels[.recorded]
        say((word.prefix(1).uppercased() + word.dropFirst()) + (detail.isEmpty ? "." : ": " + detail))
    }

    private func report(_ error: ChecklistError) {
        if case .journal = error.reason {
            say("\(labels[.notRecorded]): \(error.message(in: labels.locale))")
        } else {
            say("\(labels[.error]): \(error.message(in: labels.locale))")
        }
    }

    private func perform(_ command: String, on session: ChecklistSession) {
        let (verb, argument) = Self.split(command)
        let stepBefore = session.state.current
        do throws(ChecklistError) {
            switch verb {
            case "":
                return
            case "?", "h", "help":
                say(labels[.plainHelp])
            case "l", "look":
                show(session.state)
            case "m":
                show(session.state, messages: true)
            case "n", "next":
                try moveOn(session)
            case "p", "back":
                try session.back()
                recorded()
            case "u", "undo":
                let undone = try session.undo()
                say("\(labels[.undone]): \(EventText(labels: labels, state: session.state).describe(undone))")
            case "a", "note":
                let text = argument.isEmpty ? ask(labels[.noteText]) : argument
                guard let text else { return }
                try session.note(text)
                recorded(labels[.noteText].lowercased())
            case "s", "skip":
                let reason = argument.isEmpty ? ask(labels[.skipReason]) : argument
                guard let reason else { return }
                try session.skip(reason: reason)
                recorded()
                try moveOn(session)
            default:
                if let number = Self.number(after: "r", verb: verb, argument: argument) {
                    showRule(number, session)
                } else if let number = Self.number(after: "b", verb: verb, argument: argument) {
                    try session.validateBranch(number - 1)
                    try withConfirmation(session) { confirm throws(ChecklistError) in
                        try session.choose(number - 1, confirmOpen: confirm)
                    }
                } else if let number = Int(verb), argument.isEmpty {
                    try session.toggle(number - 1)
                    let done = session.state.checked[session.state.step.id.value]?.contains(number - 1) ?? false
                    recorded("\(number). \(done ? labels[.done] : labels[.open]): \(session.state.step.actions[number - 1].text.value)")
                } else {
                    say("\(labels[.unknownCommand]): \(labels.quoted(command)). \(labels[.plainHelp])")
                }
            }
        } catch {
            report(error)
        }
        if session.state.current != stepBefore && !session.state.isFinished {
            show(session.state)
        }
    }

    /// The number of a command written `r1`, `r 1`, `b2` or `b 2`.
    static func number(after letter: String, verb: String, argument: String) -> Int? {
        guard verb.hasPrefix(letter) else { return nil }
        let rest = verb.dropFirst(letter.count)
        if rest.isEmpty { return Int(argument) }
        return argument.isEmpty ? Int(rest) : nil
    }

    private func showRule(_ number: Int, _ session: ChecklistSession) {
        guard session.state.step.rules.indices.contains(number - 1) else {
            say("\(labels[.unknownCommand]): r\(number). \(labels[.plainHelp])")
            return
        }
        let reference = session.state.step.rules[number - 1].value
        guard let rule = codex.rules.first(where: { $0.id.value == reference }) else {
            say(reference)
            return
        }
        say((rule.kind == .dont ? "(\(labels[.doNot])) " : "") + (rule.title?.value ?? reference))
        if let text = rule.text?.value { say(text.replacingOccurrences(of: "**", with: "")) }
        for example in rule.goodExamples { say("\(labels[.goodExample]): \(labels.quoted(example.value))") }
        for example in rule.badExamples { say("\(labels[.badExample]): \(labels.quoted(example.value))") }
    }

    private func moveOn(_ session: ChecklistSession) throws(ChecklistError) {
        if case .branches(let options) = session.state.nextMove {
            say("\(labels[.branches]):")
            for (number, option) in options.enumerated() {
                let target = session.state.process.steps[option.step].title?.value ?? ""
                say("  b\(number + 1). \(option.condition), \(labels[.branchGoesTo]): \(target)")
            }
            return
        }
        try withConfirmation(session) { confirm throws(ChecklistError) in try session.next(confirmOpen: confirm) }
    }

    /// Runs `move`; when required items are open, asks before leaving and records the
    /// answer, "no" included.
    private func withConfirmation(_ session: ChecklistSession,
                                  _ move: (Bool) throws(ChecklistError) -> Void) throws(ChecklistError) {
        let open = session.openActionsOnLeaving
        if open.isEmpty {
            try move(false)
            recorded()
            return
        }
        let items = open.map { String($0 + 1) }.joined(separator: ", ")
        guard let answer = ask("\(labels[.confirmOpen]): \(items). \(labels[.confirmQuestion])") else { return }
        if labels.isYes(answer) {
            try move(true)
            recorded()
        } else {
            try session.stay()
            say(labels[.stayed])
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
    /// What a situation named on the command line comes to.
    public enum Lookup {
        /// Exactly one situation: its id, or the only one whose words match.
        case found(Situation)
        /// Several match: the agent must choose among them.
        case several([Situation])
        /// None matches.
        case none
    }

    /// The situation `query` names: its exact id first, else every situation whose
    /// title, id or kind holds all of its words.
    public static func find(_ query: String, in situations: [Situation], locale: Manifest.Locale) -> Lookup {
        if let exact = situations.first(where: { $0.id.value == query }) { return .found(exact) }
        let matches = matching(query, in: situations, locale: locale)
        switch matches.count {
        case 0: return .none
        case 1: return .found(matches[0])
        default: return .several(matches)
        }
    }

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
