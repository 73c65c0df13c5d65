import Foundation
import KodexEscaping

extension SessionReport {
    /// The words of the HTML report.
    private struct Words {
        let hu: Bool
        func callAsFunction(_ hungarian: String, _ english: String) -> String { hu ? hungarian : english }
    }

    /// The report as one offline HTML page in the handbook's style: tables of the figures
    /// with charts drawn as inline SVG (skip and overrun rate per step, branch split,
    /// outcomes, handle time, sessions per week). Every text from a journal is escaped.
    ///
    /// - Parameters:
    ///   - css: the handbook's style sheet, inlined.
    ///   - stepLink: where a step stands in the handbook, or nil to leave it unlinked.
    public func html(title: String, hungarian: Bool, css: String,
                     stepLink: (_ situation: String, _ process: String, _ step: String) -> String?) -> String {
        let words = Words(hu: hungarian)
        func text(_ value: String) -> String { Escaping.html(value) }
        var page = ReportPageShell.start(
            title: words("Jelentés", "Report") + " – " + title, language: hungarian ? "hu" : "en", css: css,
            extraCSS: ".report .bar-skip { fill: #b35c00; } .report .bar-over { fill: #a00; } .report .bar { fill: #2a6fb0; }")
        page += """
            <h1>\(text(words("Mit csináltak valójában a munkatársak", "What agents actually did"))) – \(text(title))</h1>
            <p>\(Self.count(sessions, hungarian)) \(text(words("munkamenet", "sessions")))\(damagedLines > 0 ? ", \(Self.count(damagedLines, hungarian)) " + text(words("sérült sor kihagyva", "damaged lines left out")) : "")</p>

            """
        page += "<h2>" + text(words("Munkamenetek hetente", "Sessions per week")) + "</h2>\n"
        page += Self.bars(weeks.sorted { $0.key < $1.key }.map { ($0.key, Double($0.value), Self.count($0.value, hungarian)) }, className: "bar")
        for situation in situations where situation.sessions > 0 {
            page += "<section>\n<h2>\(text(situation.title))</h2>\n<p>\(Self.count(situation.sessions, hungarian)) \(text(words("munkamenet", "sessions")))"
            if let handle = situation.handleTime {
                page += "; \(text(words("kezelési idő", "handle time"))): \(text(words("medián", "median"))) "
                    + "\(Self.duration(handle.median, hungarian)), p90 \(Self.duration(handle.p90, hungarian))"
            }
            page += "</p>\n<h3>" + text(words("Kimenetek", "Outcomes")) + "</h3>\n"
            page += Self.bars(situation.outcomes.sorted { $0.key < $1.key }.map { ($0.key, Double($0.value), Self.count($0.value, hungarian)) },
                              className: "bar")
            page += "<h3>" + text(words("Kihagyás és túllépés lépésenként", "Skips and overruns per step")) + "</h3>\n"
            let entered = situation.steps.map { max(1, $0.entered + ($0.entered == 0 ? $0.skipped : 0)) }
            page += "<p>" + text(words("Kihagyott munkamenetek aránya", "Share of sessions that skipped the step")) + "</p>\n"
            page += Self.bars(situation.steps.indices.map { index in
                let step = situation.steps[index]
                let rate = Double(step.skipped) / Double(entered[index])
                return (step.title, rate * 100, Self.percent(rate))
            }, className: "bar-skip", maximum: 100)
            if situation.steps.contains(where: { $0.target != nil }) {
                page += "<p>" + text(words("Időcélt túllépő munkamenetek aránya", "Share of sessions over the step's time target"))
                    + "</p>\n"
            }
            page += Self.bars(situation.steps.indices.filter { situation.steps[$0].target != nil }.map { index in
                let step = situation.steps[index]
                let rate = Double(step.overruns) / Double(entered[index])
                return (step.title, rate * 100, Self.percent(rate))
            }, className: "bar-over", maximum: 100)
            page += "<div class=\"scroll\"><table>\n<thead><tr><th>" + [
                words("Lépés", "Step"), words("Belépve", "Entered"), words("Kihagyva", "Skipped"),
                words("Idő (medián)", "Time (median)"), "p90", words("Cél", "Target"), words("Túllépés", "Overruns"),
            ].map(text).joined(separator: "</th><th>") + "</th></tr></thead>\n<tbody>\n"
            for step in situation.steps {
                let title = stepLink(situation.id, step.process, step.id).map { "<a href=\"\(text($0))\">\(text(step.title))</a>" }
                    ?? text(step.title)
                page += "<tr><td>\(title)</td><td class=\"number\">\(Self.count(step.entered, hungarian))</td><td class=\"number\">\(Self.count(step.skipped, hungarian))</td>"
                    + "<td class=\"number\">\(step.time.map { Self.duration($0.median, hungarian) } ?? "–")</td>"
                    + "<td class=\"number\">\(step.time.map { Self.duration($0.p90, hungarian) } ?? "–")</td>"
                    + "<td class=\"number\">\(text(step.targetText ?? "–"))</td>"
                    + "<td class=\"number\">\(Self.count(step.overruns, hungarian))</td></tr>\n"
            }
            page += "</tbody>\n</table></div>\n"
            for step in situation.steps
            where !step.skipReasons.isEmpty || !step.actionsLeftOpen.isEmpty || !step.branches.isEmpty || !step.notes.isEmpty {
                page += "<h4>\(text(step.title))</h4>\n<ul>\n"
                for (reason, count) in step.skipReasons.sorted(by: { $0.key < $1.key }) {
                    page += "<li>\(text(words("Kihagyva", "Skipped"))): \(text(Self.quoted(reason, hungarian))) ×\(Self.count(count, hungarian))</li>\n"
                }
                for (action, count) in step.actionsLeftOpen.sorted(by: { $0.key < $1.key }) {
                    page += "<li>\(text(words("Nyitva hagyva", "Left open"))): \(text(Self.quoted(action, hungarian))) ×\(Self.count(count, hungarian))</li>\n"
                }
                for (note, count) in step.notes.sorted(by: { $0.key < $1.key }) {
                    page += "<li>\(text(words("Megjegyzés", "Note"))): \(text(Self.quoted(note, hungarian))) ×\(Self.count(count, hungarian))</li>\n"
                }
                page += "</ul>\n"
                if !step.branches.isEmpty {
                    page += "<p>" + text(words("Választott elágazások", "Branches taken")) + "</p>\n"
                    page += Self.bars(step.branches.sorted { $0.key < $1.key }.map { ("→ " + $0.key, Double($0.value), Self.count($0.value, hungarian)) },
                                      className: "bar")
                }
            }
            page += "</section>\n"
        }
        if !versions.isEmpty {
            page += "<h2>" + text(words("A kódex változatai szerint", "By version of the codex")) + "</h2>\n"
            page += "<p>" + text(words("Lépésenként: kihagyás, időtúllépés és a lépésen töltött idő mediánja, változatonként.",
                                       "Per step: skips, overruns and the median time on the step, per version.")) + "</p>\n"
            page += "<div class=\"scroll\"><table>\n<thead><tr><th>" + text(words("Lépés", "Step")) + "</th>"
                + versions.map { "<th>" + text(words("Változat", "Version")) + " " + text($0.version) + "</th>" }.joined()
                + "</tr></thead>\n<tbody>\n"
            for (place, situation) in situations.enumerated() where situation.sessions > 0 {
                for (row, step) in situation.steps.enumerated() {
                    page += "<tr><td>\(text(situation.title)): \(text(step.title))</td>"
                    for version in versions {
                        let figures = version.report.situations[place].steps[row]
                        page += "<td>\(Self.count(figures.skipped, hungarian)) / \(Self.count(figures.overruns, hungarian)) / "
                            + (figures.time.map { Self.duration($0.median, hungarian) } ?? "–") + "</td>"
                    }
                    page += "</tr>\n"
                }
            }
            page += "</tbody>\n</table></div>\n"
        }
        page += "<h2>" + text(words("Munkatársak", "Agents")) + "</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>" + [
            words("Munkatárs", "Agent"), words("Munkamenet", "Sessions"), words("Betartás", "Adherence"),
            words("Kihagyás", "Skips"), words("Túllépés", "Overruns"),
        ].map(text).joined(separator: "</th><th>") + "</th></tr></thead>\n<tbody>\n"
        for agent in agents {
            let adherence = agent.adherence.map(Self.percent) ?? "–"
            page += "<tr><td>\(text(agent.agent))</td><td class=\"number\">\(Self.count(agent.sessions, hungarian))</td>"
                + "<td class=\"number\">\(adherence)</td><td class=\"number\">\(Self.count(agent.skips, hungarian))</td>"
                + "<td class=\"number\">\(Self.count(agent.overruns, hungarian))</td></tr>\n"
        }
        page += "</tbody>\n</table></div>\n" + ReportPageShell.end
        return page
    }

    /// A horizontal bar chart: one row per label (already escaped), bars scaled to
    /// `maximum` or to the largest value.
    private static func bars(_ rows: [(label: String, value: Double, shown: String)], className: String,
                             maximum: Double? = nil) -> String {
        guard !rows.isEmpty else { return "" }
        let top = max(maximum ?? rows.map(\.value).max() ?? 1, 1)
        // Each label above its bar, so that a chart is narrow enough to be read on a phone at
        // nearly its own size: labels beside the bars made it 720 units wide, shrunk on a
        // phone to half, its text to 6 pixels.
        let rowHeight = 34, barWidth = 340, chartWidth = 400
        let height = rows.count * rowHeight + 4
        var svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(chartWidth) \(height)\" "
            + "width=\"\(chartWidth)\" height=\"\(height)\">\n"
        for (index, row) in rows.enumerated() {
            let y = index * rowHeight + 2
            let width = max(Int((row.value / top * Double(barWidth)).rounded()), 1)
            // A label longer than the chart would run off its edge: shortened, with the whole
            // of it as the text's title.
            let label = row.label.count > labelCharacters ? String(row.label.prefix(labelCharacters - 1)) + "…" : row.label
            let title = label == row.label ? "" : "<title>\(Escaping.html(row.label))</title>"
            svg += "<text x=\"0\" y=\"\(y + 12)\">\(title)\(Escaping.html(label))</text>"
                + "<rect class=\"\(className)\" x=\"0\" y=\"\(y + 16)\" width=\"\(width)\" height=\"14\"/>"
                + "<text x=\"\(width + 6)\" y=\"\(y + 27)\">\(row.shown)</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// How many characters of a label fit a chart's 400 units: ordinary text in the page's
    /// 12-unit sans-serif takes about 7 units a letter.
    private static let labelCharacters = 56
}
