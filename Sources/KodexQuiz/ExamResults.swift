import Foundation
import KodexEscaping
import KodexModel
import KodexSupport

/// The results of the exams in a store, as seed `000_…` asks trainers to read them: each
/// agent against the pass mark, the hardest questions, each situation, and the spread,
/// with the agents far below the average named.
public struct ExamResults: Sendable {
    /// One agent's latest finished exam on one situation (or the whole codex).
    public struct AgentResult: Sendable {
        /// The agent.
        public var agent: String
        /// The situation's id; nil for the whole codex.
        public var situation: String?
        /// Right answers, and questions asked.
        public var score: Int
        /// Questions asked.
        public var total: Int
        /// The share right, in percent, rounded down.
        public var percent: Int
        /// The pass mark that applied.
        public var passMark: Int
        /// When it ended, in ms since 1970.
        public var finished: Int64
        /// Whether it passed, as ``ExamRecord/passed(mark:)`` says.
        public var passed: Bool
    }

    /// How one question fared.
    public struct QuestionResult: Sendable {
        /// The question's id.
        public var id: String
        /// Its text, when the bank still has it.
        public var ask: String?
        /// How many answered it, and how many right.
        public var answered: Int
        /// How many answered it right.
        public var right: Int
        /// The share right, in percent.
        public var percent: Int { answered == 0 ? 0 : right * 100 / answered }
    }

    /// One situation's exams.
    public struct SituationResult: Sendable {
        /// The situation's id; nil for the whole codex.
        public var situation: String?
        /// Its title.
        public var title: String
        /// Exams counted.
        public var exams: Int
        /// How many passed.
        public var passed: Int
        /// The mean share right, in percent.
        public var mean: Double
    }

    /// Each agent's latest finished exam per situation, by agent then situation.
    public var agents: [AgentResult]
    /// The questions, hardest first.
    public var questions: [QuestionResult]
    /// Each situation examined.
    public var situations: [SituationResult]
    /// The mean of the agents' shares, in percent.
    public var mean: Double
    /// Their standard deviation.
    public var standardDeviation: Double
    /// The results more than one standard deviation below the mean: who needs attention.
    public var farBelow: [AgentResult]
    /// Exams begun and not finished.
    public var unfinished: Int
    /// The codex's language.
    public var locale: Manifest.Locale

    /// The results of `records`, against the pass marks and questions of `codex`.
    public init(records: [ExamRecord], codex: Codex) {
        locale = codex.manifest.locale
        unfinished = records.count { !$0.isFinished }
        var latest: [String: ExamRecord] = [:]
        for record in records where record.isFinished {
            let key = record.agent + "\u{0}" + (record.situation ?? "")
            if let earlier = latest[key], (earlier.ended ?? 0) > (record.ended ?? 0) { continue }
            latest[key] = record
        }
        let chosen = latest.values.sorted { ($0.agent, $0.situation ?? "") < ($1.agent, $1.situation ?? "") }
        agents = chosen.map { record in
            let mark = codex.manifest.qualification.passMark(for: record.situation)
            return AgentResult(agent: record.agent, situation: record.situation, score: record.score, total: record.questions.count,
                               percent: record.percent, passMark: mark, finished: record.ended ?? 0,
                               passed: record.passed(mark: mark))
        }
        let asks = Dictionary(codex.questions.map { ($0.id.value, $0.ask?.value ?? "") }, uniquingKeysWith: { first, _ in first })
        var tally: [String: (answered: Int, right: Int)] = [:]
        for record in chosen {
            for (id, answer) in record.answers {
                tally[id, default: (0, 0)].answered += 1
                if answer.right { tally[id, default: (0, 0)].right += 1 }
            }
        }
        questions = tally.map { QuestionResult(id: $0.key, ask: asks[$0.key], answered: $0.value.answered, right: $0.value.right) }
            .sorted { ($0.percent, $0.id) < ($1.percent, $1.id) }
        let titles = Dictionary(codex.situations.map { ($0.id.value, $0.title?.value ?? $0.id.value) }, uniquingKeysWith: { first, _ in first })
        let whole = codex.manifest.title?.value ?? (locale == .hu ? "A teljes kódex" : "The whole codex")
        var bySituation: [SituationResult] = []
        for (key, results) in Dictionary(grouping: agents, by: { $0.situation ?? "" }) {
            let title: String = key.isEmpty ? whole : titles[key] ?? key
            let total = results.map(\.percent).reduce(0, +)
            bySituation.append(SituationResult(situation: key.isEmpty ? nil : key, title: title, exams: results.count,
                                               passed: results.count(where: \.passed), mean: Double(total) / Double(results.count)))
        }
        situations = bySituation.sorted { ($0.situation ?? "") < ($1.situation ?? "") }
        let shares = agents.map { Double($0.percent) }
        mean = shares.isEmpty ? 0 : shares.reduce(0, +) / Double(shares.count)
        let mean = mean
        standardDeviation = shares.isEmpty ? 0 : (shares.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(shares.count)).squareRoot()
        let floor = mean - standardDeviation
        farBelow = standardDeviation > 0 ? agents.filter { Double($0.percent) < floor } : []
    }

    private var hu: Bool { locale == .hu }
    private func words(_ hungarian: String, _ english: String) -> String { hu ? hungarian : english }

    private func title(of situation: String?) -> String {
        situations.first { $0.situation == situation }?.title ?? situation ?? ""
    }

    /// A figure with one decimal, written as the codex's language writes it: `28,8` in Hungarian.
    private func number(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return hu ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    private func date(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    // MARK: - Formats

    /// The results as text for the terminal.
    public var table: String {
        guard !agents.isEmpty else {
            return words("Még nincs befejezett vizsga.", "No exam has been finished yet.")
                + (unfinished > 0 ? " " + words("\(unfinished) elkezdve.", "\(unfinished) begun.") : "") + "\n"
        }
        var lines = [words("Munkatársak", "Agents")]
        for result in agents {
            lines.append("  \(result.agent) · \(title(of: result.situation)): \(result.score)/\(result.total) (\(result.percent)%), "
                + words("követelmény", "pass mark") + " \(result.passMark)%: "
                + (result.passed ? words("megfelelt", "passed") : words("nem felelt meg", "not passed")))
        }
        lines.append("")
        lines.append(words("Szórás", "Spread") + ": " + words("átlag", "mean") + " \(number(mean))%, "
            + words("szórás", "standard deviation") + " \(number(standardDeviation)) " + words("százalékpont", "points"))
        if farBelow.isEmpty {
            lines.append("  " + words("senki sincs egy szórásnál többel az átlag alatt", "no one is more than one standard deviation below the mean"))
        } else {
            lines.append("  " + words("egy szórásnál többel az átlag alatt, figyelmet kér:", "more than one standard deviation below the mean, needs attention:"))
            for result in farBelow { lines.append("    \(result.agent) · \(title(of: result.situation)): \(result.percent)%") }
        }
        lines.append("")
        lines.append(words("Helyzetek", "Situations"))
        for situation in situations {
            lines.append("  \(situation.title): \(situation.exams) " + words("vizsga", "exams") + ", \(situation.passed) "
                + words("megfelelt", "passed") + ", " + words("átlag", "mean") + " \(number(situation.mean))%")
        }
        lines.append("")
        lines.append(words("A legnehezebb kérdések", "The hardest questions"))
        for question in questions.prefix(10) {
            lines.append("  \(question.percent)% (\(question.right)/\(question.answered)) \(question.ask ?? question.id)")
        }
        if unfinished > 0 { lines.append("\n" + words("\(unfinished) vizsga elkezdve, nincs befejezve.", "\(unfinished) exams begun and not finished.")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The results as one JSON document.
    public var json: String {
        func agent(_ result: AgentResult) -> JSONValue {
            .object([("agent", .string(result.agent)), ("situation", result.situation.map { .string($0) } ?? .null),
                     ("score", .integer(result.score)), ("total", .integer(result.total)), ("percent", .integer(result.percent)),
                     ("pass_mark", .integer(result.passMark)), ("passed", .bool(result.passed)),
                     ("finished", .string(date(result.finished)))])
        }
        return JSONValue.object([
            ("agents", .array(agents.map(agent))),
            ("spread", .object([("mean", .number(mean)), ("standard_deviation", .number(standardDeviation)),
                                ("far_below", .array(farBelow.map(agent)))])),
            ("situations", .array(situations.map { situation in
                .object([("situation", situation.situation.map { .string($0) } ?? .null), ("title", .string(situation.title)),
                         ("exams", .integer(situation.exams)), ("passed", .integer(situation.passed)), ("mean", .number(situation.mean))])
            })),
            ("questions", .array(questions.map { question in
                .object([("id", .string(question.id)), ("ask", question.ask.map { .string($0) } ?? .null),
                         ("answered", .integer(question.answered)), ("right", .integer(question.right)),
                         ("percent", .integer(question.percent))])
            })),
            ("unfinished", .integer(unfinished)),
        ]).pretty
    }

    /// One row per agent and situation, for a spreadsheet.
    public var csv: String {
        func field(_ text: String) -> String {
            // A leading =, +, - or @ would be run as a formula by a spreadsheet.
            let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
            return safe.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
        }
        var lines = ["agent,situation,score,total,percent,pass_mark,passed,far_below,finished"]
        for result in agents {
            let below = farBelow.contains { $0.agent == result.agent && $0.situation == result.situation }
            lines.append([field(result.agent), field(result.situation ?? ""), "\(result.score)", "\(result.total)", "\(result.percent)",
                          "\(result.passMark)", "\(result.passed)", "\(below)", date(result.finished)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One offline HTML page in the handbook's style (`css`, inlined), the distribution of
    /// the results drawn as an SVG histogram with the mean and the pass mark marked.
    public func html(title: String, css: String) -> String {
        func text(_ value: String) -> String { Escaping.html(value) }
        var page = ReportPageShell.start(
            title: words("Vizsgaeredmények", "Exam results") + " – " + title, language: hu ? "hu" : "en", css: css,
            extraCSS: ".report .bar { fill: #2a6fb0; } .report .below { fill: #a00; } "
                + ".report .mark { stroke: currentColor; stroke-dasharray: 4 3; }")
        page += """
            <h1>\(text(words("Vizsgaeredmények", "Exam results"))) – \(text(title))</h1>

            """
        if agents.isEmpty {
            return page + "<p>" + text(words("Még nincs befejezett vizsga.", "No exam has been finished yet.")) + "</p>\n" + ReportPageShell.end
        }
        page += "<p>" + text(words("Átlag", "Mean")) + " \(number(mean))%, " + text(words("szórás", "standard deviation"))
            + " \(number(standardDeviation)) " + text(words("százalékpont", "points")) + "; \(agents.count) "
            + text(words("eredmény", "results")) + (unfinished > 0 ? ", \(unfinished) " + text(words("befejezetlen vizsga", "unfinished exams")) : "")
            + ".</p>\n"
        page += "<h2>" + text(words("Az eredmények eloszlása", "How the results spread")) + "</h2>\n" + histogram()
        page += "<h2>" + text(words("Figyelmet kér", "Needs attention")) + "</h2>\n"
        page += farBelow.isEmpty
            ? "<p>" + text(words("Senki sincs egy szórásnál többel az átlag alatt.", "No one is more than one standard deviation below the mean.")) + "</p>\n"
            : "<ul>" + farBelow.map { "<li>\(text($0.agent)) · \(text(self.title(of: $0.situation))): \($0.percent)%</li>" }.joined() + "</ul>\n"
        page += "<h2>" + text(words("Munkatársak", "Agents")) + "</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>"
            + [words("Munkatárs", "Agent"), words("Vizsga", "Exam"), words("Helyes", "Right"), "%", words("Követelmény", "Pass mark"),
               words("Eredmény", "Result")].map(text).joined(separator: "</th><th>") + "</th></tr></thead>\n<tbody>\n"
        for result in agents {
            page += "<tr><td>\(text(result.agent))</td><td>\(text(self.title(of: result.situation)))</td>"
                + "<td class=\"number\">\(result.score)/\(result.total)</td><td class=\"number\">\(result.percent)</td>"
                + "<td class=\"number\">\(result.passMark)%</td><td>"
                + text(result.passed ? words("megfelelt", "passed") : words("nem felelt meg", "not passed")) + "</td></tr>\n"
        }
        page += "</tbody>\n</table></div>\n<h2>" + text(words("Helyzetek", "Situations")) + "</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>"
            + [words("Helyzet", "Situation"), words("Vizsgák", "Exams"), words("Megfelelt", "Passed"), words("Átlag", "Mean")].map(text)
                .joined(separator: "</th><th>") + "</th></tr></thead>\n<tbody>\n"
        for situation in situations {
            page += "<tr><td>\(text(situation.title))</td><td class=\"number\">\(situation.exams)</td>"
                + "<td class=\"number\">\(situation.passed)</td><td class=\"number\">\(number(situation.mean))%</td></tr>\n"
        }
        page += "</tbody>\n</table></div>\n<h2>" + text(words("A legnehezebb kérdések", "The hardest questions"))
            + "</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>"
            + [words("Kérdés", "Question"), words("Helyes", "Right"), "%"].map(text).joined(separator: "</th><th>") + "</th></tr></thead>\n<tbody>\n"
        for question in questions.prefix(20) {
            page += "<tr><td>\(text(question.ask ?? question.id))</td><td class=\"number\">\(question.right)/\(question.answered)</td>"
                + "<td class=\"number\">\(question.percent)</td></tr>\n"
        }
        return page + "</tbody>\n</table></div>\n" + ReportPageShell.end
    }

    /// Ten columns, 0–9% to 90–100%, each the number of results in it; the columns below
    /// one standard deviation under the mean drawn in red, the mean and the pass mark as lines.
    private func histogram() -> String {
        var counts = [Int](repeating: 0, count: 10)
        for result in agents { counts[min(9, result.percent / 10)] += 1 }
        let top = max(counts.max() ?? 1, 1)
        // The top 34 points hold the lines' labels; the columns stand below them.
        let left = 30, width = 600, height = 200, column = width / 10, top2 = 34
        var svg = "<svg class=\"chart\" role=\"img\" aria-label=\"\(Escaping.html(words("Az eredmények eloszlása", "How the results spread")))\" "
            + "viewBox=\"0 0 \(left + width + 10) \(height + top2 + 34)\" width=\"\(left + width + 10)\" height=\"\(height + top2 + 34)\">\n"
        for (index, count) in counts.enumerated() {
            let barHeight = count * (height - 16) / top
            let x = left + index * column
            let low = Double(index * 10 + 9) < mean - standardDeviation
            let base = top2 + height
            svg += "<rect class=\"\(low ? "below" : "bar")\" x=\"\(x + 2)\" y=\"\(base - barHeight)\" width=\"\(column - 4)\" height=\"\(barHeight)\"/>"
            if count > 0 { svg += "<text x=\"\(x + column / 2)\" y=\"\(base - barHeight - 4)\" text-anchor=\"middle\">\(count)</text>" }
            svg += "<text x=\"\(x + column / 2)\" y=\"\(base + 18)\" text-anchor=\"middle\">\(index * 10)–\(index == 9 ? 100 : index * 10 + 9)%</text>\n"
        }
        // The two lines' labels sit on rows of their own, so that a mean close to the pass
        // mark does not write one over the other.
        func line(at percent: Double, label: String, row: Int) -> String {
            let x = left + Int(percent / 100 * Double(width))
            let leftOfLine = percent > 80
            return "<line class=\"mark\" x1=\"\(x)\" y1=\"\(4 + row * 14)\" x2=\"\(x)\" y2=\"\(height + top2)\"/>"
                + "<text x=\"\(leftOfLine ? x - 4 : x + 4)\" y=\"\(14 + row * 14)\" text-anchor=\"\(leftOfLine ? "end" : "start")\">"
                + "\(Escaping.html(label))</text>\n"
        }
        svg += line(at: mean, label: words("átlag", "mean") + " " + number(mean) + "%", row: 0)
        let marks = Set(agents.map(\.passMark))
        if marks.count == 1, let mark = marks.first {
            svg += line(at: Double(mark), label: words("követelmény", "pass mark") + " \(mark)%", row: 1)
        }
        return svg + "</svg>\n"
    }
}

extension ExamStore {
    /// Whether `agent` has a finished exam on `situation` at or above its pass mark.
    public func hasPassed(agent: String, situation: String, codex: Codex) -> Bool {
        qualifiedAgents(in: codex, situations: [situation])[situation]?.contains(agent) == true
    }

    /// The agents with a pass on each of `situations` (by default, those the codex's
    /// qualification requires), by situation id.
    public func qualifiedAgents(in codex: Codex, situations: [String]? = nil) -> [String: Set<String>] {
        let all = records()
        var qualified: [String: Set<String>] = [:]
        for id in situations ?? codex.manifest.qualification.situations.map(\.id.value) {
            let mark = codex.manifest.qualification.passMark(for: id)
            qualified[id] = Set(all.filter { $0.situation == id && $0.passed(mark: mark) }.map(\.agent))
        }
        return qualified
    }
}
