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
