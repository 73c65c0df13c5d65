import KodexModel

/// Lookups over a codex that several rules need: ids by kind and what uses what.
public struct CodexIndex: Sendable {
    /// Expectation ids.
    public let expectations: Set<String>
    /// Behavioural rule ids.
    public let rules: Set<String>
    /// Tool ids.
    public let tools: Set<String>
    /// Template ids.
    public let templates: Set<String>
    /// Channel ids from the manifest.
    public let channels: Set<String>
    /// Role ids from the manifest.
    public let roles: Set<String>
    /// For each behavioural rule, the expectations it meets or exceeds.
    public let expectationsOfRule: [String: Set<String>]
    /// For each tool, the expectations it meets or exceeds.
    public let expectationsOfTool: [String: Set<String>]
    /// Every reference, by the kind of element it names ("rule", "tool", "template",
    /// "expectation", "channel", "role").
    let references: [String: [Reference]]
    /// For each kind, the ids elements are written with that are not valid ids, by the
    /// id they were probably meant to be (`gyors elerhetoseg` → `gyors-elerhetoseg`).
    let invalidIDs: [String: Set<String>]

    init(_ codex: Codex) {
        expectations = Set(codex.expectations.map(\.id.value))
        rules = Set(codex.rules.map(\.id.value))
        tools = Set(codex.tools.map(\.id.value))
        templates = Set(codex.templates.map(\.id.value))
        channels = Set(codex.manifest.channels.map(\.id.value))
        roles = Set(codex.manifest.roles.map(\.id.value))
        var ofRule: [String: Set<String>] = [:]
        for rule in codex.rules {
            ofRule[rule.id.value, default: []].formUnion((rule.meets + rule.exceeds).map(\.value))
        }
        expectationsOfRule = ofRule
        var ofTool: [String: Set<String>] = [:]
        for tool in codex.tools {
            ofTool[tool.id.value, default: []].formUnion((tool.meets + tool.exceeds).map(\.value))
        }
        expectationsOfTool = ofTool
        var references: [String: [Reference]] = [:]
        for rule in codex.rules { references["expectation", default: []] += rule.meets + rule.exceeds }
        for tool in codex.tools { references["expectation", default: []] += tool.meets + tool.exceeds }
        for template in codex.templates { if let channel = template.channel { references["channel", default: []].append(channel) } }
        for situation in codex.situations {
            references["channel", default: []] += situation.channels
            references["expectation", default: []] += situation.expectations
            for process in situation.processes {
                for step in process.steps {
                    references["rule", default: []] += step.rules
                    references["tool", default: []] += step.tools
                    references["template", default: []] += step.messages
                    if let role = step.role { references["role", default: []].append(role) }
                }
            }
        }
        self.references = references
        var invalid: [String: Set<String>] = [:]
        let kinds: [(String, [Located<String>])] = [
            ("expectation", codex.expectations.map(\.id)), ("rule", codex.rules.map(\.id)), ("tool", codex.tools.map(\.id)),
            ("template", codex.templates.map(\.id)), ("channel", codex.manifest.channels.map(\.id)),
            ("role", codex.manifest.roles.map(\.id)),
        ]
        for (kind, ids) in kinds {
            for id in ids where !id.value.isEmpty && !ObjectReader.isIdentifier(id.value) {
                invalid[kind, default: []].insert(ObjectReader.suggestedIdentifier(id.value))
            }
        }
        invalidIDs = invalid
    }

    /// The ids of `kind`.
    func ids(of kind: String) -> Set<String> {
        switch kind {
        case "expectation": return expectations
        case "rule": return rules
        case "tool": return tools
        case "template": return templates
        case "channel": return channels
        case "role": return roles
        default: return []
        }
    }

    /// References of `kind` that name no element, each with the element it probably
    /// meant: an element of that kind that nothing references and whose id is a near miss.
    /// Such a pair is one mistake (a typo in the reference, or an id renamed without its
    /// references), so the element is not also reported as unused.
    func nearMisses(of kind: String) -> [(reference: Reference, meant: String)] {
        let ids = ids(of: kind)
        let references = self.references[kind] ?? []
        let referenced = Set(references.map(\.value))
        let unreferenced = ids.subtracting(referenced).sorted()
        guard !unreferenced.isEmpty else { return [] }
        return references.compactMap { reference in
            guard !ids.contains(reference.value),
                  let meant = Suggestion.closest(to: reference.value, in: unreferenced) else { return nil }
            return (reference, meant)
        }
    }


    /// The expectations met or exceeded by the rules and tools that the steps of
    /// `situation` use.
    public func expectationsMet(in situation: Situation) -> Set<String> {
        var met = Set<String>()
        for process in situation.processes {
            for step in process.steps {
                for rule in step.rules { met.formUnion(expectationsOfRule[rule.value] ?? []) }
                for tool in step.tools { met.formUnion(expectationsOfTool[tool.value] ?? []) }
            }
        }
        return met
    }
}

extension Codex {
    /// Calls `body` with every step and the process and situation it belongs to, in
    /// codex order, without copying them into an array.
    public func forEachStep(_ body: (Situation, KodexModel.Process, Step) -> Void) {
        for situation in situations {
            for process in situation.processes {
                for step in process.steps {
                    body(situation, process, step)
                }
            }
        }
    }
}
