import KodexModel

/// Draws a process as an SVG flow diagram, laid out by Kodex itself: steps in rows by
/// their distance from the first step, branches labelled with their conditions, ends
/// with their outcomes, and touchpoint steps marked with a star.
struct FlowDiagram {
    let process: KodexModel.Process
    /// The fragment link of each step, by index.
    let stepLink: (Int) -> String
    /// A prefix that keeps the SVG's ids unique on a page.
    let idPrefix: String
    let labels: [String: String]

    private let nodeWidth = 210, nodeHeight = 58, gapX = 56, gapY = 60, margin = 24, top = 40

    func svg() -> String {
        let steps = process.steps
        guard !steps.isEmpty else { return "" }
        let flow = ProcessFlow(process)
        let layers = self.layers(flow)
        var rows: [[Int]] = Array(repeating: [], count: (layers.max() ?? 0) + 1)
        for index in steps.indices { rows[layers[index]].append(index) }
        let widest = rows.map(\.count).max() ?? 1
        let width = margin * 2 + widest * nodeWidth + (widest - 1) * gapX + 80
        let height = top + rows.count * (nodeHeight + gapY) + margin
        var position: [Int: (x: Int, y: Int)] = [:]
        for (row, members) in rows.enumerated() {
            let rowWidth = members.count * nodeWidth + (members.count - 1) * gapX
            let left = margin + (widest * nodeWidth + (widest - 1) * gapX - rowWidth) / 2
            for (column, index) in members.enumerated() {
                position[index] = (left + column * (nodeWidth + gapX), top + row * (nodeHeight + gapY))
            }
        }

        let title = Escaping.html("\(labels["flow"] ?? ""): \(process.title?.value ?? process.id.value)")
        var svg = "<svg class=\"flow\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" "
        svg += "width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(idPrefix)-title\">"
        svg += "<title id=\"\(idPrefix)-title\">\(title)</title>"
        svg += "<defs><marker id=\"\(idPrefix)-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
        svg += "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" class=\"arrowhead\"/></marker></defs>"

        if let first = position[0] {
            let cx = first.x + nodeWidth / 2
            svg += "<circle class=\"start\" cx=\"\(cx)\" cy=\"14\" r=\"7\"><title>\(Escaping.html(labels["start"] ?? ""))</title></circle>"
            svg += line(cx, 21, cx, first.y)
        }
        for (index, step) in steps.enumerated() {
            guard let from = position[index] else { continue }
            let targets = flow.successors[index]
            for (number, target) in targets.enumerated() {
                guard let to = position[target] else { continue }
                let condition = step.branches.isEmpty ? nil : conditionText(step, flow: flow, occurrence: number)
                svg += edge(from: from, to: to, forward: layers[target] > layers[index], label: condition)
            }
            svg += node(index, step, at: from)
            if let end = step.end {
                let cx = from.x + nodeWidth / 2, y = from.y + nodeHeight
                svg += line(cx, y, cx, y + 18)
                svg += "<g class=\"end\"><rect x=\"\(from.x + 10)\" y=\"\(y + 18)\" width=\"\(nodeWidth - 20)\" height=\"24\" rx=\"12\"/>"
                svg += "<text x=\"\(cx)\" y=\"\(y + 34)\" text-anchor=\"middle\">\(Escaping.html(truncate(end.value, 30)))</text>"
                svg += "<title>\(Escaping.html("\(labels["end"] ?? ""): \(end.value)"))</title></g>"
            }
        }
        return svg + "</svg>"
    }

    /// Each step's row: its breadth-first distance from the first step; steps no path
    /// reaches go to a last row of their own.
    private func layers(_ flow: ProcessFlow) -> [Int] {
        var layer = [Int](repeating: -1, count: flow.successors.count)
        layer[0] = 0
        var queue = [0], head = 0
        while head < queue.count {
            let index = queue[head]
            head += 1
            for next in flow.successors[index] where layer[next] < 0 {
                layer[next] = layer[index] + 1
                queue.append(next)
            }
        }
        let last = (layer.max() ?? 0) + 1
        return layer.map { $0 < 0 ? last : $0 }
    }

    /// The condition of the branch behind successor `occurrence`: successors follow the
    /// branches whose targets resolve, in order.
    private func conditionText(_ step: Step, flow: ProcessFlow, occurrence: Int) -> String? {
        let resolved = step.branches.filter { $0.target.flatMap { flow.indexOfID[$0.value] } != nil }
        return occurrence < resolved.count ? resolved[occurrence].condition?.value : nil
    }

    private func node(_ index: Int, _ step: Step, at point: (x: Int, y: Int)) -> String {
        let title = step.title?.value ?? step.id.value
        let lines = wrap("\(index + 1). \(title)", width: 27, maxLines: 2)
        var svg = "<a href=\"\(Escaping.html(stepLink(index)))\" class=\"node\(step.touchpoints.isEmpty ? "" : " touchpoint")\">"
        svg += "<rect x=\"\(point.x)\" y=\"\(point.y)\" width=\"\(nodeWidth)\" height=\"\(nodeHeight)\" rx=\"8\"/>"
        let firstBaseline = point.y + (lines.count == 1 ? 34 : 25)
        for (number, text) in lines.enumerated() {
            svg += "<text x=\"\(point.x + 12)\" y=\"\(firstBaseline + number * 18)\">\(Escaping.html(text))</text>"
        }
        if !step.touchpoints.isEmpty {
            svg += "<text class=\"star\" x=\"\(point.x + nodeWidth - 18)\" y=\"\(point.y + 18)\">★</text>"
        }
        svg += "<title>\(Escaping.html(title))</title></a>"
        return svg
    }

    private func edge(from: (x: Int, y: Int), to: (x: Int, y: Int), forward: Bool, label: String?) -> String {
        var svg = ""
        let labelX: Int, labelY: Int
        if forward {
            let (x1, y1, x2, y2) = (from.x + nodeWidth / 2, from.y + nodeHeight, to.x + nodeWidth / 2, to.y)
            svg += line(x1, y1, x2, y2)
            // Labels sit nearer the target than the source, where sibling branches have
            // already spread apart.
            labelX = x1 + (x2 - x1) * 2 / 3
            labelY = y1 + (y2 - y1) * 2 / 3 + 4
        } else {
            // Backward and sideways moves bend around the right of the boxes.
            let (x1, y1) = (from.x + nodeWidth, from.y + nodeHeight / 2)
            let (x2, y2) = (to.x + nodeWidth, to.y + nodeHeight / 2)
            let bend = max(x1, x2) + 60
            svg += "<path class=\"edge back\" d=\"M\(x1) \(y1)C\(bend) \(y1) \(bend) \(y2) \(x2 + 2) \(y2)\" "
            svg += "marker-end=\"url(#\(idPrefix)-arrow)\"/>"
            labelX = bend - 10
            labelY = (y1 + y2) / 2
        }
        if let label {
            let text = truncate(label, 22)
            let width = text.count * 7 + 12
            svg += "<g class=\"condition\"><rect x=\"\(labelX - width / 2)\" y=\"\(labelY - 13)\" width=\"\(width)\" height=\"18\" rx=\"4\"/>"
            svg += "<text x=\"\(labelX)\" y=\"\(labelY)\" text-anchor=\"middle\">\(Escaping.html(text))</text>"
            svg += "<title>\(Escaping.html(label))</title></g>"
        }
        return svg
    }

    private func line(_ x1: Int, _ y1: Int, _ x2: Int, _ y2: Int) -> String {
        "<line class=\"edge\" x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" marker-end=\"url(#\(idPrefix)-arrow)\"/>"
    }

    private func truncate(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    private func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines = text.wrappedLines(width: width)
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = truncate(lines[maxLines - 1] + " …", width)
        }
        return lines.map { truncate($0, width + 2) }
    }
}
