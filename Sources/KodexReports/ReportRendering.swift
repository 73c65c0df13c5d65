import Foundation
import KodexSupport

extension SessionReport {
    /// The report as JSON, in the names the report issue gives for trainers' tools.
    public var json: String { jsonValue.pretty }

    private var jsonValue: JSONValue {
        func spread(_ spread: Spread?) -> JSONValue {
            guard let spread else { return .object([("median", .null), ("p90", .null)]) }
            return .object([("median", .number(spread.median)), ("p90", .number(spread.p90))])
        }
        func counts(_ counts: [String: Int]) -> JSONValue {
            .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })
        }
        return JSONValue.object([
            ("sessions", .integer(sessions)),
            ("situations", .array(situations.map { situation in
                .object([
                    ("id", .string(situation.id)), ("sessions", .integer(situation.sessions)),
                    ("outcomes", counts(situation.outcomes)), ("handle_time_s", spread(situation.handleTime)),
                    ("steps", .array(situation.steps.map { step in
                        .object([
                            ("process", .string(step.process)), ("id", .string(step.id)), ("entered", .integer(step.entered)),
                            ("skipped", .integer(step.skipped)), ("skip_reasons", counts(step.skipReasons)),
                            ("items_left_open", counts(step.actionsLeftOpen)), ("time_s", spread(step.time)),
                            ("target_s", step.target.map { .integer($0) } ?? .null), ("overruns", .integer(step.overruns)),
                            ("branches", counts(step.branches)),
                        ] + (withNotes ? [("notes", counts(step.notes))] : []))
                    })),
                ])
            })),
            ("agents", .array(agents.map { agent in
                .object([
                    ("agent", .string(agent.agent)), ("sessions", .integer(agent.sessions)),
                    ("adherence", agent.adherence.map { .number($0) } ?? .null), ("skips", .integer(agent.skips)),
                    ("overruns", .integer(agent.overruns)),
                ])
            })),
            ("left_out", .array(leftOut.map(JSONValue.string))),
            ("damaged_lines", .integer(damagedLines)),
            ("versions", .array(versions.map { version in
                guard case .object(let fields) = version.report.jsonValue else { return .null }
                return .object([("version", .string(version.version))]
                               + fields.filter { $0.0 != "versions" && $0.0 != "left_out" })
            })),
        ])
    }

    /// The report as CSV: one row per step, with its situation's figures repeated, for a
    /// spreadsheet.
    public var csv: String {
        var output = "codex_version,situation,process,step,entered,skipped,skip_reasons,items_left_open,time_median_s,"
            + "time_p90_s,target_s,overruns,branches" + (withNotes ? ",notes\n" : "\n")
        func field(_ text: String) -> String {
            // A field a spreadsheet would read as a formula gets a quote first.
            let safe = text.first.map { "=+-@\t\r".contains($0) } == true ? "'" + text : text
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        func counts(_ counts: [String: Int]) -> String {
            field(counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
        }
        for (version, report) in [("all", self)] + versions.map({ ($0.version, $0.report) }) {
            for situation in report.situations where situation.sessions > 0 {
                for step in situation.steps {
                    output += [field(version), field(situation.id), field(step.process), field(step.id), String(step.entered), String(step.skipped),
                           counts(step.skipReasons), counts(step.actionsLeftOpen),
                           step.time.map { Self.seconds($0.median) } ?? "", step.time.map { Self.seconds($0.p90) } ?? "",
                               step.target.map(String.init) ?? "", String(step.overruns), counts(step.branches)]
                        .joined(separator: ",") + (withNotes ? "," + counts(step.notes) : "") + "\n"
                }
            }
        }
        return output
    }

    /// The report as text for a terminal, in the codex's language.
    public func table(hungarian: Bool) -> String {
        let words = hungarian
            ? (sessions: "munkamenet", outcomes: "kimenetek", handle: "kezelési idő", median: "medián", step: "lépés",
               entered: "belépve", skipped: "kihagyva", time: "idő", target: "cél", overruns: "túllépés",
               leftOpen: "nyitva hagyott teendők", branches: "elágazások", agent: "munkatárs", adherence: "betartás",
               skips: "kihagyás", none: "nincs munkamenet", leftOut: "kimaradt munkamenet (nincs a kódexben)",
               note: "megjegyzés")
            : (sessions: "sessions", outcomes: "outcomes", handle: "handle time", median: "median", step: "step",
               entered: "entered", skipped: "skipped", time: "time", target: "target", overruns: "overruns",
               leftOpen: "actions left open", branches: "branches", agent: "agent", adherence: "adherence",
               skips: "skips", none: "no sessions", leftOut: "sessions left out (not in the codex)", note: "note")
        guard sessions > 0 else { return words.none + "\n" }
        var output = "\(Self.count(sessions, hungarian)) \(words.sessions)\n"
        for situation in situations where situation.sessions > 0 {
            output += "\n\(situation.title) (\(situation.id)): \(Self.count(situation.sessions, hungarian)) \(words.sessions)"
            if let handle = situation.handleTime {
                output += ", \(words.handle) \(words.median) \(Self.duration(handle.median, hungarian)), p90 \(Self.duration(handle.p90, hungarian))"
            }
            output += "\n  \(words.outcomes): " + situation.outcomes.sorted { $0.key < $1.key }
                .map { "\($0.key) \(Self.count($0.value, hungarian))" }.joined(separator: ", ") + "\n"
            output += "  " + words.step.padding(28) + words.entered.padding(9) + words.skipped.padding(10)
                + (words.time + " " + words.median).padding(14) + "p90".padding(9) + words.target.padding(10) + words.overruns + "\n"
            for step in situation.steps {
                output += "  " + String(step.id.prefix(27)).padding(28) + Self.count(step.entered, hungarian).padding(9)
                    + Self.count(step.skipped, hungarian).padding(10) + (step.time.map { Self.duration($0.median, hungarian) } ?? "–").padding(14)
                    + (step.time.map { Self.duration($0.p90, hungarian) } ?? "–").padding(9)
                    + (step.targetText ?? "–").padding(10) + Self.count(step.overruns, hungarian) + "\n"
                for (reason, count) in step.skipReasons.sorted(by: { $0.key < $1.key }) {
                    output += "      \(words.skipped): \(Self.quoted(reason, hungarian)) ×\(Self.count(count, hungarian))\n"
                }
                for (action, count) in step.actionsLeftOpen.sorted(by: { $0.key < $1.key }) {
                    output += "      \(words.leftOpen): \(Self.quoted(action, hungarian)) ×\(Self.count(count, hungarian))\n"
                }
                for (note, count) in step.notes.sorted(by: { $0.key < $1.key }) {
                    output += "      \(words.note): \(Self.quoted(note, hungarian)) ×\(Self.count(count, hungarian))\n"
                }
                if !step.branches.isEmpty {
                    output += "      \(words.branches): " + step.branches.sorted { $0.key < $1.key }
                        .map { "→ \($0.key) ×\(Self.count($0.value, hungarian))" }.joined(separator: ", ") + "\n"
                }
            }
        }
        output += "\n  " + words.agent.padding(24) + words.sessions.padding(12) + words.adherence.padding(12)
            + words.skips.padding(10) + words.overruns + "\n"
        for agent in agents {
            let adherence = agent.adherence.map(Self.percent) ?? "–"
            output += "  " + String(agent.agent.prefix(23)).padding(24) + Self.count(agent.sessions, hungarian).padding(12)
                + adherence.padding(12) + Self.count(agent.skips, hungarian).padding(10) + Self.count(agent.overruns, hungarian) + "\n"
        }
        if !versions.isEmpty {
            output += "\n" + (hungarian ? "A kódex változatai szerint" : "By version of the codex") + "\n"
            for version in versions {
                output += "\n  " + (hungarian ? "változat" : "version") + " \(version.version): \(Self.count(version.report.sessions, hungarian)) \(words.sessions)\n"
                for situation in version.report.situations where situation.sessions > 0 {
                    for step in situation.steps where step.entered > 0 || step.skipped > 0 {
                        output += "    " + String("\(situation.id)/\(step.id)".prefix(35)).padding(36)
                            + "\(words.entered) \(Self.count(step.entered, hungarian)), \(words.skipped) \(Self.count(step.skipped, hungarian)), "
                            + "\(words.overruns) \(Self.count(step.overruns, hungarian))"
                            + (step.time.map { ", \(words.median) \(Self.duration($0.median, hungarian))" } ?? "") + "\n"
                    }
                }
            }
        }
        if !leftOut.isEmpty { output += "\n\(Self.count(leftOut.count, hungarian)) \(words.leftOut)\n" }
        return output
    }

    /// Seconds with one decimal, as every figure of the report is written.
    static func seconds(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// Text a journal holds, in the quotation marks of the codex's language: „…” in
    /// Hungarian, “…” in English.
    static func quoted(_ text: String, _ hungarian: Bool) -> String {
        (hungarian ? "„" : "“") + text + "”"
    }

    /// A share as a whole percent, the sign after the number without a space, as both
    /// languages write it.
    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }

    /// A count for a reader: from 10,000 on in groups of three, as each language writes
    /// them (`12 500` with a no-break space in Hungarian, `12,500` in English).
    static func count(_ value: Int, _ hungarian: Bool) -> String {
        let digits = String(value.magnitude)
        guard digits.count > 4 else { return String(value) }
        var grouped = ""
        for (place, digit) in digits.enumerated() {
            if place > 0, (digits.count - place) % 3 == 0 { grouped += hungarian ? "\u{A0}" : "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// Seconds with one decimal and their unit, for a reader: `152,0 mp` in Hungarian (a
    /// decimal comma, and the unit the codex's time targets are written in), `152.0 s` in
    /// English.
    static func duration(_ value: Double, _ hungarian: Bool) -> String {
        hungarian ? seconds(value).replacingOccurrences(of: ".", with: ",") + " mp" : seconds(value) + " s"
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
