import Foundation
import KodexChecklist
import KodexModel

/// The full-screen mode of `kodex run`: the current step at a glance, worked from the
/// keyboard alone.
///
/// No single stray key records a consequential decision: a branch takes `b` and its
/// number, a skip takes `s`, a reason and Enter, leaving open items and quitting ask
/// first, and Esc only ever closes what is open. Pasted text is text, never keys.
public final class FullScreenRunner {
    private var codex: Codex
    private let labels: TerminalLabels
    private let color: Bool
    private let clock: @Sendable () -> Int64
    private let terminal: RawTerminal
    private var cursor = 0
    private var scroll = 0
    private var showRules = false
    private var showMessages = false
    private var status = ""
    private var statusStyle: StyledLine.Style = .dim

    /// Takes over the terminal; it is restored when the runner goes away.
    public init(codex: Codex, color: Bool, clock: @escaping @Sendable () -> Int64 = ChecklistSession.systemClock) throws {
        self.codex = codex
        self.labels = TerminalLabels(codex.manifest.locale)
        self.color = color
        self.clock = clock
        terminal = try RawTerminal()
    }

    /// Gives the terminal back before the caller prints anything.
    public func close() { terminal.restore() }

    // MARK: - Picker

    /// Lets the agent filter and pick a situation; `nil` when they quit.
    public func pickSituation() -> Situation? {
        var query = ""
        var selected = 0
        while !terminationRequested {
            let matches = SituationFilter.matching(query, in: codex.situations, locale: codex.manifest.locale)
            selected = min(selected, max(0, matches.count - 1))
            let (columns, rows) = terminal.size
            var lines = [styled(TextLayout.cut(labels[.chooseSituationByText], to: columns), .heading),
                         TextLayout.cut("> " + query, to: columns), ""]
            let visible = max(1, rows - 5)
            let first = max(0, selected - visible + 1)
            for (index, situation) in matches.enumerated().dropFirst(first).prefix(visible) {
                let kind = situation.knownKind?.title(in: codex.manifest.locale) ?? ""
                let text = TextLayout.cut("\(index == selected ? "▶ " : "  ")\(situation.title?.value ?? situation.id.value) · \(kind)", to: columns)
                lines.append(index == selected ? styled(text, .selected) : text)
            }
            if matches.isEmpty { lines.append(labels[.noMatch]) }
            draw(lines, footer: ["", "↑↓ · Enter · Esc"])
            guard let key = terminal.readKey(timeout: 500) else { continue }
            switch key {
            case .up: selected = max(0, selected - 1)
            case .down: selected += 1
            case .enter: if matches.indices.contains(selected) { return matches[selected] }
            case .escape, .control(3): return nil
            case .backspace: if !query.isEmpty { query.removeLast() }
            case .character(let character): query.append(character); selected = 0
            case .paste(let text): query += Self.oneLine(text); selected = 0
            default: break
            }
        }
        return nil
    }

    /// Lets the agent pick a process when the situation has several.
    public func pickProcess(of situation: Situation) -> KodexModel.Process? {
        guard situation.processes.count > 1 else { return situation.processes.first }
        var selected = 0
        while !terminationRequested {
            let columns = terminal.size.columns
            var lines = [styled(TextLayout.cut(labels[.chooseProcess], to: columns), .heading), ""]
            for (index, process) in situation.processes.enumerated() {
                let text = TextLayout.cut("\(index == selected ? "▶ " : "  ")\(index + 1). \(process.title?.value ?? process.id.value)", to: columns)
                lines.append(index == selected ? styled(text, .selected) : text)
            }
            draw(lines, footer: ["", "↑↓ · 1–\(situation.processes.count) · Enter · Esc"])
            guard let key = terminal.readKey(timeout: 500) else { continue }
            switch key {
            case .up: selected = max(0, selected - 1)
            case .down: selected = min(situation.processes.count - 1, selected + 1)
            case .enter: return situation.processes[selected]
            case .character(let character):
                if let number = character.wholeNumberValue, situation.processes.indices.contains(number - 1) {
                    return situation.processes[number - 1]
                }
            case .escape, .control(3): return nil
            default: break
            }
        }
        return nil
    }

    // MARK: - Steps

    /// Shows the first step of `process` before its session starts, while the codex is
    /// still being checked (`checking`) or while the journal is being created. Keys pressed
    /// meanwhile wait in the terminal until ``run(_:)``.
    public func preview(_ situation: Situation, _ process: KodexModel.Process, checking: Bool = true) {
        render(ChecklistState.starting(situation: situation, process: process, at: clock()),
               footer: ["", checking ? labels[.checking] : ""])
    }

    /// Uses `codex`, the one that passed the check, from now on in place of the one the
    /// preview was drawn from.
    public func use(_ codex: Codex) {
        self.codex = codex
    }

    /// What a key asks of the loop.
    private enum Outcome { case stay, quit }

    /// Runs the session until the process ends or the agent quits; returns whether it ended.
    @discardableResult
    public func run(_ session: ChecklistSession) -> Bool {
        let notices = ResumeNoticeText(labels: labels).lines(session.resumeNotices)
        if !notices.isEmpty { say(notices.joined(separator: " · "), .warning) }
        var lastStep = session.state.current
        while !session.state.isFinished {
            if terminationRequested {
                try? session.pause()
                return false
            }
            if lastStep != session.state.current {
                lastStep = session.state.current
                cursor = 0
                scroll = 0
            }
            render(session)
            guard let key = terminal.readKey(timeout: 1000) else { continue }
            if handle(key, session) == .quit {
                try? session.pause()
                return false
            }
        }
        return true
    }

    private func handle(_ key: Key, _ session: ChecklistSession) -> Outcome {
        let state = session.state
        do throws(ChecklistError) {
            switch key {
            case .up, .character("k"): cursor = max(0, cursor - 1)
            case .down, .character("j"): cursor = min(max(0, state.step.actions.count - 1), cursor + 1)
            case .pageDown, .character("+"): scroll += max(1, terminal.size.rows / 2)
            case .pageUp, .character("-"): scroll = max(0, scroll - max(1, terminal.size.rows / 2))
            case .home: scroll = 0
            case .end: scroll = Int.max / 2
            case .character(" "), .character("x"):
                guard state.step.actions.indices.contains(cursor) else { return .stay }
                try session.toggle(cursor)
                say("✓ \(labels[.recorded])")
            case .character(let character) where character.isASCII && character.wholeNumberValue != nil:
                // A digit names an item, as in plain mode, and only selects it: ticking
                // takes space, a branch takes `b` first. One stray digit records nothing.
                guard let number = character.wholeNumberValue, state.step.actions.indices.contains(number - 1) else {
                    throw ChecklistError(.noSuchAction(number: character.wholeNumberValue ?? 0))
                }
                cursor = number - 1
                status = ""
            case .right, .enter, .character("n"):
                if case .branches = state.nextMove { throw ChecklistError(.chooseBranch) }
                try move(session) { confirm throws(ChecklistError) in try session.next(confirmOpen: confirm) }
            case .character("b"):
                guard case .branches(let options) = state.nextMove else { throw ChecklistError(.noBranches) }
                guard let number = askBranch(count: options.count, session) else { return .stay }
                try session.validateBranch(number - 1)
                try move(session) { confirm throws(ChecklistError) in try session.choose(number - 1, confirmOpen: confirm) }
            case .left, .character("p"):
                try session.back()
                say("✓ \(labels[.recorded])")
            case .character("s"):
                guard let reason = prompt(labels[.skipReason], session) else { return .stay }
                try session.skip(reason: reason)
                say("✓ \(labels[.recorded])")
                if case .branches = session.state.nextMove { return .stay }
                try session.next()
            case .character("a"):
                guard let text = prompt(labels[.noteText], session) else { return .stay }
                try session.note(text)
                say("✓ \(labels[.recorded]): \(labels[.noteText].lowercased())")
            case .paste(let text):
                // A paste is never a command: it starts a note, recorded only on Enter.
                guard let note = prompt(labels[.pasteStartsNote], session, initial: Self.oneLine(text)) else { return .stay }
                try session.note(note)
                say("✓ \(labels[.recorded]): \(labels[.noteText].lowercased())")
            case .character("u"):
                let undone = try session.undo()
                say("↶ \(labels[.undone]): \(EventText(labels: labels, state: session.state).describe(undone))")
            case .character("r"): showRules.toggle()
            case .character("m"): showMessages.toggle()
            case .character("?"), .character("h"): showHelp(session)
            case .character("q"), .control(4):
                if confirm(labels[.confirmQuit], session) == true { return .quit }
                status = ""
            case .control(3): return .quit
            case .escape:
                showRules = false
                showMessages = false
                status = ""
            default: break
            }
        } catch {
            failed(error)
        }
        return .stay
    }

    private func failed(_ error: ChecklistError) {
        if case .journal = error.reason {
            say("✗ \(labels[.notRecorded]): \(error.message(in: labels.locale))", .warning)
        } else {
            say("! \(error.message(in: labels.locale))", .warning)
        }
    }

    private func say(_ text: String, _ style: StyledLine.Style = .dim) {
        status = text
        statusStyle = style
    }

    /// Leaves the step by `action`; when required items are open, asks first and records
    /// the answer either way.
    private func move(_ session: ChecklistSession, _ action: (Bool) throws(ChecklistError) -> Void) throws(ChecklistError) {
        let open = session.openActionsOnLeaving
        if open.isEmpty {
            try action(false)
            say("✓ \(labels[.recorded])")
            return
        }
        let items = open.map { String($0 + 1) }.joined(separator: ", ")
        switch confirm("\(labels[.confirmOpen]): \(items). \(labels[.confirmQuestion])", session) {
        case true?:
            try action(true)
            say("✓ \(labels[.recorded])")
        case false?:
            try session.stay()
            say(labels[.stayed])
        case nil:
            status = ""
        }
    }

    /// Asks a yes-or-no question at the bottom; `nil` when Esc cancels it. Other keys are
    /// ignored, so that typing on cannot answer it.
    private func confirm(_ question: String, _ session: ChecklistSession) -> Bool? {
        say(question, .warning)
        while !terminationRequested {
            render(session)
            guard let key = terminal.readKey(timeout: 1000) else { continue }
            switch key {
            case .character(let character):
                let answer = String(character)
                if labels.isYes(answer) { return true }
                if answer.lowercased() == labels[.no] { return false }
            case .escape, .control(3): return nil
            default: continue
            }
        }
        return nil
    }

    /// Reads a branch number after `b`: one digit when there are nine or fewer branches,
    /// otherwise digits and Enter. `nil` when cancelled.
    private func askBranch(count: Int, _ session: ChecklistSession) -> Int? {
        var digits = ""
        while !terminationRequested {
            say("\(labels[.branchNumber]) 1–\(count): \(digits)▏", .warning)
            render(session)
            guard let key = terminal.readKey(timeout: 1000) else { continue }
            switch key {
            case .character(let character) where character.isASCII && character.wholeNumberValue != nil:
                digits.append(character)
                if count <= 9 || digits.count >= String(count).count { return Int(digits) }
            case .enter: if let number = Int(digits) { return number }
            case .backspace: if !digits.isEmpty { digits.removeLast() }
            case .escape, .control(3):
                status = ""
                return nil
            default: continue
            }
        }
        return nil
    }

    /// Reads a line of text at the bottom of the screen; `nil` when cancelled with Esc or
    /// Ctrl-C. A paste goes into the text as it is, on one line.
    private func prompt(_ question: String, _ session: ChecklistSession, initial: String = "") -> String? {
        var text = initial
        while !terminationRequested {
            let columns = terminal.size.columns
            let label = "\(question): "
            // The end of a long text stays in view, where the agent is typing.
            let room = max(10, columns - TextLayout.width(label) - 1)
            var shown = text
            while TextLayout.width(shown) > room { shown.removeFirst() }
            say(label + shown + "▏", .plain)
            render(session)
            guard let key = terminal.readKey(timeout: 1000) else { continue }
            switch key {
            case .enter:
                status = ""
                return text.trimmed.isEmpty ? nil : text
            case .escape, .control(3):
                status = ""
                return nil
            case .backspace: if !text.isEmpty { text.removeLast() }
            case .character(let character): text.append(character)
            case .paste(let pasted): text += Self.oneLine(pasted)
            case .tab: text.append(" ")
            default: break
            }
        }
        return nil
    }

    /// Pasted text on one line: line breaks and tabs become spaces, other control
    /// characters are dropped.
    static func oneLine(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                if result.last != " " { result.append(" ") }
            } else if scalar.properties.generalCategory != .control {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private func showHelp(_ session: ChecklistSession) {
        let entries: [Word] = [.helpMove, .helpToggle, .helpNumber, .helpNext, .helpBranch, .helpBack, .helpSkip, .helpNote,
                               .helpUndo, .helpRules, .helpMessages, .helpScroll, .helpEsc, .helpQuit, .helpInterrupt]
        while !terminationRequested {
            // Drawn again while it waits, so that a resize redraws it at the new size.
            let columns = terminal.size.columns
            var lines = [styled(TextLayout.cut(labels[.helpTitle], to: columns), .heading), ""]
            for entry in entries {
                lines.append(TextLayout.cut("  " + labels[entry], to: columns))
            }
            draw(lines, footer: ["", TextLayout.cut(labels[.helpClose], to: columns)])
            if terminal.readKey(timeout: 1000) != nil { return }
        }
    }

    // MARK: - Drawing

    private func render(_ session: ChecklistSession) {
        render(session.state, footer: [status, keyBar(session.state)])
    }

    /// The keys valid on this step, most needed first, as many as fit; `? help` and
    /// `q quit` always show.
    private func keyBar(_ state: ChecklistState) -> String {
        let columns = terminal.size.columns
        var keys: [Word] = []
        if !state.step.actions.isEmpty { keys.append(.keyToggle) }
        if case .branches = state.nextMove { keys.append(.keyBranch) } else { keys.append(.keyNext) }
        keys += [.keySkip, .keyNote, .keyUndo]
        if state.trail.count > 1 { keys.append(.keyBack) }
        if !state.step.rules.isEmpty { keys.append(.keyRules) }
        if !state.step.messages.isEmpty { keys.append(.keyMessages) }
        if state.step.actions.count > 1 { keys.append(.keyMove) }
        let fixed = "  " + labels[.keyHelp] + "  " + labels[.keyQuit]
        var bar = ""
        for key in keys {
            let next = bar.isEmpty ? labels[key] : bar + "  " + labels[key]
            if TextLayout.width(next + fixed) > columns { break }
            bar = next
        }
        return bar + fixed
    }

    private func render(_ state: ChecklistState, footer: [String]) {
        let (columns, rows) = terminal.size
        var view = StepView(codex: codex, state: state, labels: labels, width: columns, now: clock())
        view.cursor = cursor
        view.showRuleDetails = showRules
        view.showMessages = showMessages
        let header = view.header.map { styled($0.text, $0.style) }
        let body = view.body
        let bodyRows = max(1, rows - header.count - footer.count)
        var visible: [String]
        if body.count <= bodyRows {
            scroll = 0
            visible = body.map { styled($0.text, $0.style) }
        } else {
            // One row at each end may be a marker, so the content shown is shorter.
            let room = max(1, bodyRows - 2)
            if let selected = body.firstIndex(where: { $0.style == .selected }), cursor > 0 || scroll > 0 {
                if selected < scroll { scroll = selected }
                if selected >= scroll + room { scroll = selected - room + 1 }
            }
            scroll = min(scroll, body.count - room)
            let above = scroll
            let below = body.count - scroll - room
            visible = []
            if bodyRows >= 3 {
                visible.append(above > 0 ? styled(TextLayout.cut("▲ \(labels[.moreAbove]): \(above) · PgUp", to: columns), .dim) : "")
            }
            visible += body[scroll..<min(body.count, scroll + room)].map { styled($0.text, $0.style) }
            if below > 0 {
                visible.append(styled(TextLayout.cut("▼ \(labels[.moreBelow]): \(below) · PgDn", to: columns), .warning))
            }
        }
        let footerLines = footer.enumerated().map { index, text in
            styled(TextLayout.cut(text, to: columns), index == 0 ? statusStyle : .dim)
        }
        draw(header + visible, footer: footerLines, bodyRows: rows - footer.count)
    }

    private func draw(_ lines: [String], footer: [String], bodyRows: Int? = nil) {
        let rows = terminal.size.rows
        let body = max(1, bodyRows ?? (rows - footer.count))
        var screen = "\u{1B}[H"
        for index in 0..<body {
            screen += (index < lines.count ? lines[index] : "") + "\u{1B}[K\r\n"
        }
        for (index, line) in footer.enumerated() {
            screen += line + "\u{1B}[K" + (index < footer.count - 1 ? "\r\n" : "")
        }
        terminal.emit(screen + "\u{1B}[J")
    }

    private func styled(_ text: String, _ style: StyledLine.Style) -> String {
        guard color else { return text }
        let code: String
        switch style {
        case .plain: return text
        case .heading: code = "1"
        case .touchpoint: code = "1;33"
        case .dim: code = "2"
        case .warning: code = "1;31"
        case .selected: code = "7"
        case .good: code = "32"
        case .bad: code = "31"
        }
        return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
    }
}
