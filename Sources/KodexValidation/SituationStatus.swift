import KodexModel
import KodexYAML
import KodexSupport

/// How complete one situation is against the four steps of the method.
public struct SituationStatus: Sendable, Hashable {
    /// The situation's id.
    public var id: String
    /// The situation's title.
    public var title: String
    /// The situation's kind, as written.
    public var kind: String
    /// Step 2 of the method: processes, and steps in them.
    public var processes: Int
    /// The number of steps across the processes.
    public var steps: Int
    /// Steps whose goal and effect are both real text.
    public var stepsWithGoalAndEffect: Int
    /// Step 3: processes that mark at least one touchpoint.
    public var processesWithTouchpoints: Int
    /// Step 4: expectations at stake, and those met by a rule or tool used here.
    public var expectations: Int
    /// The expectations met.
    public var expectationsMet: Int
    /// Findings located inside the situation.
    public var errors: Int
    /// Warnings located inside the situation.
    public var warnings: Int

    /// Whether the situation is complete and clean.
    public var isComplete: Bool {
        processes > 0 && steps > 0 && stepsWithGoalAndEffect == steps && processesWithTouchpoints == processes
            && expectations > 0 && expectationsMet == expectations && errors == 0 && warnings == 0
    }

    /// The status of every situation of a codex, in codex order.
    public static func all(of codex: Codex, report: ValidationReport) -> [SituationStatus] {
        let index = CodexIndex(codex)
        return codex.situations.map { situation in
            let steps = situation.processes.flatMap(\.steps)
            let met = index.expectationsMet(in: situation)
            let inside = report.diagnostics.filter { diagnostic in
                guard let span = diagnostic.span else { return false }
                return span.file == situation.span.file && span.start >= situation.span.start && span.start <= situation.span.end
            }
            return SituationStatus(
                id: situation.id.value,
                title: situation.title?.value ?? situation.id.value,
                kind: situation.kind?.value ?? "?",
                processes: situation.processes.count,
                steps: steps.count,
                stepsWithGoalAndEffect: steps.count { step in
                    guard let goal = step.goal, let effect = step.effect else { return false }
                    return !PlaceholderTextCheck.isPlaceholder(goal.value) && !PlaceholderTextCheck.isPlaceholder(effect.value)
                        && !EffectRepeatsGoalCheck.sameWords(goal.value, effect.value)
                },
                processesWithTouchpoints: situation.processes.count { process in
                    process.steps.contains { !$0.touchpoints.isEmpty }
                },
                expectations: situation.expectations.count,
                expectationsMet: situation.expectations.count { met.contains($0.value) },
                errors: inside.count { $0.severity == .error },
                warnings: inside.count { $0.severity == .warning })
        }
    }
}

/// Renders situation statuses as an aligned text table.
public enum StatusTable {
    /// The table, one row per situation, with a header and a closing line.
    ///
    /// - Parameter qualified: for the situations that require a passed exam, how many
    ///   agents passed it; a column of its own when any situation requires one.
    public static func render(_ statuses: [SituationStatus], qualified: [String: Int] = [:]) -> String {
        var header = ["situation", "kind", "processes", "steps", "goal+effect", "touchpoints", "expectations", "findings", "complete"]
        if !qualified.isEmpty { header.append("qualified") }
        var rows = [header]
        for status in statuses {
            var row = [
                status.id,
                status.kind,
                String(status.processes),
                String(status.steps),
                "\(status.stepsWithGoalAndEffect)/\(status.steps)",
                "\(status.processesWithTouchpoints)/\(status.processes)",
                "\(status.expectationsMet)/\(status.expectations)",
                status.errors + status.warnings == 0 ? "0" : "\(status.errors)E \(status.warnings)W",
                status.isComplete ? "yes" : "no",
            ]
            if !qualified.isEmpty { row.append(qualified[status.id].map(String.init) ?? "-") }
            rows.append(row)
        }
        let widths = header.indices.map { column in rows.map { TerminalWidth.of($0[column].unicodeScalars) }.max() ?? 0 }
        var output = ""
        for (number, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - TerminalWidth.of(cell.unicodeScalars))
            }
            output += cells.joined(separator: "  ").trimmed + "\n"
            if number == 0 {
                output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        let complete = statuses.count(where: \.isComplete)
        output += "\n\(complete) of \(statuses.count) situations complete\n"
        return output
    }

    /// The statuses as JSON: each situation's figures, and how many are complete.
    public static func json(_ statuses: [SituationStatus], report: ValidationReport, qualified: [String: Int] = [:]) -> String {
        let situations = statuses.map { status -> JSONValue in
            .object([
                ("id", .string(status.id)),
                ("title", .string(status.title)),
                ("kind", .string(status.kind)),
                ("processes", .integer(status.processes)),
                ("steps", .integer(status.steps)),
                ("steps_with_goal_and_effect", .integer(status.stepsWithGoalAndEffect)),
                ("processes_with_touchpoints", .integer(status.processesWithTouchpoints)),
                ("expectations", .integer(status.expectations)),
                ("expectations_met", .integer(status.expectationsMet)),
                ("errors", .integer(status.errors)),
                ("warnings", .integer(status.warnings)),
                ("complete", .bool(status.isComplete)),
                ("qualified_agents", qualified[status.id].map { .integer($0) } ?? .null),
            ])
        }
        return JSONValue.object([
            ("situations", .array(situations)),
            ("complete", .integer(statuses.count(where: \.isComplete))),
            ("total", .integer(statuses.count)),
            ("errors", .integer(report.errorCount)),
            ("warnings", .integer(report.warningCount)),
        ]).pretty
    }
}
