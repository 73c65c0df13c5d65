import KodexEscaping
import KodexModel

/// A situation as a BPMN 2.0 model that process tools (bpmn.io, Camunda Modeler) open: a
/// pool per process with a start event, a user task per step (its documentation holding
/// the goal, the effect and the touchpoints), an exclusive gateway after each step that
/// branches, an end event per end with its outcome, and a diagram laid out by Kodex's own
/// flow layout, since those tools draw only models that carry their coordinates.
struct BPMNExport {
    let codex: Codex
    let words: ExportWords

    func files(situations: [Situation]) -> ExportFiles {
        var files = ExportFiles()
        for situation in situations {
            let id = situation.id.value
            files.add(kind: "bpmn", id: id, path: "\(id).bpmn", text: model(of: situation))
        }
        return files
    }

    // Sizes in BPMN's customary units: a task 160 × 80, a gateway 50, an event 36.
    private let cellWidth = 220, rowHeight = 240, taskWidth = 160, taskHeight = 80
    private let gatewaySize = 50, eventSize = 36, poolHeader = 30, poolGap = 40, margin = 40

    /// A node of the model with its place in the diagram.
    private struct Node {
        var id: String
        var element: String
        var name: String
        var documentation: String?
        var x: Int, y: Int, width: Int, height: Int
        /// The layout row: the start event's is -1, a gateway's or end's that of its step.
        var row: Int
        var incoming: [String] = []
        var outgoing: [String] = []
    }

    private struct Flow {
        var id: String
        var source: Int
        var target: Int
        var condition: String?
        var waypoints: [(Int, Int)] = []
    }

    private struct Pool {
        var process: KodexModel.Process
        var processID: String
        var nodes: [Node]
        var flows: [Flow]
        var bounds: (x: Int, y: Int, width: Int, height: Int)
    }

    func model(of situation: Situation) -> String {
        var pools: [Pool] = []
        var top = margin
        for (number, process) in situation.processes.enumerated() where !process.steps.isEmpty {
            let pool = layOut(process, number: number + 1, top: top)
            top += pool.bounds.height + poolGap
            pools.append(pool)
        }
        let situationID = "Situation_" + xmlID(situation.id.value)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        xml += "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
        xml += "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        xml += "id=\"\(situationID)\" targetNamespace=\"urn:kodex:\(Escaping.xmlAttribute(situation.id.value))\" "
        xml += "exporter=\"Kodex\" exporterVersion=\"\(KodexVersion.current)\">\n"
        xml += "  <bpmn:documentation>\(Escaping.xml(provenance(codex, element: "\(words.situation): \(situation.title?.value ?? situation.id.value)")))</bpmn:documentation>\n"
        xml += "  <bpmn:collaboration id=\"\(situationID)_collaboration\">\n"
        for pool in pools {
            xml += "    <bpmn:participant id=\"\(pool.processID)_pool\" name=\"\(Escaping.xmlAttribute(pool.process.title?.value ?? pool.process.id.value))\" processRef=\"\(pool.processID)\"/>\n"
        }
        xml += "  </bpmn:collaboration>\n"
        for pool in pools {
            xml += "  <bpmn:process id=\"\(pool.processID)\" name=\"\(Escaping.xmlAttribute(pool.process.title?.value ?? pool.process.id.value))\" isExecutable=\"true\">\n"
            for node in pool.nodes {
                xml += "    <bpmn:\(node.element) id=\"\(node.id)\" name=\"\(Escaping.xmlAttribute(node.name))\">\n"
                if let documentation = node.documentation {
                    xml += "      <bpmn:documentation>\(Escaping.xml(documentation))</bpmn:documentation>\n"
                }
                for flow in node.incoming { xml += "      <bpmn:incoming>\(flow)</bpmn:incoming>\n" }
                for flow in node.outgoing { xml += "      <bpmn:outgoing>\(flow)</bpmn:outgoing>\n" }
                xml += "    </bpmn:\(node.element)>\n"
            }
            for flow in pool.flows {
                let source = pool.nodes[flow.source].id, target = pool.nodes[flow.target].id
                xml += "    <bpmn:sequenceFlow id=\"\(flow.id)\" sourceRef=\"\(source)\" targetRef=\"\(target)\""
                if let condition = flow.condition {
                    xml += " name=\"\(Escaping.xmlAttribute(condition))\">\n"
                    xml += "      <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">\(Escaping.xml(condition))</bpmn:conditionExpression>\n"
                    xml += "    </bpmn:sequenceFlow>\n"
                } else {
                    xml += "/>\n"
                }
            }
            xml += "  </bpmn:process>\n"
        }
        xml += "  <bpmndi:BPMNDiagram id=\"\(situationID)_diagram\">\n"
        xml += "    <bpmndi:BPMNPlane id=\"\(situationID)_plane\" bpmnElement=\"\(situationID)_collaboration\">\n"
        for pool in pools {
            let b = pool.bounds
            xml += "      <bpmndi:BPMNShape id=\"\(pool.processID)_pool_di\" bpmnElement=\"\(pool.processID)_pool\" isHorizontal=\"true\">\n"
            xml += "        <dc:Bounds x=\"\(b.x)\" y=\"\(b.y)\" width=\"\(b.width)\" height=\"\(b.height)\"/>\n"
            xml += "      </bpmndi:BPMNShape>\n"
            for node in pool.nodes {
                xml += "      <bpmndi:BPMNShape id=\"\(node.id)_di\" bpmnElement=\"\(node.id)\">\n"
                xml += "        <dc:Bounds x=\"\(node.x)\" y=\"\(node.y)\" width=\"\(node.width)\" height=\"\(node.height)\"/>\n"
                xml += "      </bpmndi:BPMNShape>\n"
            }
            for flow in pool.flows {
                xml += "      <bpmndi:BPMNEdge id=\"\(flow.id)_di\" bpmnElement=\"\(flow.id)\">\n"
                for (x, y) in flow.waypoints { xml += "        <di:waypoint x=\"\(x)\" y=\"\(y)\"/>\n" }
                xml += "      </bpmndi:BPMNEdge>\n"
            }
        }
        xml += "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n"
        return xml
    }

    /// The nodes and flows of one process, placed as the handbook's diagram places the
    /// steps: rows by distance from the first step, side by side within a row. Below each
    /// task sit its gateway or its end event; flows between neighbouring rows run straight,
    /// every other flow runs around the right of the pool.
    private func layOut(_ process: KodexModel.Process, number: Int, top: Int) -> Pool {
        let processID = "Process_\(number)_" + xmlID(process.id.value)
        let prefix = "P\(number)_"
        let flow = ProcessFlow(process)
        let rows = flow.rows
        var columnOf = [Int](repeating: 0, count: rows.count)
        var rowWidths: [Int: Int] = [:]
        for index in rows.indices {
            columnOf[index] = rowWidths[rows[index], default: 0]
            rowWidths[rows[index], default: 0] += 1
        }
        let columns = rowWidths.values.max() ?? 1
        let rowCount = (rows.max() ?? 0) + 1
        let left = margin + poolHeader
        let contentTop = top + 20
        let firstRowTop = contentTop + eventSize + 50
        func cellLeft(_ index: Int) -> Int {
            // Rows with fewer steps are centred, as in the handbook.
            let offset = (columns - (rowWidths[rows[index]] ?? 1)) * cellWidth / 2
            return left + 20 + offset + columnOf[index] * cellWidth
        }
        var nodes: [Node] = []
        var flows: [Flow] = []
        let startX = cellLeft(0) + (taskWidth - eventSize) / 2
        nodes.append(Node(id: prefix + "start", element: "startEvent", name: words.start, x: startX, y: contentTop,
                          width: eventSize, height: eventSize, row: -1))
        var taskNode: [Int] = []
        for (index, step) in process.steps.enumerated() {
            taskNode.append(nodes.count)
            nodes.append(Node(id: prefix + "Task_" + xmlID(step.id.value), element: "userTask",
                              name: "\(index + 1). \(step.title?.value ?? step.id.value)", documentation: documentation(of: step),
                              x: cellLeft(index), y: firstRowTop + rows[index] * rowHeight, width: taskWidth, height: taskHeight,
                              row: rows[index]))
        }
        func connect(_ source: Int, _ target: Int, condition: String?) {
            let id = prefix + "Flow_\(flows.count + 1)"
            flows.append(Flow(id: id, source: source, target: target, condition: condition))
            nodes[source].outgoing.append(id)
            nodes[target].incoming.append(id)
        }
        if let first = taskNode.first { connect(0, first, condition: nil) }
        for (index, step) in process.steps.enumerated() {
            let task = taskNode[index]
            let below = (x: nodes[task].x + taskWidth / 2, y: nodes[task].y + taskHeight + 40)
            if let end = step.end {
                let node = nodes.count
                nodes.append(Node(id: prefix + "End_" + xmlID(step.id.value), element: "endEvent", name: end.value,
                                  x: below.x - eventSize / 2, y: below.y, width: eventSize, height: eventSize, row: rows[index]))
                connect(task, node, condition: nil)
                continue
            }
            let successors = flow.successors[index]
            if successors.count > 1 {
                let gateway = nodes.count
                nodes.append(Node(id: prefix + "Gateway_" + xmlID(step.id.value), element: "exclusiveGateway", name: words.decision,
                                  x: below.x - gatewaySize / 2, y: below.y, width: gatewaySize, height: gatewaySize, row: rows[index]))
                connect(task, gateway, condition: nil)
                let conditions = flow.conditions(of: index, in: process)
                for (number, successor) in successors.enumerated() {
                    connect(gateway, taskNode[successor], condition: conditions[number]?.value ?? "")
                }
            } else if let successor = successors.first {
                connect(task, taskNode[successor], condition: nil)
            }
        }
        let height = firstRowTop - top + rowCount * rowHeight
        let laneStart = left + 20 + columns * cellWidth + 20
        var lane = 0
        for number in flows.indices {
            let source = nodes[flows[number].source], target = nodes[flows[number].target]
            let from = (x: source.x + source.width / 2, y: source.y + source.height)
            let to = (x: target.x + target.width / 2, y: target.y)
            // Down into the next row, or from a step to its own gateway or end below it.
            let downward = target.row == source.row + 1 || (target.row == source.row && target.element != "userTask")
            if downward {
                flows[number].waypoints = from.x == to.x ? [from, to] : [from, (from.x, (from.y + to.y) / 2), (to.x, (from.y + to.y) / 2), to]
            } else {
                // Out of the right of the source, down or up a lane of its own, into the
                // right of the target: past every node, never across one.
                let x = laneStart + lane * 20
                lane += 1
                let out = (x: source.x + source.width, y: source.y + source.height / 2)
                let into = (x: target.x + target.width, y: target.y + target.height / 2)
                flows[number].waypoints = [out, (x, out.y), (x, into.y), into]
            }
        }
        // The pool's label runs down its left edge, as process tools draw it.
        let poolWidth = laneStart + lane * 20 + 20 - margin
        return Pool(process: process, processID: processID, nodes: nodes, flows: flows,
                    bounds: (margin, top, poolWidth, height))
    }

    private func documentation(of step: Step) -> String {
        var lines: [String] = []
        if let goal = step.goal { lines.append("\(words.goal): \(goal.value)") }
        if let effect = step.effect { lines.append("\(words.effect): \(effect.value)") }
        if !step.touchpoints.isEmpty {
            lines.append("\(words.touchpoints):")
            for touchpoint in step.touchpoints {
                lines.append("– \(touchpoint.detail.value)" + (touchpoint.impression.map { ": \($0.value)" } ?? ""))
            }
        }
        if let target = step.timeTarget {
            lines.append("\(words.timeTarget): \(target.text.value)" + (target.what.map { " (\($0.value))" } ?? ""))
        }
        if let role = step.role {
            let title = codex.manifest.roles.first { $0.id.value == role.value }?.title?.value ?? role.value
            lines.append("\(words.role): \(title)")
        }
        return lines.joined(separator: "\n")
    }
}

/// An XML name from an id: ids are letters, digits, `-`, `_` and `.`, which XML names
/// allow after their first character; anything else becomes `_`.
func xmlID(_ id: String) -> String {
    String(id.unicodeScalars.map { scalar -> Character in
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "-_.".unicodeScalars.contains(scalar)
            ? Character(scalar) : "_"
    })
}
