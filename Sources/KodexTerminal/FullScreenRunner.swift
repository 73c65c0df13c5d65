import Foundation
import KodexChecklist
import KodexModel

/// The full-screen mode of `kodex run`: the current step at a glance, worked from the
/// keyboard alone.
public final class FullScreenRunner {
    private var codex: Codex
    private let labels: TerminalLabels
    private let color: Bool
    private let clock: @Sendable () -> Int64
    private let terminal: RawTerminal
    private var cursor = 0
    private var scroll = 0
    private var showRules = false
    private var status = ""

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
        while terminationRequested == 0 {
            let matches = SituationFilter.matching(query, in: codex.situations, locale: codex.manifest.locale)
            selected = min(selected, max(0, matches.count - 1))
            let (columns, rows) = terminal.size
            var lines = [styled(labels["chooseSituation"], .heading), "> " + query, ""]
            for (index, situation) in matches.prefix(max(1, rows - 5)).enumerated() {
                let kind = situation.knownKind?.title(in: codex.manifest.locale) ?? ""
                let text = TextLayout.cut("\(index == selected ? "▶ " : "  ")\(situation.title?.value ?? situation.id.value) · \(kind)", to: columns)
                lines.append(index == selected ? styled(text, .selected) : text)
            }
            if matches.isEmpty { lines.append(labels["noMatch"]) }
            draw(lines, footer: "↑↓ · Enter · Esc")
            guard let key = terminal.readKey(timeout: 500) else { continue }
            switch key {
            case .up: selected = max(0, selected - 1)
            case .down: selected += 1
            case .enter: if matches.indices.contains(selected) { return matches[selected] }
            case .escape, .control(3): return nil
            case .backspace: if !query.isEmpty { query.removeLast() }
            case .character(let character): query.append(character); selected = 0
            default: break
            }
        }
        return nil
    }

    /// Lets the agent pick a process when the situation has several.
    public func pickProcess(of situation: Situation) -> KodexModel.Process? {
        guard situation.processes.count > 1 else { return situation.processes.first }
        var selected = 0
        while terminationRequested == 0 {
            var lines = [styled(labels["chooseProcess"], .heading), ""]
            for (index, process) in situation.processes.enumerated() {
                let text = "\(index == selected ? "▶ " : "  ")\(index + 1). \(process.title?.value ?? process.id.value)"
                lines.append(index == selected ? styled(text, .selected) : text)
            }
            draw(lines, footer: "↑↓ · Enter · Esc")
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
    /// still being checked. Keys pressed meanwhile wait in the terminal until ``run(_:)``.
    public func preview(_ situation: Situation, _ process: KodexModel.Process) {
        render(ChecklistState.starting(situation: situation, process: process, at: clock()), footer: labels["checking"])
    }

    /// Uses `codex`, the one that passed the check, from now on in place of the one the
    /// preview was drawn from.
    public func use(_ codex: Codex) {
        self.codex = codex
    }

    /// Runs the session until the process ends or the agent quits; returns whether it ended.
    @discardableResult
    public func run(_ session: ChecklistSession) -> Bool {
        var lastStep = session.state.current
        while !session.state.isFinished {
            if terminationRequested != 0 {
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
            if !handle(key, session) {
                try? session.pause()
                return false
            }
        }
        return true
    }

    /// Handles one key; returns `false` when the agent quits.
    private func handle(_ key: RawTerminal.Key, _ session: ChecklistSession) -> Bool {
        let state = session.state
        do {
            switch key {
            case .up, .character("k"): cursor = max(0, cursor - 1)
            case .down, .character("j"): cursor = min(max(0, state.step.actions.count - 1), cursor + 1)
            case .pageDown: scroll += 5
            case .pageUp: scroll = max(0, scroll - 5)
            case .character(" "), .character("x"):
                guard state.step.actions.indices.contains(cursor) else { return true }
                try session.toggle(cursor)
                status = "✓ \(labels["recorded"])"
            case .right, .enter, .character("n"):
                if case .branches = state.nextMove {
                    status = labels["branches"] + ": 1–9"
                    return true
                }
                try move(session) { confirm throws(ChecklistError) in try session.next(confirmOpen: confirm) }
            case .left, .character("p"):
                try session.back()
                status = "✓ \(labels["recorded"])"
            case .character(let character) where character.wholeNumberValue != nil:
                guard case .branches = state.nextMove, let number = character.wholeNumberValue else { return true }
                try move(session) { confirm throws(ChecklistError) in try session.choose(number - 1, confirmOpen: confirm) }
            case .character("s"):
                guard let reason = prompt(labels["skipReason"], session) else { return true }
                try session.skip(reason: reason)
                status = "✓ \(labels["recorded"])"
                if case .branches = session.state.nextMove { return true }
                try session.next()
            case .character("a"):
                guard let text = prompt(labels["noteText"], session) else { return true }
                try session.note(text)
                status = "✓ \(labels["recorded"]): \(labels["noteText"].lowercased())"
            case .character("r"): showRules.toggle()
            case .character("?"): status = labels["helpText"]
            case .character("q"), .control(3), .control(4), .escape: return false
            default: break
            }
        } catch {
            status = "! \(error.message)"
        }
        return true
    }

    private func move(_ session: ChecklistSession, _ action: (Bool) throws(ChecklistError) -> Void) throws(ChecklistError) {
        let open = session.state.openRequiredItems(of: session.state.current)
        if open.isEmpty || session.state.skipped[session.state.step.id.value] != nil {
            try action(false)
            status = "✓ \(labels["recorded"])"
            return
        }
        let items = open.map { String($0 + 1) }.joined(separator: ", ")
        status = "\(labels["confirmOpen"]): \(items). \(labels["confirmQuestion"])"
        render(session)
        while terminationRequested == 0 {
            guard let key = terminal.readKey(timeout: 1000) else { render(session); continue }
            if case .character(let character) = key, ["y", "i", "Y", "I"].contains(character) {
                try action(true)
                status = "✓ \(labels["recorded"])"
            } else {
                status = ""
            }
            return
        }
    }

    /// Reads a line of text at the bottom of the screen; `nil` when cancelled.
    private func prompt(_ question: String, _ session: ChecklistSession) -> String? {
        var text = ""
        while terminationRequested == 0 {
            status = "\(question): \(text)▏"
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
            default: break
            }
        }
        return nil
    }

    private func render(_ session: ChecklistSession) {
        render(session.state, footer: status.isEmpty ? labels["keys"] : status)
    }

    private func render(_ state: ChecklistState, footer: String) {
        let (columns, rows) = terminal.size
        var view = StepView(codex: codex, state: state, labels: labels, width: columns, now: clock())
        view.cursor = cursor
        view.showRuleDetails = showRules
        let lines = view.lines.map { styled($0.text, $0.style) }
        let body = max(1, rows - 2)
        scroll = min(scroll, max(0, lines.count - body))
        draw(Array(lines.dropFirst(scroll)), footer: footer, bodyRows: body)
    }

    // MARK: - Drawing

    private func draw(_ lines: [String], footer: String, bodyRows: Int? = nil) {
        let (columns, rows) = terminal.size
        let body = bodyRows ?? max(1, rows - 2)
        var screen = "\u{1B}[H"
        for index in 0..<body {
            screen += (index < lines.count ? lines[index] : "") + "\u{1B}[K\r\n"
        }
        screen += "\u{1B}[K\r\n" + styled(TextLayout.cut(footer, to: columns), .dim) + "\u{1B}[K\u{1B}[J"
        terminal.emit(screen)
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
