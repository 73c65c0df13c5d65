import KodexEscaping
import KodexModel

/// A situation's checklist for paper: every process and step with boxes to tick, the
/// phrases to say and avoid, who may do a step, its time target, and where each branch
/// leads, under header fields for the date, the agent and the ticket.
public enum PaperChecklist {
    /// The formats it prints in.
    public enum Format: String, Sendable, CaseIterable {
        case txt, md, html
    }

    /// The checklist of `situation` in `format`.
    public static func render(_ situation: Situation, codex: Codex, format: Format) -> String {
        let labels = TerminalLabels(codex.manifest.locale)
        let title = situation.title?.value ?? situation.id.value
        let sheet = Sheet(situation: situation, codex: codex, labels: labels)
        switch format {
        case .txt: return text(sheet, title: title)
        case .md: return markdown(sheet, title: title)
        case .html: return html(sheet, title: title, codex: codex)
        }
    }

    /// What a step shows on paper, in the order it is printed.
    private struct StepLines {
        var title: String
        var goal: String?
        var say: [String]
        var avoid: [String]
        var items: [String]
        var touchpoints: [String]
        var facts: [String]
        var branches: [String]
    }

    private struct Sheet {
        let situation: Situation
        let codex: Codex
        let labels: TerminalLabels

        var header: [String] { [labels[.date], labels[.agent], labels[.ticket]] }

        var processes: [(title: String, steps: [StepLines])] {
            situation.processes.map { process in
                (process.title?.value ?? process.id.value, process.steps.enumerated().map { step(process, $0.offset, $0.element) })
            }
        }

        private func step(_ process: KodexModel.Process, _ number: Int, _ step: Step) -> StepLines {
            func title(_ id: String?) -> String {
                guard let id, let target = process.steps.firstIndex(where: { $0.id.value == id }) else { return id ?? "" }
                return "\(target + 1). \(process.steps[target].title?.value ?? id)"
            }
            var facts: [String] = []
            if let role = step.role {
                let name = codex.manifest.roles.first { $0.id.value == role.value }?.title?.value ?? role.value
                facts.append("\(labels[.role]): \(name)")
            }
            if let target = step.timeTarget {
                let what = target.what.map { " (\($0.value))" } ?? ""
                facts.append("\(labels[target.isDeadline ? .deadline : .timeTarget]): \(target.text(in: labels.locale))\(what)")
            }
            var branches: [String] = []
            if !step.branches.isEmpty {
                // On paper nobody chooses for the agent: each branch says where it leads.
                for branch in step.branches {
                    branches.append("\(branch.condition?.value ?? "") → \(title(branch.target?.value))")
                }
            } else if let end = step.end {
                branches.append("\(labels[.end]): \(end.value)")
            } else if let next = step.next {
                branches.append("\(labels[.next]): \(title(next.value))")
            }
            return StepLines(
                title: "\(number + 1). \(step.title?.value ?? step.id.value)", goal: step.goal?.value,
                say: step.say.map { labels.quoted($0.value) }, avoid: step.avoid.map { labels.quoted($0.value) },
                items: step.actions.map { $0.text.value + ($0.required ? "" : " (\(labels[.optionalAction]))") },
                touchpoints: step.touchpoints.map { $0.detail.value + ($0.impression.map { " — \($0.value)" } ?? "") },
                facts: facts, branches: branches)
        }
    }

    private static func text(_ sheet: Sheet, title: String) -> String {
        let labels = sheet.labels
        var lines = [title, String(repeating: "=", count: max(3, TextLayout.width(title))), ""]
        for field in sheet.header { lines.append("\(field): ______________________________") }
        lines += ["", labels[.legend]]
        for process in sheet.processes {
            lines += ["", "\(labels[.process]): \(process.title)"]
            for step in process.steps {
                lines.append("")
                lines += TextLayout.wrap(step.title, width: 78)
                if let goal = step.goal { lines += TextLayout.wrap(goal, width: 78, first: "   \(labels[.goal]): ") }
                for phrase in step.say { lines += TextLayout.wrap(phrase, width: 78, first: "   \(labels[.say]): ") }
                for phrase in step.avoid { lines += TextLayout.wrap(phrase, width: 78, first: "   \(labels[.avoid]): ") }
                for item in step.items { lines += TextLayout.wrap(item, width: 78, first: "   [ ] ") }
                for touchpoint in step.touchpoints { lines += TextLayout.wrap(touchpoint, width: 78, first: "   ★ ") }
                for fact in step.facts { lines += TextLayout.wrap(fact, width: 78, first: "   ") }
                if step.branches.count > 1 { lines.append("   \(labels[.branches]):") }
                for branch in step.branches {
                    lines += TextLayout.wrap(branch, width: 78, first: step.branches.count > 1 ? "   ( ) " : "   ")
                }
            }
        }
        lines += ["", "\(labels[.signature]): ______________________________"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func markdown(_ sheet: Sheet, title: String) -> String {
        func escape(_ text: String) -> String { Escaping.markdownInline(text) }
        let labels = sheet.labels
        var lines = ["# \(escape(title))", ""]
        for field in sheet.header { lines.append("\(escape(field)): ______________________________  ") }
        lines += ["", "*\(escape(labels[.legend]))*"]
        for process in sheet.processes {
            lines += ["", "## \(escape(labels[.process])): \(escape(process.title))"]
            for step in process.steps {
                lines += ["", "### \(escape(step.title))", ""]
                if let goal = step.goal { lines += ["*\(escape(labels[.goal])):* \(escape(goal))", ""] }
                for phrase in step.say { lines.append("- **\(escape(labels[.say])):** \(escape(phrase))") }
                for phrase in step.avoid { lines.append("- **\(escape(labels[.avoid])):** \(escape(phrase))") }
                for item in step.items { lines.append("- [ ] \(escape(item))") }
                for touchpoint in step.touchpoints { lines.append("- ★ \(escape(touchpoint))") }
                for fact in step.facts { lines.append("- \(escape(fact))") }
                for branch in step.branches { lines.append("- \(step.branches.count > 1 ? "( ) " : "")\(escape(branch))") }
            }
        }
        lines += ["", "\(escape(labels[.signature])): ______________________________"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func html(_ sheet: Sheet, title: String, codex: Codex) -> String {
        func escape(_ text: String) -> String { Escaping.html(text) }
        let labels = sheet.labels
        var html = """
            <!DOCTYPE html>
            <html lang="\(codex.manifest.locale.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
            ul { list-style: none; padding-left: 0; }
            ul.checklist li::before { content: "☐ "; }
            ul.branches li::before { content: "○ "; }
            .fields p { border-bottom: 1px solid #999; padding-bottom: .2rem; }
            .step { break-inside: avoid-page; border-top: 1px solid #ccc; padding-top: .5rem; }
            .say { color: #064; } .avoid { color: #900; }
            h2 { break-after: avoid-page; }
            @page { margin: 1.5cm; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <div class="fields">

            """
        for field in sheet.header { html += "<p>\(escape(field)):</p>\n" }
        html += "</div>\n<p><em>\(escape(labels[.legend]))</em></p>\n"
        for process in sheet.processes {
            html += "<h2>\(escape(labels[.process])): \(escape(process.title))</h2>\n"
            for step in process.steps {
                html += "<section class=\"step\">\n<h3>\(escape(step.title))</h3>\n"
                if let goal = step.goal { html += "<p><strong>\(escape(labels[.goal])):</strong> \(escape(goal))</p>\n" }
                for phrase in step.say { html += "<p class=\"say\"><strong>\(escape(labels[.say])):</strong> \(escape(phrase))</p>\n" }
                for phrase in step.avoid {
                    html += "<p class=\"avoid\"><strong>\(escape(labels[.avoid])):</strong> \(escape(phrase))</p>\n"
                }
                if !step.items.isEmpty {
                    html += "<ul class=\"checklist\">\n" + step.items.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
                }
                for touchpoint in step.touchpoints { html += "<p>★ \(escape(touchpoint))</p>\n" }
                for fact in step.facts { html += "<p>\(escape(fact))</p>\n" }
                if !step.branches.isEmpty {
                    html += "<ul class=\"\(step.branches.count > 1 ? "branches" : "next")\">\n"
                        + step.branches.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
                }
                html += "</section>\n"
            }
        }
        html += "<p class=\"fields\">\(escape(labels[.signature])):</p>\n"
        return html + "</body>\n</html>\n"
    }
}
