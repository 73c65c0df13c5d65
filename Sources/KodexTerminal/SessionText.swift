import KodexChecklist
import KodexModel

/// An event in words, for the line that says what `u` took back.
struct EventText {
    let labels: TerminalLabels
    let state: ChecklistState

    func describe(_ event: ChecklistEvent) -> String {
        func title(_ id: String) -> String {
            state.process.steps.first { $0.id.value == id }.map { $0.title?.value ?? id } ?? id
        }
        let hu = labels.locale == .hu
        switch event.kind {
        case .check(let step, let key, let checked):
            let item = state.process.steps.firstIndex { $0.id.value == step }
                .flatMap { index in state.process.steps[index].actionKeys.firstIndex(of: key).map { (index, $0) } }
            let text = item.map { state.process.steps[$0.0].actions[$0.1].text.value } ?? key
            let verb = checked ? (hu ? "pipa" : "tick") : (hu ? "pipa levétele" : "untick")
            return "\(verb): \(labels.quoted(text))"
        case .note(_, let text): return "\(hu ? "jegyzet" : "note"): \(labels.quoted(text))"
        case .skip(let step, _): return "\(hu ? "kihagyás" : "skip"): \(title(step))"
        case .enter(let step): return "\(hu ? "továbblépés ide" : "move to"): \(title(step))"
        case .branch(_, let condition, let target):
            return "\(hu ? "elágazás" : "branch"): \(labels.quoted(condition)) → \(title(target))"
        case .back(_, let to): return "\(hu ? "visszalépés ide" : "back to"): \(title(to))"
        case .leaveOpen(let step, _): return "\(hu ? "nyitva hagyás" : "left open"): \(title(step))"
        case .stay(let step, _): return "\(hu ? "maradás a lépésen" : "stayed on"): \(title(step))"
        case .start, .undo, .end, .pause, .resume: return event.type
        }
    }
}

/// What a resumed session tells the agent before they go on.
struct ResumeNoticeText {
    let labels: TerminalLabels

    func lines(_ notices: [ChecklistSession.ResumeNotice]) -> [String] {
        notices.map { notice in
            switch notice {
            case .damagedLines(let damage):
                let numbers = damage.prefix(5).map { String($0.line) }.joined(separator: ", ")
                let lineWord = labels.locale == .hu ? "sor" : "line"
                return "\(labels[.warning]): \(labels[.journalDamaged]) (\(lineWord) \(numbers)\(damage.count > 5 ? ", …" : ""))"
            case .tornLineEnded:
                return "\(labels[.warning]): \(labels[.tornLineEnded])"
            case .codexChanged:
                return "\(labels[.warning]): \(labels[.codexChanged])"
            case .ticksLost(let steps):
                return "\(labels[.warning]): \(steps.count) \(labels[.ticksLost])"
            }
        }
    }
}
