import KodexModel
import KodexSupport

/// The codex as Zendesk's create API takes it: a macro per message template an agent
/// sends, a trigger per notice the helpdesk sends by itself, and an SLA policy of the time
/// targets marked as service levels. Each file is one request body.
struct ZendeskExport {
    let codex: Codex
    let target: HelpdeskTarget
    let words: ExportWords

    func files() -> ExportFiles {
        var files = ExportFiles()
        let senders = codex.messageSenders()
        for template in codex.templates {
            let id = template.id.value
            if let notice = template.notice?.value {
                files.add(kind: "trigger", id: id, path: "triggers/\(id).json", text: trigger(template, notice).pretty)
            } else {
                files.add(kind: "macro", id: id, path: "macros/\(id).json", text: macro(template, senders: senders[id]).pretty)
            }
        }
        if let policy = slaPolicy() {
            files.add(kind: "sla_policy", id: "kodex", path: "sla-policies/kodex.json", text: policy.pretty)
        }
        return files
    }

    /// The tag that names a template in tickets it was used on.
    static func tag(_ template: String) -> String {
        "kodex_" + String(template.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") ? Character($0) : "_" }).lowercased()
    }

    private func macro(_ template: MessageTemplate, senders: MessageSenders?) -> JSONValue {
        let message = HelpdeskMessage(template: template, target: target)
        let situations = senders?.situations ?? []
        let folder = situations.count == 1
            ? (codex.situations.first { $0.id.value == situations[0] }?.title?.value ?? situations[0])
            : words.shared
        let title = [codex.manifest.title?.value ?? "Kodex", folder, template.title?.value ?? template.id.value]
            .map { $0.replacingOccurrences(of: "::", with: ":") }.joined(separator: "::")
        let groups = target.groups(of: senders)
        return .object([("macro", .object([
            ("title", .string(title)),
            ("description", .string(provenance(codex, element: "\(words.template): \(template.id.value)"))),
            ("active", .bool(true)),
            ("actions", .array([
                action("comment_value_html", .string(message.html)),
                action("comment_mode_is_public", .bool(true)),
                action("current_tags", .string(Self.tag(template.id.value))),
            ])),
            ("restriction", groups.isEmpty ? .null : .object([("type", .string("Group")), ("ids", .array(groups.map(JSONValue.integer)))])),
        ]))])
    }

    private func trigger(_ template: MessageTemplate, _ notice: Notice) -> JSONValue {
        let message = HelpdeskMessage(template: template, target: target)
        var all: [JSONValue] = [condition("update_type", "is", notice == .acknowledgement ? "Create" : "Change")]
        if notice == .statusChange { all.append(.object([("field", .string("status")), ("operator", .string("changed"))])) }
        return .object([("trigger", .object([
            ("title", .string("Kodex: \(template.title?.value ?? template.id.value)")),
            ("description", .string(provenance(codex, element: "\(words.template): \(template.id.value), \(words.notice(notice))"))),
            ("active", .bool(true)),
            ("conditions", .object([("all", .array(all)), ("any", .array([]))])),
            ("actions", .array([
                action("notification_user", .array([.string("requester_id"), .string(message.subject ?? template.title?.value ?? ""),
                                                    .string(message.text)])),
                action("current_tags", .string(Self.tag(template.id.value))),
            ])),
        ]))])
    }

    /// One target per service level, for every priority: the codex does not rank requests
    /// by priority, so each gets the same limit. `kodex check` makes sure the limits marked
    /// for one service level agree.
    private func slaPolicy() -> JSONValue? {
        var levels: [(metric: ServiceLevelMetric, target: TimeTarget)] = []
        codex.forEachStep { _, _, step in
            guard let target = step.timeTarget, let level = target.serviceLevel?.value,
                  !levels.contains(where: { $0.metric == level }) else { return }
            levels.append((level, target))
        }
        guard !levels.isEmpty else { return nil }
        levels.sort { ServiceLevelMetric.allCases.firstIndex(of: $0.metric) ?? 0 < ServiceLevelMetric.allCases.firstIndex(of: $1.metric) ?? 0 }
        let metrics: [JSONValue] = ["urgent", "high", "normal", "low"].flatMap { priority in
            levels.map { level -> JSONValue in
                let businessHours = level.target.workingDays != nil
                let seconds = level.target.workingDays.map { $0 * target.businessDaySeconds } ?? level.target.seconds
                return .object([
                    ("priority", .string(priority)),
                    ("metric", .string(Self.metricName(level.metric))),
                    // Zendesk counts in whole minutes; a limit in seconds is rounded up, never down.
                    ("target", .integer(max(1, (seconds + 59) / 60))),
                    ("business_hours", .bool(businessHours)),
                ])
            }
        }
        return .object([("sla_policy", .object([
            ("title", .string("Kodex: \(codex.manifest.title?.value ?? "")")),
            ("description", .string(provenance(codex, element: words.servicePolicy))),
            ("filter", .object([("all", .array([])), ("any", .array([]))])),
            ("policy_metrics", .array(metrics)),
        ]))])
    }

    static func metricName(_ metric: ServiceLevelMetric) -> String {
        switch metric {
        case .firstReply: "first_reply_time"
        case .nextReply: "next_reply_time"
        case .periodicUpdate: "periodic_update_time"
        case .requesterWait: "requester_wait_time"
        case .agentWork: "agent_work_time"
        }
    }

    private func action(_ field: String, _ value: JSONValue) -> JSONValue {
        .object([("field", .string(field)), ("value", value)])
    }

    private func condition(_ field: String, _ op: String, _ value: String) -> JSONValue {
        .object([("field", .string(field)), ("operator", .string(op)), ("value", .string(value))])
    }
}
