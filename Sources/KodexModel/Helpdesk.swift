import KodexYAML

/// How the codex's messages and time targets reach the helpdesks a company uses: for each
/// helpdesk the manifest enables, what each `{placeholder}` becomes there and which group
/// of agents each role is.
public struct HelpdeskSettings: Sendable, Equatable {
    /// Zendesk: macros, triggers and an SLA policy.
    public var zendesk: HelpdeskTarget?
    /// Freshdesk: canned responses.
    public var freshdesk: HelpdeskTarget?
    /// Help Scout: saved replies.
    public var helpScout: HelpdeskTarget?

    /// Creates settings that enable no helpdesk.
    public init() {}

    /// The helpdesks the manifest enables, in a fixed order.
    public var enabled: [HelpdeskTarget] {
        [zendesk, freshdesk, helpScout].compactMap(\.self)
    }

    /// The settings of one helpdesk, when enabled.
    public func target(_ kind: HelpdeskKind) -> HelpdeskTarget? {
        switch kind {
        case .zendesk: zendesk
        case .freshdesk: freshdesk
        case .helpScout: helpScout
        }
    }
}

/// A helpdesk Kodex exports to.
public enum HelpdeskKind: String, Sendable, CaseIterable {
    /// Zendesk Support.
    case zendesk
    /// Freshdesk.
    case freshdesk
    /// Help Scout.
    case helpScout = "helpscout"

    /// The product's name.
    public var title: String {
        switch self {
        case .zendesk: "Zendesk"
        case .freshdesk: "Freshdesk"
        case .helpScout: "Help Scout"
        }
    }

    /// Whether a text holds one of the helpdesk's own variables, which it fills in
    /// itself: `{{ticket.id}}` in Zendesk and Freshdesk, `{%customer.firstName%}` in Help Scout.
    public func holdsVariable(_ text: String) -> Bool {
        switch self {
        case .zendesk, .freshdesk: text.contains("{{") && text.contains("}}")
        case .helpScout: text.contains("{%") && text.contains("%}")
        }
    }
}

/// One helpdesk's settings from the manifest.
public struct HelpdeskTarget: Sendable, Equatable {
    /// Which helpdesk.
    public var kind: HelpdeskKind
    /// What each codex placeholder becomes in the helpdesk, such as `{{ticket.id}}`.
    public var placeholders: [PlaceholderMapping] = []
    /// The helpdesk group of agents each codex role is, by the group's numeric id.
    public var groups: [RoleGroup] = []
    /// Freshdesk's folder of canned responses, by its numeric id.
    public var folder: Located<Int>?
    /// The length of a working day in the helpdesk's business hours, for time targets in
    /// working days; eight hours unless the manifest says otherwise.
    public var businessDay: TimeTarget?
    /// The mapping in the manifest.
    public var span: SourceSpan

    /// Creates a target with no mappings.
    public init(kind: HelpdeskKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The helpdesk's text for a placeholder, when the manifest maps it.
    public func value(of placeholder: String) -> String? {
        placeholders.first { $0.placeholder.value == placeholder }?.value.value
    }

    /// The helpdesk group ids of a role.
    public func group(of role: String) -> Int? {
        groups.first { $0.role.value == role }?.group.value
    }

    /// The helpdesk groups a message may be limited to: those of the roles that alone send
    /// it; none, meaning every agent, when anyone may send it.
    public func groups(of senders: MessageSenders?) -> [Int] {
        senders?.roles.map { $0.compactMap(group(of:)) } ?? []
    }

    /// Seconds in a working day of business hours.
    public var businessDaySeconds: Int {
        businessDay.map(\.seconds) ?? 8 * 3_600
    }
}

/// What a codex placeholder becomes in a helpdesk.
public struct PlaceholderMapping: Sendable, Hashable {
    /// The placeholder's name, without braces.
    public var placeholder: Located<String>
    /// The helpdesk's text that replaces it.
    public var value: Located<String>

    /// Creates a mapping.
    public init(placeholder: Located<String>, value: Located<String>) {
        self.placeholder = placeholder
        self.value = value
    }
}

/// The helpdesk group of agents a codex role is.
public struct RoleGroup: Sendable, Hashable {
    /// The codex role's id.
    public var role: Located<String>
    /// The group's numeric id in the helpdesk.
    public var group: Located<Int>

    /// Creates a pairing.
    public init(role: Located<String>, group: Located<Int>) {
        self.role = role
        self.group = group
    }
}

/// A message the helpdesk sends by itself rather than an agent by hand.
public enum Notice: String, Sendable, CaseIterable {
    /// Sent when a request arrives.
    case acknowledgement
    /// Sent when a request's status changes.
    case statusChange = "status-change"
}

/// A reply-time measure a helpdesk keeps as a service level.
public enum ServiceLevelMetric: String, Sendable, CaseIterable {
    /// Until the first public reply.
    case firstReply = "first-reply"
    /// Until each next reply once the customer has written again.
    case nextReply = "next-reply"
    /// Between public updates while a request is open.
    case periodicUpdate = "periodic-update"
    /// The time the customer waits in all.
    case requesterWait = "requester-wait"
    /// The time agents work on the request in all.
    case agentWork = "agent-work"
}

/// Who sends a message template: the steps that name it under `messages`.
public struct MessageSenders: Sendable, Hashable {
    /// The roles the template is limited to: those of the steps that send it, when each of
    /// them is limited to one; `nil` when any agent may send it, because a step without a
    /// role sends it or no step does.
    public var roles: [String]?
    /// The ids of the situations with a step that sends it, in codex order.
    public var situations: [String] = []
}

extension Codex {
    /// Who sends each message template, by the template's id, from one pass over the
    /// steps; a template no step sends is absent.
    public func messageSenders() -> [String: MessageSenders] {
        var senders: [String: MessageSenders] = [:]
        var unlimited = Set<String>()
        for situation in situations {
            for process in situation.processes {
                for step in process.steps {
                    for message in step.messages {
                        let id = message.value
                        var entry = senders[id] ?? MessageSenders(roles: [])
                        if entry.situations.last != situation.id.value { entry.situations.append(situation.id.value) }
                        if let role = step.role?.value {
                            if entry.roles?.contains(role) == false { entry.roles?.append(role) }
                        } else {
                            unlimited.insert(id)
                        }
                        senders[id] = entry
                    }
                }
            }
        }
        for id in unlimited { senders[id]?.roles = nil }
        return senders
    }
}
