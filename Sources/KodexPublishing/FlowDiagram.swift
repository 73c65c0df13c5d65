import KodexEscaping
import KodexModel

/// Draws a process as an SVG flow diagram, laid out by Kodex itself: steps in rows by
/// their distance from the first step, branches labelled with their conditions, ends
/// with their outcomes, and touchpoint steps marked with a star.
///
/// No text is ever cut: titles, conditions and outcomes wrap, a word too long for a line
/// breaks with a hyphen, and boxes, rows and the picture grow to fit. An edge between
/// neighbouring rows runs straight down through the gap; every other edge (one that skips
/// rows, goes back or sideways) runs in a lane of its own to the right of the steps, so
/// that no edge passes behind a box.
struct FlowDiagram {
    let process: KodexModel.Process
    /// The fragment link of each step, by index.
    let stepLink: (Int) -> String
    /// A prefix that keeps the SVG's ids unique on a page.
    let idPrefix: String
    let labels: [String: String]

    // Sizes in pixels; text widths are estimated from the character count at the font
    // sizes of the stylesheet (13 px for steps, 11 px for conditions and outcomes).
    private let nodeWidth = 220, gapX = 48, margin = 20, top = 36, lineHeight = 17, smallLine = 14
    private let titleColumns = 26, smallColumns = 26, laneGap = 18, endGap = 16

    /// A box of wrapped text.
    private struct Label {
        var lines: [String]
        var width: Int
        var height: Int
    }

    func svg() -> String {
        let steps = process.steps
        guard !steps.isEmpty else { return "" }
        let flow = ProcessFlow(process)
        let layers = flow.rows
        var rows: [[Int]] = Array(repeating: [], count: (layers.max() ?? 0) + 1)
        for index in steps.indices { rows[layers[index]].append(index) }

        let titles = steps.indices.map { index in
            wrap("\(index + 1). \(steps[index].title?.value ?? steps[index].id.value)",
                 columns: steps[index].touchpoints.isEmpty ? titleColumns : titleColumns - 2)
        }
        let nodeHeights = titles.map { 24 + $0.count * lineHeight }
        let outcomes: [Label?] = steps.map { step in step.end.map { small($0.value, columns: smallColumns, minimumWidth: nodeWidth - 20) } }
        // Each edge, with its condition when it is a branch.
        var edges: [(from: Int, to: Int, label: Label?, condition: String?)] = []
        for index in steps.indices {
            let conditions = flow.conditions(of: index, in: process)
            for (number, target) in flow.successors[index].enumerated() {
                let condition = conditions[number]?.value
                edges.append((index, target, condition.map { small($0, columns: 22, minimumWidth: 0) }, condition))
            }
        }
        let isAdjacent = { (edge: (from: Int, to: Int, label: Label?, condition: String?)) in layers[edge.to] == layers[edge.from] + 1 }

        var column: [Int: Int] = [:]
        for members in rows {
            for (place, index) in members.enumerated() { column[index] = place }
        }
        // Neighbours in one row are joined straight across the gap between them, which is
        // made wide enough for the condition written on it.
        let isBeside = { (edge: (from: Int, to: Int, label: Label?, condition: String?)) in
            layers[edge.to] == layers[edge.from] && abs((column[edge.to] ?? 0) - (column[edge.from] ?? 0)) == 1
        }
        let detours = edges.filter { !isAdjacent($0) && !isBeside($0) }
        let gapX = max(self.gapX, (edges.filter(isBeside).compactMap { $0.label?.width }.max() ?? 0) + 24)
        let widest = rows.map(\.count).max() ?? 1
        let columnsWidth = widest * nodeWidth + (widest - 1) * gapX
        var left: [Int: Int] = [:]
        for members in rows {
            let rowWidth = members.count * nodeWidth + (members.count - 1) * gapX
            for (place, index) in members.enumerated() {
                left[index] = margin + (columnsWidth - rowWidth) / 2 + place * (nodeWidth + gapX)
            }
        }

        // Rows: as tall as their tallest step with its outcome; gaps tall enough for the
        // conditions written in them, which sit two thirds of the way down, and for the
        // detours that run along them.
        var rowTop: [Int] = [], rowBottom: [Int] = []
        var y = top + (detours.contains { layers[$0.to] == 0 } ? 6 + 5 * detours.count : 0)
        for (row, members) in rows.enumerated() {
            rowTop.append(y)
            let height = members.map { nodeHeights[$0] + (outcomes[$0].map { endGap + $0.height } ?? 0) }.max() ?? 0
            rowBottom.append(y + height)
            let labelled = edges.filter { layers[$0.from] == row && isAdjacent($0) }.compactMap { $0.label?.height }.max() ?? 0
            y += height + max(48 + 10 * detours.count, labelled * 3 / 2 + 40)
        }
        var position: [Int: (x: Int, y: Int)] = [:]
        for index in steps.indices { position[index] = (left[index] ?? margin, rowTop[layers[index]]) }
        let lanesStart = margin + columnsWidth + 24
        let widestDetourLabel = detours.compactMap { $0.label?.width }.max() ?? 0
        let width = lanesStart + detours.count * laneGap + (widestDetourLabel > 0 ? widestDetourLabel + 12 : 0) + margin
        let height = y - 20 + margin

        let title = Escaping.html("\(labels["flow"] ?? ""): \(process.title?.value ?? process.id.value)")
        var svg = "<svg class=\"flow\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" "
        svg += "width=\"\(width)\" height=\"\(height)\" aria-labelledby=\"\(idPrefix)-title\">"
        svg += "<title id=\"\(idPrefix)-title\">\(title)</title>"
        svg += "<defs><marker id=\"\(idPrefix)-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
        svg += "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" class=\"arrowhead\"/></marker></defs>"

        // Edges first, then boxes, then the conditions over both.
        var conditions = ""
        if let first = position[0] {
            let cx = first.x + nodeWidth / 2
            svg += "<circle class=\"start\" cx=\"\(cx)\" cy=\"14\" r=\"7\"><title>\(Escaping.html(labels["start"] ?? ""))</title></circle>"
            line(cx, 21, cx, first.y, into: &svg)
        }
        var lane = 0
        // Detour conditions share one column right of the lanes: each goes below the one
        // before it when they would overlap.
        var detourLabelBottom = Int.min
        for edge in edges {
            guard let from = position[edge.from], let to = position[edge.to] else { continue }
            if isAdjacent(edge) {
                let (x1, y1) = (from.x + nodeWidth / 2, from.y + nodeHeights[edge.from])
                let (x2, y2) = (to.x + nodeWidth / 2, to.y)
                line(x1, y1, x2, y2, into: &svg)
                if let label = edge.label, let condition = edge.condition {
                    // Two thirds of the way down, where sibling branches have spread apart.
                    let labelY = y1 + (y2 - y1) * 2 / 3
                    let labelX = x1 + (x2 - x1) * 2 / 3
                    conditionBox(label, condition, centreX: labelX, centreY: labelY, into: &conditions)
                }
            } else if isBeside(edge) {
                let rightwards = to.x > from.x
                let y = from.y + min(nodeHeights[edge.from], nodeHeights[edge.to]) / 2
                let x1 = rightwards ? from.x + nodeWidth : from.x
                let x2 = rightwards ? to.x : to.x + nodeWidth
                line(x1, y, x2, y, into: &svg)
                if let label = edge.label, let condition = edge.condition {
                    conditionBox(label, condition, centreX: (x1 + x2) / 2, centreY: y - label.height / 2 - 4, into: &conditions)
                }
            } else {
                // Out of the bottom of the step, along the gap below its row to a lane of its
                // own right of the steps, along the lane, along the gap above the target's
                // row, and into the top of the target: past every box, never behind one.
                let laneX = lanesStart + lane * laneGap
                let exitX = from.x + nodeWidth / 2 + 36 + (lane % 3) * 8
                let entryX = to.x + nodeWidth / 2 + 36 + (lane % 3) * 8
                let belowY = rowBottom[layers[edge.from]] + 12 + lane * 5
                let aboveY = rowTop[layers[edge.to]] - 10 - lane * 5
                lane += 1
                svg += "<path class=\"edge detour\" d=\"M\(exitX) \(from.y + nodeHeights[edge.from])V\(belowY)H\(laneX)"
                svg += "V\(aboveY)H\(entryX)V\(to.y)\" marker-end=\"url(#\(idPrefix)-arrow)\"/>"
                if let label = edge.label, let condition = edge.condition {
                    let left = lanesStart + detours.count * laneGap + 6
                    // Below the label before it, but on the lane's own span, so its leader meets the lane.
                    let pushed = max((belowY + aboveY) / 2, detourLabelBottom == Int.min ? Int.min : detourLabelBottom + 4 + label.height / 2)
                    let middleY = min(pushed, max(belowY, aboveY))
                    detourLabelBottom = middleY + label.height - label.height / 2
                    conditionBox(label, condition, centreX: left + label.width / 2, centreY: middleY, into: &conditions)
                    svg += "<path class=\"edge leader\" d=\"M\(laneX) \(middleY)H\(left)\"/>"
                }
            }
        }
        for index in steps.indices {
            guard let point = position[index] else { continue }
            node(index, steps[index], titles[index], height: nodeHeights[index], at: point, into: &svg)
            if let end = steps[index].end, let outcome = outcomes[index] {
                let cx = point.x + nodeWidth / 2, y = point.y + nodeHeights[index]
                line(cx, y, cx, y + endGap, into: &svg)
                svg += "<g class=\"flow-end\"><rect x=\"\(cx - outcome.width / 2)\" y=\"\(y + endGap)\" width=\"\(outcome.width)\" "
                svg += "height=\"\(outcome.height)\" rx=\"\(min(12, outcome.height / 2))\"/>"
                for (number, text) in outcome.lines.enumerated() {
                    svg += "<text x=\"\(cx)\" y=\"\(y + endGap + 15 + number * smallLine)\" text-anchor=\"middle\">"
                    Escaping.appendHTML(text, to: &svg)
                    svg += "</text>"
                }
                svg += "<title>"
                Escaping.appendHTML("\(labels["end"] ?? ""): \(end.value)", to: &svg)
                svg += "</title></g>"
            }
        }
        return svg + conditions + "</svg>"
    }

    private func node(_ index: Int, _ step: Step, _ lines: [String], height: Int, at point: (x: Int, y: Int),
                      into svg: inout String) {
        svg += "<a href=\""
        Escaping.appendHTML(stepLink(index), to: &svg)
        svg += step.touchpoints.isEmpty ? "\" class=\"node\">" : "\" class=\"node touchpoint\">"
        svg += "<rect x=\"\(point.x)\" y=\"\(point.y)\" width=\"\(nodeWidth)\" height=\"\(height)\" rx=\"8\"/>"
        for (number, text) in lines.enumerated() {
            svg += "<text x=\"\(point.x + 12)\" y=\"\(point.y + 12 + 13 + number * lineHeight)\">"
            Escaping.appendHTML(text, to: &svg)
            svg += "</text>"
        }
        if !step.touchpoints.isEmpty {
            svg += "<text class=\"star\" x=\"\(point.x + nodeWidth - 20)\" y=\"\(point.y + 20)\">★</text>"
        }
        svg += "<title>"
        Escaping.appendHTML(step.title?.value ?? step.id.value, to: &svg)
        svg += "</title></a>"
    }

    private func conditionBox(_ label: Label, _ condition: String, centreX: Int, centreY: Int, into svg: inout String) {
        let left = centreX - label.width / 2, topY = centreY - label.height / 2
        svg += "<g class=\"condition\"><rect x=\"\(left)\" y=\"\(topY)\" width=\"\(label.width)\" height=\"\(label.height)\" rx=\"4\"/>"
        for (number, text) in label.lines.enumerated() {
            svg += "<text x=\"\(centreX)\" y=\"\(topY + 14 + number * smallLine)\" text-anchor=\"middle\">"
            Escaping.appendHTML(text, to: &svg)
            svg += "</text>"
        }
        svg += "<title>"
        Escaping.appendHTML(condition, to: &svg)
        svg += "</title></g>"
    }

    private func line(_ x1: Int, _ y1: Int, _ x2: Int, _ y2: Int, into svg: inout String) {
        svg += "<line class=\"edge\" x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" marker-end=\"url(#"
        svg += idPrefix
        svg += "-arrow)\"/>"
    }

    /// Small text (conditions, outcomes) in a box: 6.6 px a character at 11 px, 10 px of
    /// padding each side.
    private func small(_ text: String, columns: Int, minimumWidth: Int) -> Label {
        let lines = wrap(text, columns: columns)
        let longest = lines.map(\.count).max() ?? 0
        return Label(lines: lines, width: max(minimumWidth, Int((Double(longest) * 6.6).rounded(.up)) + 20),
                     height: lines.count * smallLine + 8)
    }

    /// `text` in lines of at most `columns` characters, nothing cut off.
    func wrap(_ text: String, columns: Int) -> [String] {
        text.wrapped(columns: columns)
    }
}
