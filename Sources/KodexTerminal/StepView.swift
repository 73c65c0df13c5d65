import KodexChecklist
import KodexModel

/// One line of the step screen with how it should stand out.
struct StyledLine: Equatable {
    enum Style { case plain, heading, touchpoint, dim, warning, selected, good, bad }
    var text: String
    var style: Style = .plain
}

/// The current step as lines of text, shared by the plain and the full-screen modes.
///
/// What the agent needs while the customer talks comes first: the phrases to say and
/// to avoid, then the goal and effect, the checklist, the touchpoints; rules, tools,
/// time and where the flow goes after them.
struct StepView {
    let codex: Codex
    let state: ChecklistState
    let labels: TerminalLabels
    let width: Int
    let now: Int64
    /// Words instead of symbols and no wrapping, for screen readers and scripts.
    var plain = false
    var cursor: Int? = nil
    var showRuleDetails = false
    var showMessages = false

    /// Where the agent is and the step's title: what stays in place while the rest scrolls.
    var header: [StyledLine] {
        let situation = state.situation.title?.value ?? state.situation.id.value
        let process = state.process.title?.value ?? state.process.id.value
        let position = "\(labels[.step]) \(state.current + 1)/\(state.process.steps.count)"
        let separator = plain ? " / " : " › "
        return wrap([situation, process, position].joined(separator: separator), style: .dim)
            + wrap(state.step.title?.value ?? state.step.id.value, style: .heading)
    }

    /// The step's content below its header.
    var body: [StyledLine] {
        let step = state.step
        var lines: [StyledLine] = []
        for phrase in step.say { lines += wrap(labels.quoted(phrase.value), first: "\(labels[.say]): ", style: .good) }
        for phrase in step.avoid { lines += wrap(labels.quoted(phrase.value), first: "\(labels[.avoid]): ", style: .bad) }
        if let goal = step.goal?.value { lines += wrap(goal, first: "\(labels[.goal]): ") }
        if let effect = step.effect?.value { lines += wrap(effect, first: "\(labels[.effect]): ") }
        lines += checklist(step)
        if !step.touchpoints.isEmpty {
            for touchpoint in step.touchpoints {
                let impression = touchpoint.impression.map { " — \($0.value)" } ?? ""
                let mark = plain ? "\(labels[.touchpoint]): " : "★ "
                lines += wrap(touchpoint.detail.value + impression, first: mark, style: .touchpoint)
            }
        }
        lines += rules(step)
        lines += messages(step)
        if !step.tools.isEmpty {
            let titles = step.tools.map { reference in codex.tools.first { $0.id.value == reference.value }?.title?.value ?? reference.value }
            lines += wrap(titles.joined(separator: ", "), first: "\(labels[.toolsUsed]): ")
        }
        if let role = step.role {
            let title = codex.manifest.roles.first { $0.id.value == role.value }?.title?.value ?? role.value
            lines += wrap(title, first: "\(labels[.role]): ", style: .warning)
        }
        lines += time(step)
        lines += whereNext()
        return lines
    }

    /// Header and body together.
    var lines: [StyledLine] { header + body }

    private func checklist(_ step: Step) -> [StyledLine] {
        guard !step.actions.isEmpty else { return [] }
        var lines = [StyledLine(text: "\(labels[.checklist]):", style: .heading)]
        let done = state.checked[step.id.value] ?? []
        for (index, action) in step.actions.enumerated() {
            let isDone = done.contains(index)
            // Required is the rule; only the exceptions are marked.
            let optional = action.required ? "" : " (\(labels[.optionalAction]))"
            let style: StyledLine.Style = cursor == index ? .selected : (isDone ? .good : .plain)
            let prefix = plain
                ? "\(index + 1). \(isDone ? labels[.done] : labels[.open]): "
                : "\(cursor == index ? "▶" : " ")\(index + 1). \(isDone ? "[x]" : "[ ]") "
            lines += wrap(action.text.value + optional, first: prefix, style: style)
        }
        return lines
    }

    private func rules(_ step: Step) -> [StyledLine] {
        guard !step.rules.isEmpty else { return [] }
        var lines = [StyledLine(text: "\(labels[.rulesUsed]):", style: .heading)]
        for (number, reference) in step.rules.enumerated() {
            let rule = codex.rules.first { $0.id.value == reference.value }
            let title = rule?.title?.value ?? reference.value
            let kind = rule?.kind == .dont ? (plain ? "(\(labels[.doNot])) " : "⊘ ") : ""
            lines += wrap("\(kind)\(title)", first: "  r\(number + 1). ")
            guard showRuleDetails, let rule else { continue }
            if let text = rule.text?.value {
                lines += wrap(text.replacingOccurrences(of: "**", with: ""), first: "      ", style: .dim)
            }
            for example in rule.goodExamples {
                lines += wrap(labels.quoted(example.value), first: "      \(labels[.goodExample]): ", style: .good)
            }
            for example in rule.badExamples {
                lines += wrap(labels.quoted(example.value), first: "      \(labels[.badExample]): ", style: .bad)
            }
        }
        return lines
    }

    private func messages(_ step: Step) -> [StyledLine] {
        let templates = step.messages.compactMap { reference in codex.templates.first { $0.id.value == reference.value } }
        guard !templates.isEmpty else { return [] }
        let titles = templates.map { $0.title?.value ?? $0.id.value }
        guard showMessages else {
            return wrap(titles.joined(separator: ", ") + (plain ? "" : " (m)"), first: "\(labels[.messages]): ", style: .dim)
        }
        var lines = [StyledLine(text: "\(labels[.messages]):", style: .heading)]
        for template in templates {
            lines += wrap(template.title?.value ?? template.id.value, first: "  ", style: .heading)
            if let subject = template.subject?.value { lines += wrap(subject, first: "    \(labels[.messageSubject]): ") }
            for paragraph in (template.body?.value ?? "").split(separator: "\n", omittingEmptySubsequences: false) {
                lines += wrap(String(paragraph), first: "    ")
            }
        }
        return lines
    }

    private func time(_ step: Step) -> [StyledLine] {
        let elapsedMilliseconds = state.elapsedOnStep(at: now)
        let elapsed = TextLayout.duration(milliseconds: elapsedMilliseconds)
        guard let target = step.timeTarget else {
            let label = labels[.elapsed]
            return [StyledLine(text: "\(label.prefix(1).uppercased() + label.dropFirst()): \(elapsed)", style: .dim)]
        }
        let limit = target.text(in: codex.manifest.locale)
        let what = target.what.map { " (\($0.value))" } ?? ""
        if target.isDeadline {
            // Done after the call: a running timer would only mislead.
            return wrap("\(limit)\(what)", first: "\(labels[.deadline]): ")
        }
        let over = elapsedMilliseconds > Int64(target.seconds) * 1000
        return wrap("\(limit)\(what) · \(labels[.elapsed]) \(elapsed)\(over ? " · " + labels[.over] : "")",
                    first: "\(labels[.timeTarget]): ", style: over ? .warning : .plain)
    }

    private func whereNext() -> [StyledLine] {
        switch state.nextMove {
        case .branches(let options):
            var lines = [StyledLine(text: "\(labels[.branches]):", style: .heading)]
            for (number, option) in options.enumerated() {
                let target = state.process.steps[option.step].title?.value ?? ""
                let arrow = plain ? ", \(labels[.branchGoesTo]): " : " → "
                lines += wrap("\(option.condition)\(arrow)\(target)", first: "  b\(number + 1). ")
            }
            return lines
        case .step(let index):
            return wrap(state.process.steps[index].title?.value ?? "", first: "\(labels[.next]): ", style: .dim)
        case .end(let outcome):
            return wrap(outcome, first: "\(labels[.end]) — ", style: .dim)
        case .nowhere:
            return []
        }
    }

    private func wrap(_ text: String, first: String = "", style: StyledLine.Style = .plain) -> [StyledLine] {
        guard !plain else { return [StyledLine(text: first + text.split(whereSeparator: \.isNewline).joined(separator: " "), style: style)] }
        return TextLayout.wrap(text, width: width, first: first).map { StyledLine(text: $0, style: style) }
    }
}

/// The end-of-session summary: items done and skipped, the branches taken, time per
/// step against its target, the notes and the outcome.
struct SummaryView {
    let state: ChecklistState
    let labels: TerminalLabels
    let width: Int
    let sessionID: String

    var lines: [String] {
        var lines: [String] = ["", "== \(labels[.summary]) ==", "\(labels[.session]): \(sessionID)"]
        if let outcome = state.outcome { lines.append("\(labels[.outcome]): \(outcome)") }
        var total = 0, done = 0
        var visited: [Int] = []
        for index in state.trail where !visited.contains(index) { visited.append(index) }
        for index in visited {
            let step = state.process.steps[index]
            total += step.actions.count
            done += state.checked[step.id.value]?.count ?? 0
        }
        lines.append("\(labels[.actionsDone]): \(done)/\(total)")
        for index in visited {
            let step = state.process.steps[index]
            if let condition = state.branchesTaken[step.id.value] {
                lines += TextLayout.wrap(condition, width: width, first: "\(labels[.branchTaken]) (\(step.title?.value ?? step.id.value)): ")
            }
        }
        if !state.skipped.isEmpty {
            lines.append("\(labels[.skippedSteps]):")
            for index in visited {
                let step = state.process.steps[index]
                if let reason = state.skipped[step.id.value] {
                    lines += TextLayout.wrap(reason, width: width, first: "  \(step.title?.value ?? step.id.value): ")
                }
            }
        }
        lines.append("\(labels[.timePerStep]):")
        for index in visited {
            let step = state.process.steps[index]
            let spent = state.timeSpent[step.id.value] ?? 0
            var line = "\(index + 1). \(step.title?.value ?? step.id.value): \(TextLayout.duration(milliseconds: spent))"
            if let target = step.timeTarget, !target.isDeadline {
                line += " / \(target.text(in: labels.locale))"
                if spent > Int64(target.seconds) * 1000 { line += " (\(labels[.over]))" }
            }
            if let open = state.leftOpen[step.id.value], !open.isEmpty {
                line += " · \(labels[.leftOpen]): " + open.map { String($0 + 1) }.joined(separator: ", ")
            }
            lines += TextLayout.wrap(line, width: width, first: "  ")
        }
        if !state.notes.isEmpty {
            lines.append("\(labels[.notes]):")
            for note in state.notes {
                lines += TextLayout.wrap(note.text, width: width, first: "  - ")
            }
        }
        return lines
    }
}
