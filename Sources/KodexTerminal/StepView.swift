import KodexChecklist
import KodexModel

/// One line of the step screen with how it should stand out.
struct StyledLine: Equatable {
    enum Style { case plain, heading, touchpoint, dim, warning, selected, good, bad }
    var text: String
    var style: Style = .plain
}

/// The current step as lines of text, shared by the plain and the full-screen modes.
struct StepView {
    let codex: Codex
    let state: ChecklistState
    let labels: TerminalLabels
    let width: Int
    let now: Int64
    var cursor: Int? = nil
    var showRuleDetails = false

    var lines: [StyledLine] {
        let step = state.step
        var lines: [StyledLine] = []
        let situation = state.situation.title?.value ?? state.situation.id.value
        let process = state.process.title?.value ?? state.process.id.value
        let position = "\(labels["step"]) \(state.current + 1)/\(state.process.steps.count)"
        lines += wrap("\(situation) › \(process) › \(position)", style: .dim)
        lines += wrap(step.title?.value ?? step.id.value, style: .heading)
        lines += wrap(step.goal?.value ?? "", first: "\(labels["goal"]): ")
        lines += wrap(step.effect?.value ?? "", first: "\(labels["effect"]): ")

        if !step.actions.isEmpty {
            lines.append(StyledLine(text: "\(labels["checklist"]):", style: .heading))
            let done = state.checked[step.id.value] ?? []
            for (index, action) in step.actions.enumerated() {
                let box = done.contains(index) ? "[x]" : "[ ]"
                let marker = cursor == index ? "▶" : " "
                let note = action.required ? " (\(labels["required"]))" : " (\(labels["optional"]))"
                let style: StyledLine.Style = cursor == index ? .selected : (done.contains(index) ? .good : .plain)
                lines += wrap(action.text.value + note, first: "\(marker)\(index + 1). \(box) ", style: style)
            }
        }
        if !step.touchpoints.isEmpty {
            lines.append(StyledLine(text: "\(labels["touchpoints"]):", style: .heading))
            for touchpoint in step.touchpoints {
                let impression = touchpoint.impression.map { " — \($0.value)" } ?? ""
                lines += wrap(touchpoint.detail.value + impression, first: "  ★ ", style: .touchpoint)
            }
        }
        for phrase in step.say { lines += wrap("„\(phrase.value)”", first: "\(labels["say"]): ", style: .good) }
        for phrase in step.avoid { lines += wrap("„\(phrase.value)”", first: "\(labels["avoid"]): ", style: .bad) }
        if !step.rules.isEmpty {
            lines.append(StyledLine(text: "\(labels["rulesUsed"]):", style: .heading))
            for (number, reference) in step.rules.enumerated() {
                let rule = codex.rules.first { $0.id.value == reference.value }
                let title = rule?.title?.value ?? reference.value
                let kind = rule?.kind == .dont ? "⊘ " : ""
                lines.append(StyledLine(text: TextLayout.cut("  r\(number + 1). \(kind)\(title)", to: width)))
                if showRuleDetails, let text = rule?.text?.value {
                    lines += wrap(text.replacingOccurrences(of: "**", with: ""), first: "      ", style: .dim)
                }
            }
        }
        if !step.tools.isEmpty {
            let titles = step.tools.map { reference in codex.tools.first { $0.id.value == reference.value }?.title?.value ?? reference.value }
            lines += wrap(titles.joined(separator: ", "), first: "\(labels["toolsUsed"]): ")
        }
        if let role = step.role {
            let title = codex.manifest.roles.first { $0.id.value == role.value }?.title?.value ?? role.value
            lines += wrap(title, first: "\(labels["role"]): ", style: .warning)
        }
        let elapsed = TextLayout.duration(milliseconds: state.elapsedOnStep(at: now))
        if let target = step.timeTarget {
            let over = state.elapsedOnStep(at: now) > Int64(target.seconds) * 1000
            let what = target.what.map { " (\($0.value))" } ?? ""
            lines.append(StyledLine(text: TextLayout.cut("\(labels["timeTarget"]): \(labels["within"]) \(target.text.value)\(what) · "
                                                          + "\(labels["elapsed"]) \(elapsed)\(over ? " · " + labels["over"] : "")", to: width),
                                    style: over ? .warning : .plain))
        } else {
            let label = labels["elapsed"]
            lines.append(StyledLine(text: "\(label.prefix(1).uppercased() + label.dropFirst()): \(elapsed)", style: .dim))
        }
        switch state.nextMove {
        case .branches(let options):
            lines.append(StyledLine(text: "\(labels["branches"]):", style: .heading))
            for (number, option) in options.enumerated() {
                let target = state.process.steps[option.step].title?.value ?? ""
                lines += wrap("\(option.condition) → \(target)", first: "  b\(number + 1). ")
            }
        case .step(let index):
            lines += wrap(state.process.steps[index].title?.value ?? "", first: "\(labels["next"]): ", style: .dim)
        case .end(let outcome):
            lines += wrap(outcome, first: "\(labels["end"]) — ", style: .dim)
        case .nowhere:
            break
        }
        return lines
    }

    private func wrap(_ text: String, first: String = "", style: StyledLine.Style = .plain) -> [StyledLine] {
        TextLayout.wrap(text, width: width, first: first).map { StyledLine(text: $0, style: style) }
    }
}

/// The end-of-session summary: items done and skipped, time per step against its
/// target, the notes and the outcome.
struct SummaryView {
    let state: ChecklistState
    let labels: TerminalLabels
    let width: Int
    let sessionID: String

    var lines: [String] {
        var lines: [String] = ["", "== \(labels["summary"]) ==", "\(labels["session"]): \(sessionID)"]
        if let outcome = state.outcome { lines.append("\(labels["outcome"]): \(outcome)") }
        var total = 0, done = 0
        var visited: [Int] = []
        for index in state.trail where !visited.contains(index) { visited.append(index) }
        for index in visited {
            let step = state.process.steps[index]
            total += step.actions.count
            done += state.checked[step.id.value]?.count ?? 0
        }
        lines.append("\(labels["itemsDone"]): \(done)/\(total)")
        if !state.skipped.isEmpty {
            lines.append("\(labels["skippedSteps"]):")
            for index in visited {
                let step = state.process.steps[index]
                if let reason = state.skipped[step.id.value] {
                    lines += TextLayout.wrap(reason, width: width, first: "  \(step.title?.value ?? step.id.value): ")
                }
            }
        }
        lines.append("\(labels["timePerStep"]):")
        for index in visited {
            let step = state.process.steps[index]
            let spent = state.timeSpent[step.id.value] ?? 0
            var line = "  \(index + 1). \(step.title?.value ?? step.id.value): \(TextLayout.duration(milliseconds: spent))"
            if let target = step.timeTarget {
                line += " / \(target.text.value)"
                if spent > Int64(target.seconds) * 1000 { line += " (\(labels["over"]))" }
            }
            if let open = state.leftOpen[step.id.value], !open.isEmpty {
                line += " · \(labels["leftOpen"]): " + open.map { String($0 + 1) }.joined(separator: ", ")
            }
            lines.append(TextLayout.cut(line, to: width))
        }
        if !state.notes.isEmpty {
            lines.append("\(labels["notes"]):")
            for note in state.notes {
                lines += TextLayout.wrap(note.text, width: width, first: "  - ")
            }
        }
        return lines
    }
}
