import KodexModel
import KodexPageTemplates

// The handbook as its page templates see it: one value type per page and per part of
// one, each listing the names a template may use. A name that no type lists can never
// render; `TemplateNameTests` walks the default templates against these types.

// MARK: - Links

/// A link: the title shown and where it leads.
struct PageLink: PageRecord {
    var title: String
    var href: String

    static let table = PageFields<PageLink>(["title": .text(\.title), "href": .text(\.href)])
}

/// A link to a behavioural rule, marked when the rule says what not to do.
struct RuleLink: PageRecord {
    var title: String
    var href: String
    var dont: Bool

    static let table = PageFields<RuleLink>(["title": .text(\.title), "href": .text(\.href), "dont": .flag(\.dont)])
}

/// A branch of a step: the condition, and the step it leads to.
struct BranchLink: PageRecord {
    var title: String
    var href: String
    var condition: String

    static let table = PageFields<BranchLink>([
        "title": .text(\.title), "href": .text(\.href), "condition": .text(\.condition),
    ])
}

/// A step that uses a glossary entry, with its situation, for the entry's "used in" list.
struct StepUse: PageRecord {
    var situation: String
    var title: String
    var href: String

    static let table = PageFields<StepUse>([
        "situation": .text(\.situation), "title": .text(\.title), "href": .text(\.href),
    ])
}

/// A link in the sidebar, marked on the page it leads to.
struct NavigationLink: PageRecord {
    var title: String
    var href: String
    var current: Bool

    static let table = PageFields<NavigationLink>([
        "title": .text(\.title), "href": .text(\.href), "current": .flag(\.current),
    ])
}

/// A link of the sidebar as `html/nav-item.mustache` sees it, rendered once per link root.
struct NavigationItem: PageRecord {
    var link: NavigationLink
    var root: String
    var labels: PageTable

    static let table = PageFields<NavigationItem>([
        "title": .text(\.link.title), "href": .text(\.link.href), "current": .flag(\.link.current),
        "root": .text(\.root), "labels": .value(.table(Labels.names)) { .object($0.labels) },
    ])
}

/// A glossary page: its name, title and link.
struct GlossaryLink: PageRecord {
    var name: String
    var title: String
    var href: String
    var anchor: String
    var current: Bool

    static let table = PageFields<GlossaryLink>([
        "name": .text(\.name), "title": .text(\.title), "href": .text(\.href), "anchor": .text(\.anchor),
        "current": .flag(\.current),
    ])
}

// MARK: - Situations, processes and steps

/// The codex's heading: what every page shows at its top.
struct CodexHeading: PageRecord {
    var title: String
    var organisation: String
    var locale: String
    var version: String?
    /// The title inside a CSS string, for the printed page's running head.
    var printTitle: String

    static let table = PageFields<CodexHeading>([
        "title": .text(\.title), "organisation": .text(\.organisation), "locale": .text(\.locale),
        "version": .optionalText(\.version), "printTitle": .text(\.printTitle),
    ])
}

/// A situation, with its processes made when a page reads them.
///
/// The processes, their steps and diagrams are most of a handbook's data; made for each
/// page as it renders and dropped after it, a large site needs no more memory than one
/// page per core.
struct SituationData: PageRecord {
    var id: String
    var title: String
    var anchor: String
    var href: String
    var kindTitle: String
    var channels: PageList<String>
    var expectations: PageList<PageLink>
    var stepCount: Int
    var processCount: Int
    var appliesWhen: String?
    /// The situation in the model, and what makes its processes' data.
    let source: Situation
    let builder: HandbookData

    /// The situation's processes with their steps and flows, made anew on each read.
    var processes: PageList<ProcessData> { builder.processes(of: source) }
    /// The situation as schema.org `HowTo` JSON-LD, made when its page is rendered: it
    /// holds every step, and a handbook of many situations should not make them all up front.
    var howTo: String { HowToData.jsonLD(source, locale: builder.codex.manifest.locale) }

    static let table = PageFields<SituationData>([
        "id": .text(\.id), "title": .text(\.title), "anchor": .text(\.anchor), "href": .text(\.href),
        "kindTitle": .text(\.kindTitle), "channels": .texts(\.channels), "expectations": .list(\.expectations),
        "processes": .list(\.processes), "stepCount": .number(\.stepCount), "processCount": .number(\.processCount),
        "appliesWhen": .optionalText(\.appliesWhen), "howTo": .text(\.howTo),
    ])
}

/// A process with its steps and its flow: an SVG diagram for HTML, Mermaid for Markdown.
struct ProcessData: PageRecord {
    var id: String
    var title: String
    var anchor: String
    var steps: PageList<StepData>
    var svg: String?
    var mermaid: String?

    static let table = PageFields<ProcessData>([
        "id": .text(\.id), "title": .text(\.title), "anchor": .text(\.anchor), "steps": .list(\.steps),
        "svg": .optionalText(\.svg), "mermaid": .optionalText(\.mermaid),
    ])
}

/// An action of a step's checklist.
struct ActionData: PageRecord {
    var text: String
    var optional: Bool

    static let table = PageFields<ActionData>(["text": .text(\.text), "optional": .flag(\.optional)])
}

/// A touchpoint of a step, and the impression it must leave.
struct TouchpointData: PageRecord {
    var detail: String
    var impression: String?

    static let table = PageFields<TouchpointData>([
        "detail": .text(\.detail), "impression": .optionalText(\.impression),
    ])
}

/// A step's time target in words, and what it is for.
struct TimeTargetData: PageRecord {
    var text: String
    var what: String?

    static let table = PageFields<TimeTargetData>(["text": .text(\.text), "what": .optionalText(\.what)])
}

/// A step, with everything the agent needs on it.
struct StepData: PageRecord {
    var number: Int
    var count: Int
    var id: String
    var title: String
    var anchor: String
    var goal: String
    var effect: String
    var actions: PageList<ActionData>
    var touchpoints: PageList<TouchpointData>
    var say: PageList<String>
    var avoid: PageList<String>
    var rules: PageList<RuleLink>
    var tools: PageList<PageLink>
    var messages: PageList<PageLink>
    var branches: PageList<BranchLink>
    var timeTarget: TimeTargetData?
    var role: String?
    var end: String?
    var next: PageLink?
    /// The badge of a step new or changed since the version `kodex build --since` names.
    var change: ChangeBadge? = nil
    /// The labels and the root link sit on each step too, where a template finds them
    /// without searching the enclosing values.
    var labels: PageTable
    var root: String

    static let table = PageFields<StepData>([
        "number": .number(\.number), "count": .number(\.count), "id": .text(\.id), "title": .text(\.title),
        "anchor": .text(\.anchor), "goal": .text(\.goal), "effect": .text(\.effect), "actions": .list(\.actions),
        "touchpoints": .list(\.touchpoints), "say": .texts(\.say), "avoid": .texts(\.avoid), "rules": .list(\.rules),
        "tools": .list(\.tools), "messages": .list(\.messages), "branches": .list(\.branches),
        "timeTarget": .object(\.timeTarget), "role": .optionalText(\.role), "end": .optionalText(\.end),
        "next": .object(\.next), "change": .object(\.change),
        "labels": .value(.table(Labels.names)) { .object($0.labels) }, "root": .text(\.root),
        "hasActions": .flag { !$0.actions.isEmpty }, "hasTouchpoints": .flag { !$0.touchpoints.isEmpty },
        "hasPhrases": .flag { !$0.say.isEmpty || !$0.avoid.isEmpty },
        "hasGuidance": .flag { !$0.rules.isEmpty || !$0.tools.isEmpty || !$0.messages.isEmpty },
    ])
}

// MARK: - Glossaries

/// An expectation: the rules and tools that meet or exceed it, and where it is at stake.
struct ExpectationEntry: PageRecord {
    var id: String
    var anchor: String
    var title: String
    var description: String?
    var metBy: PageList<PageLink>
    var exceededBy: PageList<PageLink>
    var atStakeIn: PageList<PageLink>

    /// The badge of an entry new or changed since the version `kodex build --since` names.
    var change: ChangeBadge? = nil

    static let table = PageFields<ExpectationEntry>([
        "change": .object(\.change),
        "id": .text(\.id), "anchor": .text(\.anchor), "title": .text(\.title), "description": .optionalText(\.description),
        "metBy": .list(\.metBy), "exceededBy": .list(\.exceededBy), "atStakeIn": .list(\.atStakeIn),
    ])
}

/// A behavioural rule, with its examples and the steps that apply it.
struct RuleEntry: PageRecord {
    var id: String
    var anchor: String
    var title: String
    var kindLabel: String
    var dont: Bool
    var text: String?
    var meets: PageList<PageLink>
    var exceeds: PageList<PageLink>
    var good: PageList<String>
    var bad: PageList<String>
    var usedIn: PageList<StepUse>

    /// The badge of an entry new or changed since the version `kodex build --since` names.
    var change: ChangeBadge? = nil

    static let table = PageFields<RuleEntry>([
        "change": .object(\.change),
        "id": .text(\.id), "anchor": .text(\.anchor), "title": .text(\.title), "kindLabel": .text(\.kindLabel),
        "dont": .flag(\.dont), "text": .optionalText(\.text), "meets": .list(\.meets), "exceeds": .list(\.exceeds),
        "good": .texts(\.good), "bad": .texts(\.bad), "usedIn": .list(\.usedIn),
    ])
}

/// A banned phrase, what to say instead, and why.
struct BannedPhraseEntry: PageRecord {
    var phrase: String
    var instead: String?
    var why: String?

    static let table = PageFields<BannedPhraseEntry>([
        "phrase": .text(\.phrase), "instead": .optionalText(\.instead), "why": .optionalText(\.why),
    ])
}

/// A tool, with the expectations it serves and the steps that use it.
struct ToolEntry: PageRecord {
    var id: String
    var anchor: String
    var title: String
    var description: String?
    var meets: PageList<PageLink>
    var exceeds: PageList<PageLink>
    var usedIn: PageList<StepUse>

    /// The badge of an entry new or changed since the version `kodex build --since` names.
    var change: ChangeBadge? = nil

    static let table = PageFields<ToolEntry>([
        "change": .object(\.change),
        "id": .text(\.id), "anchor": .text(\.anchor), "title": .text(\.title), "description": .optionalText(\.description),
        "meets": .list(\.meets), "exceeds": .list(\.exceeds), "usedIn": .list(\.usedIn),
    ])
}

/// A placeholder of a message template.
struct PlaceholderEntry: PageRecord {
    var name: String
    var token: String
    var meaning: String

    static let table = PageFields<PlaceholderEntry>([
        "name": .text(\.name), "token": .text(\.token), "meaning": .text(\.meaning),
    ])
}

/// A message template, with its placeholders and the steps that send it.
struct MessageTemplateEntry: PageRecord {
    var id: String
    var anchor: String
    var title: String
    var subject: String?
    var channel: String?
    var body: String
    var bodyLines: PageList<String>
    var placeholders: PageList<PlaceholderEntry>
    var usedIn: PageList<StepUse>

    /// The badge of an entry new or changed since the version `kodex build --since` names.
    var change: ChangeBadge? = nil

    static let table = PageFields<MessageTemplateEntry>([
        "change": .object(\.change),
        "id": .text(\.id), "anchor": .text(\.anchor), "title": .text(\.title), "subject": .optionalText(\.subject),
        "channel": .optionalText(\.channel), "body": .text(\.body), "bodyLines": .texts(\.bodyLines),
        "placeholders": .list(\.placeholders), "usedIn": .list(\.usedIn),
    ])
}

/// A role, with the steps only it may perform.
struct RoleEntry: PageRecord {
    var id: String
    var anchor: String
    var title: String
    var usedIn: PageList<StepUse>

    /// The badge of an entry new or changed since the version `kodex build --since` names.
    var change: ChangeBadge? = nil

    static let table = PageFields<RoleEntry>([
        "change": .object(\.change),
        "id": .text(\.id), "anchor": .text(\.anchor), "title": .text(\.title), "usedIn": .list(\.usedIn),
    ])
}

/// A channel, with the situations met on it and the message templates written for it.
struct ChannelEntry: PageRecord {
    var id: String
    var anchor: String
    var title: String
    var situations: PageList<PageLink>
    var templates: PageList<PageLink>

    /// The badge of an entry new or changed since the version `kodex build --since` names.
    var change: ChangeBadge? = nil

    static let table = PageFields<ChannelEntry>([
        "change": .object(\.change),
        "id": .text(\.id), "anchor": .text(\.anchor), "title": .text(\.title), "situations": .list(\.situations),
        "templates": .list(\.templates),
    ])
}

/// One cell of the coverage table: how many of a situation's steps serve an expectation.
struct CoverageCell: PageRecord {
    var steps: Int
    var gap: Bool

    static let table = PageFields<CoverageCell>([
        "steps": .number(\.steps), "gap": .flag(\.gap), "covered": .flag { $0.steps > 0 },
    ])
}

/// One row of the coverage table: an expectation against every situation.
struct CoverageRow: PageRecord {
    var id: String
    var title: String
    var href: String
    var cells: PageList<CoverageCell>
    var metBy: PageList<PageLink>
    var exceededBy: PageList<PageLink>

    static let table = PageFields<CoverageRow>([
        "id": .text(\.id), "title": .text(\.title), "href": .text(\.href), "cells": .list(\.cells),
        "metBy": .list(\.metBy), "exceededBy": .list(\.exceededBy),
    ])
}

// MARK: - Pages

/// The sidebar of the site.
struct Navigation: PageRecord {
    /// Every situation's link, the current page's unmarked.
    var situations: [NavigationLink]
    /// The current page's place in `situations`.
    var current: Int?
    /// The situations' links already rendered, one per line: see `NavigationItems`.
    var situationItems: String
    var glossaries: PageList<GlossaryLink>

    static let table = PageFields<Navigation>([
        // Made only when a template asks: the default ones use `situationItems`, and a
        // list per page would cost the square of the situations.
        "situations": .value(.list(.object(NavigationLink.self))) { navigation in
            var links = navigation.situations
            if let current = navigation.current { links[current].current = true }
            return .objects(links)
        },
        "situationItems": .text(\.situationItems), "glossaries": .list(\.glossaries),
    ])
}

/// The links to the previous and the next page.
struct Pager: PageRecord {
    var previous: PageLink? = nil
    var next: PageLink? = nil

    static let table = PageFields<Pager>(["previous": .object(\.previous), "next": .object(\.next)])
}

/// The style sheet and scripts, inlined into the single-file handbook.
struct InlineAssets: PageRecord {
    var css: String
    var searchJS: String
    var searchIndexJSON: String

    static let table = PageFields<InlineAssets>([
        "css": .text(\.css), "searchJS": .text(\.searchJS), "searchIndexJSON": .text(\.searchIndexJSON),
    ])
}

/// A situation in the single file, which renders each situation's page body in turn.
struct SituationSection: PageRecord {
    var situation: SituationData

    static let table = PageFields<SituationSection>(["situation": .object(\.situation)])
}

/// What every page of the handbook shares: the codex's heading, the labels, and the
/// lists every page may link to.
struct CommonData: Sendable {
    var codex: CodexHeading
    var labels: PageTable
    var situations: PageList<SituationData>
    var glossaries: PageList<GlossaryLink>
    var coverageColumns: PageList<PageLink>
}

/// A page of the HTML site, or the whole single file: `html/page.mustache` renders it,
/// with the body template it names.
struct SitePage: PageRecord {
    var common: CommonData
    var root: String
    var pageTitle: String
    /// The template of the page's body, such as `situation-body`.
    var body: String
    var homeHref: String
    var navigation: Navigation
    var pager: Pager? = nil
    var situation: SituationData? = nil
    var glossary = GlossaryEntries()
    var situationPages: PageList<SituationSection>? = nil
    var inlineAssets: InlineAssets? = nil
    var whatsNew: WhatsNew? = nil

    static let table = PageFields<SitePage>([
        "whatsNew": .object(\.whatsNew),
        "codex": .object(\.common.codex), "labels": .value(.table(Labels.names)) { .object($0.common.labels) },
        "situations": .list(\.common.situations), "glossaries": .list(\.common.glossaries),
        "coverageColumns": .list(\.common.coverageColumns), "root": .text(\.root), "pageTitle": .text(\.pageTitle),
        "body": .text(\.body), "homeHref": .text(\.homeHref), "nav": .object(\.navigation), "pager": .object(\.pager),
        "situation": .object(\.situation), "expectations": .optionalList(\.glossary.expectations),
        "rules": .optionalList(\.glossary.rules), "bannedPhrases": .optionalList(\.glossary.bannedPhrases),
        "tools": .optionalList(\.glossary.tools), "templates": .optionalList(\.glossary.templates),
        "roles": .optionalList(\.glossary.roles), "channels": .optionalList(\.glossary.channels),
        "coverage": .optionalList(\.glossary.coverage), "situationPages": .optionalList(\.situationPages),
        "inlineAssets": .object(\.inlineAssets),
    ])
}

/// The glossaries a page shows: one on its own page, all of them in the single file.
struct GlossaryEntries: Sendable {
    var expectations: PageList<ExpectationEntry>?
    var rules: PageList<RuleEntry>?
    var bannedPhrases: PageList<BannedPhraseEntry>?
    var tools: PageList<ToolEntry>?
    var templates: PageList<MessageTemplateEntry>?
    var roles: PageList<RoleEntry>?
    var channels: PageList<ChannelEntry>?
    var coverage: PageList<CoverageRow>?
}

/// A page of the Markdown handbook: the index, a situation, or a glossary whose entries
/// are `entries`.
struct MarkdownPage: PageRecord {
    /// The type of each glossary page's `entries`, by glossary.
    static let entryTypes: [String: any PageObject.Type] = [
        "expectations": ExpectationEntry.self, "rules": RuleEntry.self, "tools": ToolEntry.self,
        "templates": MessageTemplateEntry.self, "roles": RoleEntry.self, "channels": ChannelEntry.self,
        "coverage": CoverageRow.self,
    ]

    /// The names of the page rendered with `template`, with the type of its entries.
    static func fields(of template: String) -> [String: PageShape] {
        var fields = Self.fields
        if let entry = entryTypes[template] { fields["entries"] = .list(.object(entry)) }
        return fields
    }

    var common: CommonData
    var root: String
    var situation: SituationData? = nil
    var entries: PageValue? = nil
    var bannedPhrases: PageList<BannedPhraseEntry>? = nil
    var whatsNew: WhatsNew? = nil

    static let table = PageFields<MarkdownPage>([
        "whatsNew": .object(\.whatsNew),
        "codex": .object(\.common.codex), "labels": .value(.table(Labels.names)) { .object($0.common.labels) },
        "situations": .list(\.common.situations), "glossaries": .list(\.common.glossaries),
        "coverageColumns": .list(\.common.coverageColumns), "root": .text(\.root),
        "situation": .object(\.situation), "entries": .value(.list(.text)) { $0.entries },
        "bannedPhrases": .optionalList(\.bannedPhrases),
    ])
}
