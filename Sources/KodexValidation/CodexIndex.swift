import KodexModel
import KodexYAML

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
    /// Every element's id as written, by kind (the kinds of ``references``).
    let definitions: [String: [Located<String>]]
    /// For each kind, the ids elements are written with that are not valid ids, by the
    /// id they were probably meant to be (`gyors elerhetoseg` → `gyors-elerhetoseg`).
    let invalidIDs: [String: Set<String>]
    /// For each kind, references that name no element, each with the element it probably
    /// meant: an element of that kind that nothing references and whose id is a near miss.
    /// Such a pair is one mistake (a typo in the reference, or an id renamed without its
    /// references), so the element is not also reported as unused.
    let nearMisses: [String: [(reference: Reference, meant: String)]]

    /// The flow of each process, by situation and process position: built once for the
    /// checks that follow the flow.
    let flows: [[ProcessFlow]]

    init(_ codex: Codex) {
        flows = codex.situations.map { $0.processes.map(ProcessFlow.init) }
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
        // Gathered in arrays of their own and steps read in place: a dictionary lookup and a
        // copy of the step per reference were a measurable part of `kodex check`.
        var channels: [Reference] = [], expectations: [Reference] = [], rules: [Reference] = []
        var tools: [Reference] = [], templates: [Reference] = [], roles: [Reference] = []
        for situation in codex.situations.indices {
            channels += codex.situations[situation].channels
            expectations += codex.situations[situation].expectations
            for process in codex.situations[situation].processes.indices {
                let steps = codex.situations[situation].processes[process].steps
                for step in steps.indices {
                    rules += steps[step].rules
                    tools += steps[step].tools
                    templates += steps[step].messages
                    if let role = steps[step].role { roles.append(role) }
                }
            }
        }
        references["channel", default: []] += channels
        references["expectation", default: []] += expectations
        references["rule", default: []] += rules
        references["tool", default: []] += tools
        references["template", default: []] += templates
        references["role", default: []] += roles
        self.references = references
        let definitions: [String: [Located<String>]] = [
            "expectation": codex.expectations.map(\.id), "rule": codex.rules.map(\.id), "tool": codex.tools.map(\.id),
            "template": codex.templates.map(\.id), "channel": codex.manifest.channels.map(\.id),
            "role": codex.manifest.roles.map(\.id),
        ]
        self.definitions = definitions
        var invalid: [String: Set<String>] = [:]
        var nearMisses: [String: [(reference: Reference, meant: String)]] = [:]
        for (kind, written) in definitions {
            for id in written where !id.value.isEmpty && !Identifier.isValid(id.value) {
                invalid[kind, default: []].insert(Identifier.suggested(for: id.value))
            }
            let ids = Set(written.map(\.value))
            let kindReferences = references[kind] ?? []
            let unreferenced = ids.subtracting(kindReferences.map(\.value)).sorted()
            guard !unreferenced.isEmpty else { continue }
            nearMisses[kind] = kindReferences.compactMap { reference in
                guard !ids.contains(reference.value),
                      let meant = Suggestion.closest(to: reference.value, in: unreferenced) else { return nil }
                return (reference, meant)
            }
        }
        invalidIDs = invalid
        self.nearMisses = nearMisses
    }

    /// The ids near misses of `kind` were probably meant to be.
    func meantByNearMisses(of kind: String) -> Set<String> {
        Set((nearMisses[kind] ?? []).map(\.meant))
    }

    /// Where the element of `kind` with `id` is defined.
    func definition(of id: String, kind: String) -> SourceSpan? {
        definitions[kind]?.first { $0.value == id }?.span
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

extension MessageTemplate {
    /// The texts that reach the customer: the subject, when there is one, and the body.
    var texts: [Located<String>] { [subject, body].compactMap { $0 } }
}
