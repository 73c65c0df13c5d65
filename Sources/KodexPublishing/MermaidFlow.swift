import KodexModel

/// A process as a Mermaid `flowchart`, for the Markdown handbook: GitHub and GitLab draw
/// it where the Markdown is shown. Same flow as ``FlowDiagram``: a start, each step with
/// its number and title (★ for a touchpoint), branches labelled with their conditions,
/// ends with their outcomes.
struct MermaidFlow {
    let process: KodexModel.Process

    var text: String {
        let steps = process.steps
        guard !steps.isEmpty else { return "" }
        let flow = ProcessFlow(process)
        // Lines are indented four spaces, so that no label can close the code fence.
        var lines = ["flowchart TD", "    start((\" \")) --> s0"]
        for (index, step) in steps.enumerated() {
            let star = step.touchpoints.isEmpty ? "" : " ★"
            lines.append("    s\(index)[\"\(Self.escape("\(index + 1). \(step.title?.value ?? step.id.value)"))\(star)\"]")
        }
        for (index, step) in steps.enumerated() {
            let conditions = flow.conditions(of: index, in: process)
            for (number, target) in flow.successors[index].enumerated() {
                if let condition = conditions[number]?.value {
                    lines.append("    s\(index) -->|\"\(Self.escape(condition))\"| s\(target)")
                } else {
                    lines.append("    s\(index) --> s\(target)")
                }
            }
            if let end = step.end {
                lines.append("    s\(index) --> e\(index)([\"\(Self.escape(end.value))\"])")
            }
        }
        lines.append("    classDef outcome fill:#e7f5ec,stroke:#5b6673")
        let ends = steps.indices.filter { steps[$0].end != nil }.map { "e\($0)" }
        if !ends.isEmpty { lines.append("    class \(ends.joined(separator: ",")) outcome") }
        return lines.joined(separator: "\n")
    }

    /// Text for inside a quoted Mermaid label: Mermaid's own entity codes for the
    /// characters that would end the label, start an entity or open markup, and no line
    /// breaks.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\"": result += "#quot;"
            case "#": result += "#35;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            case "&": result += "#amp;"
            case "`": result += "#96;"
            case "\n", "\r", "\t": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
