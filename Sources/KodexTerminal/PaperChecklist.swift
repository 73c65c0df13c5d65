import KodexModel
import KodexPublishing

/// A situation's checklist for paper: every process and step with boxes to tick.
public enum PaperChecklist {
    /// The formats it prints in.
    public enum Format: String, Sendable, CaseIterable {
        case txt, md, html
    }

    /// The checklist of `situation` in `format`.
    public static func render(_ situation: Situation, codex: Codex, format: Format) -> String {
        let labels = TerminalLabels(codex.manifest.locale)
        let title = situation.title?.value ?? situation.id.value
        switch format {
        case .txt: return text(situation, title: title, labels: labels)
        case .md: return markdown(situation, title: title, labels: labels)
        case .html: return html(situation, title: title, codex: codex, labels: labels)
        }
    }

    private static func text(_ situation: Situation, title: String, labels: TerminalLabels) -> String {
        var lines = [title, String(repeating: "=", count: max(3, TextLayout.width(title)))]
        for process in situation.processes {
            lines += ["", "\(labels["process"]): \(process.title?.value ?? process.id.value)"]
            for (number, step) in process.steps.enumerated() {
                lines.append("")
                lines += TextLayout.wrap(step.title?.value ?? step.id.value, width: 78, first: "\(number + 1). ")
                lines += TextLayout.wrap(step.goal?.value ?? "", width: 78, first: "   \(labels["goal"]): ")
                for action in step.actions {
                    let suffix = action.required ? "" : " (\(labels["optional"]))"
                    lines += TextLayout.wrap(action.text.value + suffix, width: 78, first: "   [ ] ")
                }
                for touchpoint in step.touchpoints {
                    lines += TextLayout.wrap(touchpoint.detail.value, width: 78, first: "   ★ ")
                }
                if let target = step.timeTarget { lines.append("   \(labels["timeTarget"]): \(target.text.value)") }
                if let end = step.end { lines += TextLayout.wrap(end.value, width: 78, first: "   → \(labels["end"]): ") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func markdown(_ situation: Situation, title: String, labels: TerminalLabels) -> String {
        func escape(_ text: String) -> String { MarkdownEscaping.inline(text) }
        var lines = ["# \(escape(title))"]
        for process in situation.processes {
            lines += ["", "## \(escape(labels["process"])): \(escape(process.title?.value ?? process.id.value))"]
            for (number, step) in process.steps.enumerated() {
                lines += ["", "### \(number + 1). \(escape(step.title?.value ?? step.id.value))", ""]
                lines.append("*\(escape(labels["goal"])):* \(escape(step.goal?.value ?? ""))")
                lines.append("")
                for action in step.actions {
                    lines.append("- [ ] \(escape(action.text.value))\(action.required ? "" : " *(\(escape(labels["optional"])))*")")
                }
                for touchpoint in step.touchpoints { lines.append("- ★ \(escape(touchpoint.detail.value))") }
                if let target = step.timeTarget { lines.append("- \(escape(labels["timeTarget"])): \(escape(target.text.value))") }
                if let end = step.end { lines.append("- → \(escape(labels["end"])): \(escape(end.value))") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func html(_ situation: Situation, title: String, codex: Codex, labels: TerminalLabels) -> String {
        func escape(_ text: String) -> String { HTMLEscaping.text(text) }
        var html = """
            <!DOCTYPE html>
            <html lang="\(codex.manifest.locale.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; line-height: 1.4; }
            ul.checklist { list-style: none; padding-left: 0; }
            ul.checklist li::before { content: "☐ "; }
            .step { break-inside: avoid; border-top: 1px solid #ccc; padding-top: .5rem; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>

            """
        for process in situation.processes {
            html += "<h2>\(escape(labels["process"])): \(escape(process.title?.value ?? process.id.value))</h2>\n"
            for (number, step) in process.steps.enumerated() {
                html += "<section class=\"step\">\n<h3>\(number + 1). \(escape(step.title?.value ?? step.id.value))</h3>\n"
                html += "<p><strong>\(escape(labels["goal"])):</strong> \(escape(step.goal?.value ?? ""))</p>\n"
                if !step.actions.isEmpty {
                    html += "<ul class=\"checklist\">\n"
                    for action in step.actions {
                        let suffix = action.required ? "" : " <em>(\(escape(labels["optional"])))</em>"
                        html += "<li>\(escape(action.text.value))\(suffix)</li>\n"
                    }
                    html += "</ul>\n"
                }
                for touchpoint in step.touchpoints { html += "<p>★ \(escape(touchpoint.detail.value))</p>\n" }
                if let target = step.timeTarget {
                    html += "<p>\(escape(labels["timeTarget"])): \(escape(target.text.value))</p>\n"
                }
                if let end = step.end { html += "<p>→ \(escape(labels["end"])): \(escape(end.value))</p>\n" }
                html += "</section>\n"
            }
        }
        return html + "</body>\n</html>\n"
    }
}
