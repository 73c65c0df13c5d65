import KodexModel

/// Reports text that is still a placeholder, such as `TODO` or `…`.
struct PlaceholderTextCheck: SituationCheck {
    let description = CheckDescription(
        id: "placeholder-text", code: "K204", name: "Placeholder text", category: .method, defaultSeverity: .error,
        summary: "a field a consultant writes still holds placeholder text such as `TODO`",
        explanation: """
            `kodex init` writes stubs with `TODO` where the consultant still has to think. Text that \
            is only `TODO`, `TBD`, `FIXME`, `?`, `...`, `…`, `-`, `x` or `lorem ipsum` (or starts \
            with `TODO`) is reported in every field a consultant writes: the codex's title and \
            organisation, titles, goals, effects, actions, touchpoints and impressions, phrases, \
            branch conditions, outcomes of ends, rule and template texts. A situation that still \
            holds one is not complete.
            """,
        triggering: [
            CheckExample.process("            - {id: a, title: A, goal: TODO, effect: …, actions: [x], end: done}"),
            CheckExample.process("            - {id: a, title: TODO, goal: G, effect: E, actions: [x], end: \"-\"}"),
        ],
        passing: [.clean])

    private func scan(_ fields: [(String, Located<String>?)], of owner: @autoclosure () -> String, silences: [Silence],
                      _ context: CheckContext) {
        for case let (name, text?) in fields where Self.isPlaceholder(text.value) {
            context.report("\(name) of \(owner()) is a placeholder: `\(text.value.trimmed)`",
                           at: text.span, help: ["write the real \(name)"], silences: silences)
        }
    }

    func checkShared(_ context: CheckContext) {
        let codex = context.codex
        func scan(_ fields: [(String, Located<String>?)], of owner: @autoclosure () -> String, silences: [Silence]) {
            self.scan(fields, of: owner(), silences: silences, context)
        }
        scan([("title", codex.manifest.title), ("organisation", codex.manifest.organisation)], of: "the codex", silences: [])
        for expectation in codex.expectations {
            scan([("title", expectation.title), ("description", expectation.description)],
                 of: "expectation `\(expectation.id.value)`", silences: expectation.silences)
        }
        for rule in codex.rules {
            scan([("title", rule.title), ("text", rule.text)], of: "rule `\(rule.id.value)`", silences: rule.silences)
        }
        for tool in codex.tools {
            scan([("title", tool.title), ("description", tool.description)], of: "tool `\(tool.id.value)`", silences: tool.silences)
        }
        for banned in codex.bannedPhrases {
            scan([("instead", banned.instead)], of: "banned phrase `\(banned.phrase.value)`", silences: [])
        }
        for template in codex.templates {
            scan([("title", template.title), ("subject", template.subject), ("body", template.body)],
                 of: "template `\(template.id.value)`", silences: template.silences)
        }
    }

    func check(_ situation: Situation, at place: Int, _ context: CheckContext) {
        func scan(_ fields: [(String, Located<String>?)], of owner: @autoclosure () -> String, silences: [Silence]) {
            self.scan(fields, of: owner(), silences: silences, context)
        }
        scan([("title", situation.title), ("applies_when", situation.appliesWhen)],
             of: "situation `\(situation.id.value)`", silences: situation.silences)
        for process in situation.processes {
            scan([("title", process.title)], of: "process `\(process.id.value)`", silences: process.silences)
            for index in process.steps.indices {
                // Field by field, in place: gathering a step's fields into an array first
                // cost an allocation and a copy of every field per step.
                func scan(_ name: String, _ text: Located<String>?) {
                    guard let text, Self.isPlaceholder(text.value) else { return }
                    let step = process.steps[index]
                    context.report("\(name) of step `\(step.id.value)` is a placeholder: `\(text.value.trimmed)`",
                                   at: text.span, help: ["write the real \(name)"], silences: step.silences)
                }
                scan("title", process.steps[index].title)
                scan("goal", process.steps[index].goal)
                scan("effect", process.steps[index].effect)
                for action in process.steps[index].actions { scan("action", action.text) }
                for touchpoint in process.steps[index].touchpoints {
                    scan("touchpoint", touchpoint.detail)
                    scan("impression", touchpoint.impression)
                }
                for phrase in process.steps[index].say { scan("phrase to say", phrase) }
                for branch in process.steps[index].branches { scan("branch condition", branch.condition) }
                scan("outcome", process.steps[index].end)
                scan("time target's `for`", process.steps[index].timeTarget?.what)
            }
        }
    }

    static func isPlaceholder(_ text: String) -> Bool {
        // A placeholder starts with a mark or with t, T, f or F; most real text is told
        // apart by its first non-space byte, without building anything.
        var bytes = text.utf8.drop { $0 == 0x20 || (0x09...0x0D).contains($0) }.prefix(2).makeIterator()
        if let first = bytes.next(), first < 0x80 {
            guard ".?-tTfFxXlL".utf8.contains(first) else { return false }
            // `todo`, `tbd`, `fixme`, `lorem` and `xx` are told by their second letter too,
            // which sets apart most real text beginning with these letters.
            let second = (bytes.next() ?? 0x20) | 0x20
            switch first | 0x20 {
            case UInt8(ascii: "t"): if second != UInt8(ascii: "o") && second != UInt8(ascii: "b") { return false }
            case UInt8(ascii: "f"): if second != UInt8(ascii: "i") { return false }
            case UInt8(ascii: "l"): if second != UInt8(ascii: "o") { return false }
            case UInt8(ascii: "x"): if second != UInt8(ascii: "x") && second != 0x20 && second != 0x2A { return false }
            default: break
            }
        }
        // Only the start matters, so real text is judged by its first few scalars.
        var head = String.UnicodeScalarView()
        var onlyMarks = true
        for scalar in text.unicodeScalars where !scalar.isSpace {
            if head.count < 5 { head.append(scalar) }
            if !(scalar == "." || scalar == "…" || scalar == "?" || scalar == "-") { onlyMarks = false }
            if head.count >= 5 && !onlyMarks { break }
        }
        if head.isEmpty { return false }
        let start = String(head).lowercased()
        if onlyMarks || start.hasPrefix("todo") || start.hasPrefix("tbd") || start.hasPrefix("fixme") { return true }
        // `x`, `xx`, `XXX` alone (the head holds up to five scalars, so three or fewer
        // means that is all there is), and the typesetter's dummy text.
        return (start.count <= 3 && start.allSatisfy { $0 == "x" }) || start.hasPrefix("lorem")
    }
}
