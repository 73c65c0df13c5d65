import KodexEscaping
import KodexModel

/// The data the templates render: the codex turned into plain dictionaries and lists,
/// with links, labels and rendered rich text in place.
///
/// Templates only read what is here, so a trainer restyling a template needs no Swift.
struct HandbookData {
    let codex: Codex
    let linker: Linker
    let html: Bool
    let labels: [String: String]
    private let collation: Collation

    // Lookups
    private let rulesByID: [String: Rule]
    private let toolsByID: [String: Tool]
    private let templatesByID: [String: MessageTemplate]
    private let expectationsByID: [String: Expectation]
    private let rolesByID: [String: String]
    private let channelsByID: [String: String]

    /// Every situation with its processes and steps, built once: pages, navigation
    /// and the single file all read this one copy.
    private(set) var situations: [[String: Any]] = []

    init(codex: Codex, linker: Linker, html: Bool) {
        self.codex = codex
        self.linker = linker
        self.html = html
        labels = Labels.strings(for: codex.manifest.locale)
        collation = Collation(codex.manifest.locale)
        rulesByID = Dictionary(codex.rules.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        toolsByID = Dictionary(codex.tools.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        templatesByID = Dictionary(codex.templates.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        expectationsByID = Dictionary(codex.expectations.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        rolesByID = Dictionary(codex.manifest.roles.map { ($0.id.value, $0.title?.value ?? $0.id.value) },
                               uniquingKeysWith: { first, _ in first })
        channelsByID = Dictionary(codex.manifest.channels.map { ($0.id.value, $0.title?.value ?? $0.id.value) },
                                  uniquingKeysWith: { first, _ in first })
        // Situations are independent of one another and are built on every core.
        let builder = self
        situations = concurrentMap(codex.situations.count) { builder.situation(codex.situations[$0]) }
    }

    // MARK: - Common

    var common: [String: Any] {
        var manifest: [String: Any] = [
            "title": codex.manifest.title?.value ?? "",
            "organisation": codex.manifest.organisation?.value ?? "",
            "locale": codex.manifest.locale.rawValue,
        ]
        if let version = codex.manifest.version?.value { manifest["version"] = version }
        manifest["printTitle"] = Escaping.cssString(codex.manifest.title?.value ?? "")
        return ["codex": manifest, "labels": labels, "situations": situations, "glossaries": glossaries,
                "coverageColumns": coverageColumns]
    }

    var glossaries: [[String: Any]] {
        [("expectations", "expectations"), ("rules", "rules"), ("tools", "tools"), ("templates", "templates"),
         ("roles", "roles"), ("channels", "channels"), ("coverage", "coverage")].map {
            ["name": $0.0, "title": labels[$0.1] ?? $0.1, "href": linker.glossary($0.0), "anchor": $0.0]
        }
    }

    /// Markdown fields: rendered to safe HTML for the site, passed through for Markdown.
    private func rich(_ text: Located<String>?) -> String? {
        guard let text else { return nil }
        return html ? RichText.html(text.value) : SafeMarkdown.markdown(text.value.trimmed).trimmingCharacters(in: .newlines)
    }

    private func link(_ title: String, _ href: String) -> [String: Any] {
        ["title": title, "href": href]
    }

    // MARK: - Situations

    private func situation(_ situation: Situation) -> [String: Any] {
        let id = situation.id.value
        var data: [String: Any] = [
            "id": id,
            "title": situation.title?.value ?? id,
            "anchor": Anchor.situation(id),
            "href": linker.situation(id),
            "kindTitle": situation.knownKind?.title(in: codex.manifest.locale) ?? "",
            "channels": situation.channels.map { channelsByID[$0.value] ?? $0.value },
            "expectations": situation.expectations.map { reference -> [String: Any] in
                link(expectationsByID[reference.value]?.title?.value ?? reference.value,
                     linker.glossaryEntry("expectations", kind: "expectation", id: reference.value))
            },
            "processes": situation.processes.map { process(situation, $0) },
            "stepCount": situation.processes.reduce(0) { $0 + $1.steps.count },
        ]
        if let applies = situation.appliesWhen?.value { data["appliesWhen"] = applies }
        return data
    }

    private func process(_ situation: Situation, _ process: KodexModel.Process) -> [String: Any] {
        let sid = situation.id.value, pid = process.id.value
        let stepIDs = Dictionary(process.steps.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        var data: [String: Any] = [
            "id": pid,
            "title": process.title?.value ?? pid,
            "anchor": Anchor.process(situation: sid, process: pid),
            "steps": process.steps.enumerated().map { step(situation, process, stepIDs, $0.offset, $0.element) },
        ]
        if html {
            let fragments = process.steps.map { "#" + Anchor.step(situation: sid, process: pid, step: $0.id.value) }
            // Steps are on the same page as their diagram, in the site and in the single file.
            data["svg"] = FlowDiagram(process: process, stepLink: { fragments[$0] },
                                      idPrefix: Anchor.process(situation: sid, process: pid), labels: labels).svg()
        } else {
            data["mermaid"] = MermaidFlow(process: process).text
        }
        return data
    }

    private func step(_ situation: Situation, _ process: KodexModel.Process, _ stepIDs: [String: Step], _ index: Int,
                      _ step: Step) -> [String: Any] {
        let sid = situation.id.value, pid = process.id.value
        func stepLink(_ id: String) -> [String: Any] {
            link(stepIDs[id]?.title?.value ?? id, "#" + Anchor.step(situation: sid, process: pid, step: id))
        }
        var data: [String: Any] = [
            "number": index + 1,
            "count": process.steps.count,
            "id": step.id.value,
            "title": step.title?.value ?? step.id.value,
            "anchor": Anchor.step(situation: sid, process: pid, step: step.id.value),
            "goal": step.goal?.value ?? "",
            "effect": step.effect?.value ?? "",
            "actions": step.actions.map { ["text": $0.text.value, "optional": !$0.required] as [String: Any] },
            "touchpoints": step.touchpoints.map { touchpoint -> [String: Any] in
                var entry: [String: Any] = ["detail": touchpoint.detail.value]
                if let impression = touchpoint.impression?.value { entry["impression"] = impression }
                return entry
            },
            "say": step.say.map(\.value),
            "avoid": step.avoid.map(\.value),
            "rules": step.rules.map { reference -> [String: Any] in
                var entry = link(rulesByID[reference.value]?.title?.value ?? reference.value,
                                 linker.glossaryEntry("rules", kind: "rule", id: reference.value))
                entry["dont"] = rulesByID[reference.value]?.kind == .dont
                return entry
            },
            "tools": step.tools.map {
                link(toolsByID[$0.value]?.title?.value ?? $0.value, linker.glossaryEntry("tools", kind: "tool", id: $0.value))
            },
            "messages": step.messages.map {
                link(templatesByID[$0.value]?.title?.value ?? $0.value,
                     linker.glossaryEntry("templates", kind: "template", id: $0.value))
            },
            "branches": step.branches.compactMap { branch -> [String: Any]? in
                guard let target = branch.target?.value else { return nil }
                var entry = stepLink(target)
                entry["condition"] = branch.condition?.value ?? ""
                return entry
            },
        ]
        // Labels and the root link sit on each step too: a template looks a name up
        // through every enclosing context, so finding them here saves most of the search.
        data["labels"] = labels
        data["root"] = linker.singlePage ? "" : "../"
        data["hasActions"] = !step.actions.isEmpty
        data["hasTouchpoints"] = !step.touchpoints.isEmpty
        data["hasPhrases"] = !step.say.isEmpty || !step.avoid.isEmpty
        data["hasGuidance"] = !step.rules.isEmpty || !step.tools.isEmpty || !step.messages.isEmpty
        if let target = step.timeTarget {
            var entry: [String: Any] = ["text": target.text(in: codex.manifest.locale)]
            if let what = target.what?.value { entry["what"] = what }
            data["timeTarget"] = entry
        }
        if let role = step.role?.value { data["role"] = rolesByID[role] ?? role }
        if let end = step.end?.value { data["end"] = end }
        if let next = step.next?.value { data["next"] = stepLink(next) }
        return data
    }

    // MARK: - Roles, channels and coverage

    /// Each role with the steps only it may perform.
    var roles: [[String: Any]] {
        let usage = usages { $0.role.map { [$0] } ?? [] }
        return codex.manifest.roles.map { role in
            let id = role.id.value
            let data: [String: Any] = ["id": id, "anchor": Anchor.entry(kind: "role", id: id),
                                       "title": role.title?.value ?? id, "usedIn": usage.steps[id] ?? []]
            return data
        }
    }

    /// Each channel with the situations met on it and the templates written for it.
    var channels: [[String: Any]] {
        codex.manifest.channels.map { channel in
            let id = channel.id.value
            let situations = codex.situations.filter { $0.channels.contains { $0.value == id } }.map { situation in
                link(situation.title?.value ?? situation.id.value, linker.situation(situation.id.value))
            }
            let templates = sorted(codex.templates.filter { $0.channel?.value == id }, by: { $0.title?.value ?? $0.id.value })
                .map { template in
                    link(template.title?.value ?? template.id.value,
                         linker.glossaryEntry("templates", kind: "template", id: template.id.value))
                }
            let data: [String: Any] = ["id": id, "anchor": Anchor.entry(kind: "channel", id: id),
                                       "title": channel.title?.value ?? id, "situations": situations, "templates": templates]
            return data
        }
    }

    /// Each expectation against each situation: how many of the situation's steps use a
    /// rule or tool that meets or exceeds it. An expectation at stake in a situation with
    /// no such step is a gap the page shows.
    var coverage: [[String: Any]] {
        var covering: [String: Set<String>] = [:]
        for rule in codex.rules { covering["rule:" + rule.id.value] = Set((rule.meets + rule.exceeds).map(\.value)) }
        for tool in codex.tools { covering["tool:" + tool.id.value] = Set((tool.meets + tool.exceeds).map(\.value)) }
        // One pass over the steps: for each situation, how many steps serve each expectation.
        let counts: [[String: Int]] = codex.situations.map { situation in
            var served: [String: Int] = [:]
            for process in situation.processes {
                for step in process.steps {
                    var expectations = Set<String>()
                    for rule in step.rules { expectations.formUnion(covering["rule:" + rule.value] ?? []) }
                    for tool in step.tools { expectations.formUnion(covering["tool:" + tool.value] ?? []) }
                    for expectation in expectations { served[expectation, default: 0] += 1 }
                }
            }
            return served
        }
        let atStake = codex.situations.map { Set($0.expectations.map(\.value)) }
        // Only the links: the expectations page's entries would render every description again.
        let (metBy, exceededBy) = meetingAndExceeding
        return sorted(codex.expectations, by: { $0.title?.value ?? $0.id.value }).map { expectation in
            let id = expectation.id.value
            let cells: [[String: Any]] = codex.situations.indices.map { index in
                let steps = counts[index][id] ?? 0
                let stake = atStake[index].contains(id)
                return ["steps": steps, "gap": stake && steps == 0, "covered": steps > 0]
            }
            return ["id": id, "title": expectation.title?.value ?? id,
                    "href": linker.glossaryEntry("expectations", kind: "expectation", id: id), "cells": cells,
                    "metBy": metBy[id] ?? [], "exceededBy": exceededBy[id] ?? []]
        }
    }

    /// The situations as the coverage table's columns.
    var coverageColumns: [[String: Any]] {
        codex.situations.map { ["title": $0.title?.value ?? $0.id.value, "href": linker.situation($0.id.value)] }
    }

    // MARK: - Usage, for the glossaries' links back to steps

    private struct Usage {
        var steps: [String: [[String: Any]]] = [:]
        mutating func add(_ id: String, _ entry: [String: Any]) {
            steps[id, default: []].append(entry)
        }
    }

    private func usages(_ references: (Step) -> [Reference]) -> Usage {
        var usage = Usage()
        for situation in codex.situations {
            for process in situation.processes {
                for step in process.steps {
                    let entry: [String: Any] = [
                        "situation": situation.title?.value ?? situation.id.value,
                        "title": step.title?.value ?? step.id.value,
                        "href": linker.step(situation: situation.id.value, process: process.id.value, step: step.id.value),
                    ]
                    for reference in references(step) {
                        usage.add(reference.value, entry)
                    }
                }
            }
        }
        return usage
    }

    private func sorted<T>(_ items: [T], by title: (T) -> String) -> [T] {
        items.sorted { collation.less(title($0), title($1)) }
    }

    // MARK: - Glossaries

    /// The rules and tools that meet each expectation, and those that exceed it, apart: a
    /// rule that exceeds an expectation is not one that meets it. By expectation id, as
    /// links, in title order.
    private var meetingAndExceeding: (metBy: [String: [[String: Any]]], exceededBy: [String: [[String: Any]]]) {
        var metBy: [String: [[String: Any]]] = [:], exceededBy: [String: [[String: Any]]] = [:]
        for rule in sorted(codex.rules, by: { $0.title?.value ?? $0.id.value }) {
            let entry = link(rule.title?.value ?? rule.id.value, linker.glossaryEntry("rules", kind: "rule", id: rule.id.value))
            for reference in Set(rule.meets.map(\.value)).sorted() { metBy[reference, default: []].append(entry) }
            for reference in Set(rule.exceeds.map(\.value)).sorted() { exceededBy[reference, default: []].append(entry) }
        }
        for tool in sorted(codex.tools, by: { $0.title?.value ?? $0.id.value }) {
            let entry = link(tool.title?.value ?? tool.id.value, linker.glossaryEntry("tools", kind: "tool", id: tool.id.value))
            for reference in Set(tool.meets.map(\.value)).sorted() { metBy[reference, default: []].append(entry) }
            for reference in Set(tool.exceeds.map(\.value)).sorted() { exceededBy[reference, default: []].append(entry) }
        }
        return (metBy, exceededBy)
    }

    var expectations: [[String: Any]] {
        let (metBy, exceededBy) = meetingAndExceeding
        var atStake: [String: [[String: Any]]] = [:]
        for situation in codex.situations {
            for reference in situation.expectations {
                atStake[reference.value, default: []].append(
                    link(situation.title?.value ?? situation.id.value, linker.situation(situation.id.value)))
            }
        }
        return sorted(codex.expectations, by: { $0.title?.value ?? $0.id.value }).map { expectation in
            let id = expectation.id.value
            var data: [String: Any] = [
                "id": id, "anchor": Anchor.entry(kind: "expectation", id: id),
                "title": expectation.title?.value ?? id,
                "metBy": metBy[id] ?? [], "exceededBy": exceededBy[id] ?? [], "atStakeIn": atStake[id] ?? [],
            ]
            if let description = rich(expectation.description) { data["description"] = description }
            return data
        }
    }

    var rules: [[String: Any]] {
        let usage = usages(\.rules)
        return sorted(codex.rules, by: { $0.title?.value ?? $0.id.value }).map { rule in
            let id = rule.id.value
            var data: [String: Any] = [
                "id": id, "anchor": Anchor.entry(kind: "rule", id: id),
                "title": rule.title?.value ?? id,
                "kindLabel": labels[rule.kind == .do ? "do" : "dont"] ?? "",
                "dont": rule.kind == .dont,
                "meets": expectationLinks(rule.meets), "exceeds": expectationLinks(rule.exceeds),
                "good": rule.goodExamples.map(\.value), "bad": rule.badExamples.map(\.value),
                "usedIn": usage.steps[id] ?? [],
            ]
            if let text = rich(rule.text) { data["text"] = text }
            return data
        }
    }

    var bannedPhrases: [[String: Any]] {
        sorted(codex.bannedPhrases, by: { $0.phrase.value }).map { phrase in
            var data: [String: Any] = ["phrase": phrase.phrase.value]
            if let instead = phrase.instead?.value { data["instead"] = instead }
            if let why = phrase.why?.value { data["why"] = why }
            return data
        }
    }

    var tools: [[String: Any]] {
        let usage = usages(\.tools)
        return sorted(codex.tools, by: { $0.title?.value ?? $0.id.value }).map { tool in
            let id = tool.id.value
            var data: [String: Any] = [
                "id": id, "anchor": Anchor.entry(kind: "tool", id: id),
                "title": tool.title?.value ?? id,
                "meets": expectationLinks(tool.meets), "exceeds": expectationLinks(tool.exceeds),
                "usedIn": usage.steps[id] ?? [],
            ]
            if let description = rich(tool.description) { data["description"] = description }
            return data
        }
    }

    var templates: [[String: Any]] {
        let usage = usages(\.messages)
        return sorted(codex.templates, by: { $0.title?.value ?? $0.id.value }).map { template in
            let id = template.id.value
            var data: [String: Any] = [
                "id": id, "anchor": Anchor.entry(kind: "template", id: id),
                "title": template.title?.value ?? id,
                "body": template.body?.value ?? "",
                "bodyLines": (template.body?.value ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                    .map { String($0) },
                "placeholders": template.placeholders.map {
                    ["name": $0.id.value, "token": "{\($0.id.value)}", "meaning": $0.title?.value ?? ""]
                },
                "usedIn": usage.steps[id] ?? [],
            ]
            if let subject = template.subject?.value { data["subject"] = subject }
            if let channel = template.channel?.value { data["channel"] = channelsByID[channel] ?? channel }
            return data
        }
    }

    private func expectationLinks(_ references: [Reference]) -> [[String: Any]] {
        references.map {
            link(expectationsByID[$0.value]?.title?.value ?? $0.value,
                 linker.glossaryEntry("expectations", kind: "expectation", id: $0.value))
        }
    }
}
