import KodexChanges
import KodexEscaping
import KodexModel
import KodexPageTemplates

/// The data the page templates render: the codex turned into the typed values of
/// `PageModels.swift`, with links, labels and rendered rich text in place.
///
/// Templates only read what is here, so a trainer restyling a template needs no Swift.
struct HandbookData: Sendable {
    let codex: Codex
    let linker: Linker
    let html: Bool
    /// What changed since the version `kodex build --since` names, to mark on the pages.
    let changes: HandbookChanges?
    let labels: [String: String]
    private let labelTable: PageTable
    private let collation: Collation

    // Lookups
    private let rulesByID: [String: Rule]
    private let toolsByID: [String: Tool]
    private let templatesByID: [String: MessageTemplate]
    private let expectationsByID: [String: Expectation]
    private let rolesByID: [String: String]
    private let channelsByID: [String: String]

    /// Every situation, whose processes each page makes as it renders.
    private(set) var situations: [SituationData] = []

    init(codex: Codex, linker: Linker, html: Bool, changes: HandbookChanges? = nil) {
        self.codex = codex
        self.linker = linker
        self.html = html
        self.changes = changes
        labels = Labels.strings(for: codex.manifest.locale)
        labelTable = PageTable(labels)
        collation = Collation(codex.manifest.locale)
        rulesByID = Dictionary(codex.rules.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        toolsByID = Dictionary(codex.tools.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        templatesByID = Dictionary(codex.templates.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        expectationsByID = Dictionary(codex.expectations.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        rolesByID = Dictionary(codex.manifest.roles.map { ($0.id.value, $0.title?.value ?? $0.id.value) },
                               uniquingKeysWith: { first, _ in first })
        channelsByID = Dictionary(codex.manifest.channels.map { ($0.id.value, $0.title?.value ?? $0.id.value) },
                                  uniquingKeysWith: { first, _ in first })
        // A situation's processes are made from a copy of the data without the situations.
        let builder = self
        situations = codex.situations.map { builder.situation($0) }
    }

    // MARK: - Common

    var common: CommonData {
        let heading = CodexHeading(
            title: codex.manifest.title?.value ?? "", organisation: codex.manifest.organisation?.value ?? "",
            locale: codex.manifest.locale.rawValue, version: codex.manifest.version?.value,
            printTitle: Escaping.cssString(codex.manifest.title?.value ?? ""))
        return CommonData(codex: heading, labels: labelTable, situations: PageList(situations), glossaries: PageList(glossaries),
                          coverageColumns: PageList(coverageColumns))
    }

    /// The glossary pages, in the order the sidebar lists them.
    static let glossaryNames = ["expectations", "rules", "tools", "templates", "roles", "channels", "coverage"]

    /// The page that lists what changed since an earlier version, when there is one.
    static let whatsNewName = "whats-new"

    var glossaries: [GlossaryLink] {
        let names = Self.glossaryNames + (changes == nil ? [] : [Self.whatsNewName])
        return names.map { name in
            let title = labels[name == Self.whatsNewName ? "whatsNew" : name] ?? name
            return GlossaryLink(name: name, title: title, href: linker.glossary(name), anchor: name, current: false)
        }
    }

    /// Markdown fields: rendered to safe HTML for the site, passed through for Markdown.
    private func rich(_ text: Located<String>?) -> String? {
        guard let text else { return nil }
        return html ? RichText.html(text.value) : SafeMarkdown.markdown(text.value.trimmed).trimmingCharacters(in: .newlines)
    }

    private func badge(_ mark: HandbookChanges.Mark?) -> ChangeBadge? {
        HandbookChanges.badge(mark, labels: labels)
    }

    /// The "what's new" page's data, when the build compares with an earlier version.
    var whatsNew: WhatsNew? {
        changes?.page(linker: linker, labels: labels)
    }

    private func link(_ title: String, _ href: String) -> PageLink {
        PageLink(title: title, href: href)
    }

    // MARK: - Situations

    private func situation(_ situation: Situation) -> SituationData {
        let id = situation.id.value
        return SituationData(
            id: id,
            title: situation.title?.value ?? id,
            anchor: Anchor.situation(id),
            href: linker.situation(id),
            kindTitle: situation.knownKind?.title(in: codex.manifest.locale) ?? "",
            channels: PageList(situation.channels.map { channelsByID[$0.value] ?? $0.value }),
            expectations: PageList(situation.expectations.map { reference in
                link(expectationsByID[reference.value]?.title?.value ?? reference.value,
                     linker.glossaryEntry("expectations", kind: "expectation", id: reference.value))
            }),
            stepCount: situation.processes.reduce(0) { $0 + $1.steps.count },
            processCount: situation.processes.count,
            appliesWhen: situation.appliesWhen?.value,
            source: situation,
            builder: self)
    }

    /// The processes of `situation`, with their steps and flows.
    func processes(of situation: Situation) -> PageList<ProcessData> {
        PageList(situation.processes.map { process(situation, $0) })
    }

    private func process(_ situation: Situation, _ process: KodexModel.Process) -> ProcessData {
        let sid = situation.id.value, pid = process.id.value
        let stepIDs = Dictionary(process.steps.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        var data = ProcessData(
            id: pid,
            title: process.title?.value ?? pid,
            anchor: Anchor.process(situation: sid, process: pid),
            steps: PageList(process.steps.enumerated().map { step(situation, process, stepIDs, $0.offset, $0.element) }))
        if html {
            let fragments = process.steps.map { "#" + Anchor.step(situation: sid, process: pid, step: $0.id.value) }
            // Steps are on the same page as their diagram, in the site and in the single file.
            data.svg = FlowDiagram(process: process, stepLink: { fragments[$0] },
                                   idPrefix: Anchor.process(situation: sid, process: pid), labels: labels).svg()
        } else {
            data.mermaid = MermaidFlow(process: process).text
        }
        return data
    }

    private func step(_ situation: Situation, _ process: KodexModel.Process, _ stepIDs: [String: Step], _ index: Int,
                      _ step: Step) -> StepData {
        let sid = situation.id.value, pid = process.id.value
        func stepLink(_ id: String) -> PageLink {
            link(stepIDs[id]?.title?.value ?? id, "#" + Anchor.step(situation: sid, process: pid, step: id))
        }
        return StepData(
            number: index + 1,
            count: process.steps.count,
            id: step.id.value,
            title: step.title?.value ?? step.id.value,
            anchor: Anchor.step(situation: sid, process: pid, step: step.id.value),
            goal: step.goal?.value ?? "",
            effect: step.effect?.value ?? "",
            actions: PageList(step.actions.map { ActionData(text: $0.text.value, optional: !$0.required) }),
            touchpoints: PageList(step.touchpoints.map {
                TouchpointData(detail: $0.detail.value, impression: $0.impression?.value)
            }),
            say: PageList(step.say.map(\.value)),
            avoid: PageList(step.avoid.map(\.value)),
            rules: PageList(step.rules.map { reference in
                RuleLink(title: rulesByID[reference.value]?.title?.value ?? reference.value,
                         href: linker.glossaryEntry("rules", kind: "rule", id: reference.value),
                         dont: rulesByID[reference.value]?.kind == .dont)
            }),
            tools: PageList(step.tools.map {
                link(toolsByID[$0.value]?.title?.value ?? $0.value, linker.glossaryEntry("tools", kind: "tool", id: $0.value))
            }),
            messages: PageList(step.messages.map {
                link(templatesByID[$0.value]?.title?.value ?? $0.value,
                     linker.glossaryEntry("templates", kind: "template", id: $0.value))
            }),
            branches: PageList(step.branches.compactMap { branch in
                guard let target = branch.target?.value else { return nil }
                let destination = stepLink(target)
                return BranchLink(title: destination.title, href: destination.href, condition: branch.condition?.value ?? "")
            }),
            timeTarget: step.timeTarget.map { TimeTargetData(text: $0.text(in: codex.manifest.locale), what: $0.what?.value) },
            role: step.role.map { rolesByID[$0.value] ?? $0.value },
            end: step.end?.value,
            next: step.next.map { stepLink($0.value) },
            change: badge(changes?.step(situation: sid, process: pid, step: step.id.value)),
            labels: labelTable,
            root: linker.singlePage ? "" : "../")
    }

    // MARK: - Roles, channels and coverage

    /// Each role with the steps only it may perform.
    var roles: PageList<RoleEntry> {
        PageList(rolesEntries)
    }

    private var rolesEntries: [RoleEntry] {
        let usage = usages { $0.role.map { [$0] } ?? [] }
        return codex.manifest.roles.map { role in
            let id = role.id.value
            return RoleEntry(id: id, anchor: Anchor.entry(kind: "role", id: id), title: role.title?.value ?? id,
                             usedIn: usage[id] ?? [], change: badge(changes?.entry(.role, id)))
        }
    }

    /// Each channel with the situations met on it and the message templates written for it.
    var channels: PageList<ChannelEntry> {
        PageList(channelsEntries)
    }

    private var channelsEntries: [ChannelEntry] {
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
            return ChannelEntry(id: id, anchor: Anchor.entry(kind: "channel", id: id), title: channel.title?.value ?? id,
                                situations: PageList(situations), templates: PageList(templates),
                                change: badge(changes?.entry(.channel, id)))
        }
    }

    /// Each expectation against each situation: how many of the situation's steps use a
    /// rule or tool that meets or exceeds it. An expectation at stake in a situation with
    /// no such step is a gap the page shows.
    var coverage: PageList<CoverageRow> {
        PageList(coverageEntries)
    }

    private var coverageEntries: [CoverageRow] {
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
            let cells = codex.situations.indices.map { index in
                let steps = counts[index][id] ?? 0
                return CoverageCell(steps: steps, gap: atStake[index].contains(id) && steps == 0)
            }
            return CoverageRow(id: id, title: expectation.title?.value ?? id,
                               href: linker.glossaryEntry("expectations", kind: "expectation", id: id), cells: PageList(cells),
                               metBy: PageList(metBy[id] ?? []), exceededBy: PageList(exceededBy[id] ?? []))
        }
    }

    /// The situations as the coverage table's columns.
    var coverageColumns: [PageLink] {
        codex.situations.map { link($0.title?.value ?? $0.id.value, linker.situation($0.id.value)) }
    }

    // MARK: - Usage, for the glossaries' links back to steps

    /// The steps that name each id through `references`, by id.
    private func usages(_ references: (Step) -> [Reference]) -> [String: PageList<StepUse>] {
        var usage: [String: [StepUse]] = [:]
        for situation in codex.situations {
            for process in situation.processes {
                for step in process.steps {
                    let entry = StepUse(
                        situation: situation.title?.value ?? situation.id.value,
                        title: step.title?.value ?? step.id.value,
                        href: linker.step(situation: situation.id.value, process: process.id.value, step: step.id.value))
                    for reference in references(step) {
                        usage[reference.value, default: []].append(entry)
                    }
                }
            }
        }
        return usage.mapValues(PageList.init)
    }

    private func sorted<T>(_ items: [T], by title: (T) -> String) -> [T] {
        items.sorted { collation.less(title($0), title($1)) }
    }

    // MARK: - Glossaries

    /// The rules and tools that meet each expectation, and those that exceed it, apart: a
    /// rule that exceeds an expectation is not one that meets it. By expectation id, as
    /// links, in title order.
    private var meetingAndExceeding: (metBy: [String: [PageLink]], exceededBy: [String: [PageLink]]) {
        var metBy: [String: [PageLink]] = [:], exceededBy: [String: [PageLink]] = [:]
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

    var expectations: PageList<ExpectationEntry> {
        PageList(expectationsEntries)
    }

    private var expectationsEntries: [ExpectationEntry] {
        let (metBy, exceededBy) = meetingAndExceeding
        var atStake: [String: [PageLink]] = [:]
        for situation in codex.situations {
            for reference in situation.expectations {
                atStake[reference.value, default: []].append(
                    link(situation.title?.value ?? situation.id.value, linker.situation(situation.id.value)))
            }
        }
        return sorted(codex.expectations, by: { $0.title?.value ?? $0.id.value }).map { expectation in
            let id = expectation.id.value
            return ExpectationEntry(
                id: id, anchor: Anchor.entry(kind: "expectation", id: id), title: expectation.title?.value ?? id,
                description: rich(expectation.description), metBy: PageList(metBy[id] ?? []),
                exceededBy: PageList(exceededBy[id] ?? []), atStakeIn: PageList(atStake[id] ?? []),
                change: badge(changes?.entry(.expectation, id)))
        }
    }

    var rules: PageList<RuleEntry> {
        PageList(rulesEntries)
    }

    private var rulesEntries: [RuleEntry] {
        let usage = usages(\.rules)
        return sorted(codex.rules, by: { $0.title?.value ?? $0.id.value }).map { rule in
            let id = rule.id.value
            return RuleEntry(
                id: id, anchor: Anchor.entry(kind: "rule", id: id), title: rule.title?.value ?? id,
                kindLabel: labels[rule.kind == .do ? "do" : "dont"] ?? "", dont: rule.kind == .dont, text: rich(rule.text),
                meets: expectationLinks(rule.meets), exceeds: expectationLinks(rule.exceeds),
                good: PageList(rule.goodExamples.map(\.value)), bad: PageList(rule.badExamples.map(\.value)), usedIn: usage[id] ?? [],
                change: badge(changes?.entry(.rule, id)))
        }
    }

    var bannedPhrases: PageList<BannedPhraseEntry> {
        PageList(bannedPhrasesEntries)
    }

    private var bannedPhrasesEntries: [BannedPhraseEntry] {
        sorted(codex.bannedPhrases, by: { $0.phrase.value }).map { phrase in
            BannedPhraseEntry(phrase: phrase.phrase.value, instead: phrase.instead?.value, why: phrase.why?.value)
        }
    }

    var tools: PageList<ToolEntry> {
        PageList(toolsEntries)
    }

    private var toolsEntries: [ToolEntry] {
        let usage = usages(\.tools)
        return sorted(codex.tools, by: { $0.title?.value ?? $0.id.value }).map { tool in
            let id = tool.id.value
            return ToolEntry(
                id: id, anchor: Anchor.entry(kind: "tool", id: id), title: tool.title?.value ?? id,
                description: rich(tool.description), meets: expectationLinks(tool.meets),
                exceeds: expectationLinks(tool.exceeds), usedIn: usage[id] ?? [], change: badge(changes?.entry(.tool, id)))
        }
    }

    var templates: PageList<MessageTemplateEntry> {
        PageList(templatesEntries)
    }

    private var templatesEntries: [MessageTemplateEntry] {
        let usage = usages(\.messages)
        return sorted(codex.templates, by: { $0.title?.value ?? $0.id.value }).map { template in
            let id = template.id.value
            let body = template.body?.value ?? ""
            return MessageTemplateEntry(
                id: id, anchor: Anchor.entry(kind: "template", id: id), title: template.title?.value ?? id,
                subject: template.subject?.value, channel: template.channel.map { channelsByID[$0.value] ?? $0.value },
                body: body, bodyLines: PageList(body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)),
                placeholders: PageList(template.placeholders.map {
                    PlaceholderEntry(name: $0.id.value, token: "{\($0.id.value)}", meaning: $0.title?.value ?? "")
                }),
                usedIn: usage[id] ?? [], change: badge(changes?.entry(.template, id)))
        }
    }

    /// Every glossary at once, for the single file.
    var allGlossaries: GlossaryEntries {
        GlossaryEntries(expectations: expectations, rules: rules, bannedPhrases: bannedPhrases, tools: tools,
                        templates: templates, roles: roles, channels: channels, coverage: coverage)
    }

    /// One glossary, for its own page; the rules page lists the banned phrases too.
    func glossary(_ name: String) -> GlossaryEntries {
        var entries = GlossaryEntries()
        switch name {
        case "expectations": entries.expectations = expectations
        case "rules":
            entries.rules = rules
            entries.bannedPhrases = bannedPhrases
        case "tools": entries.tools = tools
        case "templates": entries.templates = templates
        case "roles": entries.roles = roles
        case "channels": entries.channels = channels
        default: entries.coverage = coverage
        }
        return entries
    }

    /// One glossary's entries, as the Markdown pages' `entries`.
    func glossaryValue(_ name: String) -> PageValue {
        switch name {
        case "expectations": return .list(expectations.values)
        case "rules": return .list(rules.values)
        case "tools": return .list(tools.values)
        case "templates": return .list(templates.values)
        case "roles": return .list(roles.values)
        case "channels": return .list(channels.values)
        default: return .list(coverage.values)
        }
    }

    private func expectationLinks(_ references: [Reference]) -> PageList<PageLink> {
        PageList(references.map {
            link(expectationsByID[$0.value]?.title?.value ?? $0.value,
                 linker.glossaryEntry("expectations", kind: "expectation", id: $0.value))
        })
    }
}
