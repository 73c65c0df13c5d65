/// The codex format, described once: the decoder checks files against it, and
/// `kodex schema` exports it as JSON Schema, so the two cannot drift apart.
public enum CodexSchema {
    /// What a field holds.
    public indirect enum FieldType: Sendable {
        /// One line or paragraph of plain text.
        case text
        /// Rich text in Markdown.
        case markdown
        /// An id: letters, digits, `-`, `_` and `.`.
        case identifier
        /// The id of another element, of the kind named.
        case reference(String)
        /// A duration such as `20 s` or `24 h`.
        case duration
        /// A whole number.
        case integer
        /// `true` or `false`.
        case boolean
        /// One of the listed words.
        case choice([String])
        /// A list of values.
        case list(FieldType)
        /// A mapping of the named object kind.
        case object(String)
        /// A mapping whose keys the author chooses and whose values are of one type.
        case map(key: String, value: FieldType)
        /// Any of the listed forms.
        case oneOf([FieldType])
    }

    /// One key of a mapping.
    public struct Field: Sendable {
        /// The key.
        public var name: String
        /// What its value holds.
        public var type: FieldType
        /// Whether the key must be present and non-empty.
        public var required: Bool
        /// One sentence for consultants.
        public var summary: String
        /// The rule that reports the field absent or empty, when a method rule rather
        /// than `missing-field` owns that finding.
        public var checkedBy: String?

        init(_ name: String, _ type: FieldType, required: Bool = false, checkedBy: String? = nil, _ summary: String) {
            self.name = name
            self.type = type
            self.required = required
            self.checkedBy = checkedBy
            self.summary = summary
        }
    }

    /// A kind of mapping, such as a step.
    public struct Object: Sendable {
        /// The kind's name in messages, such as `step`.
        public var name: String
        /// One sentence for consultants.
        public var summary: String
        /// The keys it takes, in the order the reference lists them.
        public var fields: [Field] {
            didSet { fieldNames = Set(fields.map(\.name)) }
        }
        /// The names of `fields`, for telling a known key from an unknown one quickly.
        public private(set) var fieldNames: Set<String>

        /// Creates a kind of mapping.
        public init(name: String, summary: String, fields: [Field]) {
            self.name = name
            self.summary = summary
            self.fields = fields
            self.fieldNames = Set(fields.map(\.name))
        }

        /// The field called `name`.
        public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
    }

    static func placeholderMapping(_ example: String) -> Field {
        Field("placeholders", .map(key: "placeholder", value: .text),
              "what each template placeholder becomes in the helpdesk, such as \(example); every placeholder a template uses needs one")
    }

    static let silence = Field("silence", .map(key: "rule id", value: .text),
                               "rules that do not apply to this element, each with the reason why")

    /// Every kind of mapping in the format, by name.
    public static let objects: [String: Object] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Every kind of mapping in the format, in reference order.
    public static let all: [Object] = [
        Object(name: "manifest", summary: "The codex's settings, in `codex.yaml` at the top of the codex folder.", fields: [
            Field("kodex", .integer, required: true, "the format version; always `1`"),
            Field("title", .text, required: true, "the codex's title"),
            Field("organisation", .text, required: true, "the organisation the codex belongs to"),
            Field("version", .text, "the codex's own version, such as `\"2.1\"`"),
            Field("locale", .choice(Manifest.Locale.allCases.map(\.rawValue)), required: true,
                  "the language of the content: `hu` or `en`"),
            Field("channels", .list(.object("channel")), required: true, "the channels in which staff meet customers"),
            Field("roles", .list(.object("role")), required: true, "the roles staff act in"),
            Field("include", .list(.text), "globs of the content files, relative to the codex folder; by default every `.yaml` file"),
            Field("validation", .object("validation"), "how `kodex check` judges the codex"),
            Field("limits", .object("limits"), "bounds on the content files, for unusually large codices"),
            Field("helpdesk", .object("helpdesk"), "the helpdesks `kodex export` writes for, with their mappings"),
            Field("qualification", .object("qualification"), "which situations staff must pass an exam on (`kodex quiz take`) before `kodex run` takes them"),
        ]),
        Object(name: "qualification", summary: "The exams staff must pass, and their pass marks.", fields: [
            Field("pass_mark", .integer, "the share of right answers, in percent, that passes (default 80)"),
            Field("enforce", .choice(Qualification.Enforcement.allCases.map(\.rawValue)),
                  "what `kodex run --agent` does for an agent who has not passed: `warn` (the default) or `refuse`"),
            Field("situations", .map(key: "situation id", value: .integer), "the situations that require a passed exam, each with its pass mark in percent"),
        ]),
        Object(name: "channel", summary: "A channel in which staff meet customers.", fields: [
            Field("id", .identifier, required: true, "the id situations and templates refer to, such as `phone`"),
            Field("title", .text, required: true, "the name staff see"),
        ]),
        Object(name: "role", summary: "A role staff act in.", fields: [
            Field("id", .identifier, required: true, "the id steps refer to, such as `supervisor`"),
            Field("title", .text, required: true, "the name staff see"),
        ]),
        Object(name: "validation", summary: "How `kodex check` judges the codex.", fields: [
            Field("severity", .map(key: "rule id", value: .choice(Severity.allCases.map(\.rawValue))),
                  "a severity for each rule named: `error`, `warning` or `off`"),
            Field("disable", .list(.text), "rules switched off"),
            Field("required_kinds", .list(.choice(SituationKind.standard.map(\.rawValue))),
                  "the situation kinds the codex must cover; by default all six of the method"),
        ]),
        Object(name: "limits", summary: "Bounds on the content files.", fields: [
            Field("max_file_size", .integer, "the largest file, in bytes (default 16777216)"),
            Field("max_depth", .integer, "the deepest nesting (default 64)"),
            Field("max_alias_nodes", .integer, "the most nodes aliases may add in a file (default 10000)"),
            Field("max_text_length", .integer, "the longest text field, in characters (default 100000)"),
        ]),
        Object(name: "helpdesk", summary: "The helpdesks the codex is exported to; `kodex check` then requires their mappings.", fields: [
            Field("zendesk", .object("zendesk"), "macros, triggers and an SLA policy for Zendesk"),
            Field("freshdesk", .object("freshdesk"), "canned responses for Freshdesk"),
            Field("helpscout", .object("help scout"), "saved replies for Help Scout"),
        ]),
        Object(name: "zendesk", summary: "What the codex becomes in Zendesk.", fields: [
            placeholderMapping("`{{ticket.requester.first_name}}`"),
            Field("groups", .map(key: "role id", value: .integer), "the numeric id of the Zendesk group each role is; macros for a role's steps are restricted to it"),
            Field("business_day", .duration, "the length of a working day in business hours, for targets in working days (default `8 h`)"),
        ]),
        Object(name: "freshdesk", summary: "What the codex becomes in Freshdesk.", fields: [
            Field("folder", .integer, required: true, "the numeric id of the canned-response folder the responses go to"),
            placeholderMapping("`{{ticket.requester.name}}`"),
            Field("groups", .map(key: "role id", value: .integer), "the numeric id of the Freshdesk group each role is; responses for a role's steps are visible to it only"),
        ]),
        Object(name: "help scout", summary: "What the codex becomes in Help Scout.", fields: [
            placeholderMapping("`{%customer.firstName,fallback=%}`"),
        ]),
        Object(name: "content file", summary: "A content file: any of these sections, each a list.", fields: [
            Field("expectations", .list(.object("expectation")), "what customers expect"),
            Field("rules", .list(.object("rule")), "behavioural rules"),
            Field("tools", .list(.object("tool")), "tools staff use"),
            Field("banned_phrases", .list(.object("banned phrase")), "phrases staff must not say"),
            Field("templates", .list(.object("template")), "messages sent to customers"),
            Field("situations", .list(.object("situation")), "encounter situations"),
            Field("situation", .object("situation"), "one encounter situation, for a file of its own"),
            Field("questions", .list(.object("question")), "the exam bank: questions on the codex, written by `kodex quiz generate` and reviewed by trainers"),
        ]),
        Object(name: "question", summary: "A question of the exam bank: a choice among answers, or items to put in order.", fields: [
            Field("id", .identifier, required: true, "the stable id; generated ones are derived from what they ask about, and an LMS re-import matches on it"),
            Field("ask", .text, required: true, "the question"),
            Field("kind", .choice(Question.Kind.allCases.map(\.rawValue)), "what a generated question asks; absent for a trainer's own"),
            Field("status", .choice(Question.Status.allCases.map(\.rawValue)),
                  "`draft` (the default: generated, not yet reviewed), `ready` (used in exams and exports) or `dropped` (kept so that it is not generated again)"),
            Field("about", .object("question subject"), "the codex element it asks about; a question about an element that is gone is an error"),
            Field("answers", .list(.object("answer")), "for a choice question: the answers, exactly one of them right"),
            Field("order", .list(.text), "for an ordering question: the items in their right order"),
            Field("explain", .text, "why the right answer is right, shown after answering"),
            Field("source", .text, "a digest of the codex text a generated question was made from; `kodex quiz generate` marks the question for review when it changes"),
        ]),
        Object(name: "answer", summary: "An answer a choice question offers.", fields: [
            Field("text", .text, required: true, "the answer"),
            Field("correct", .boolean, "`true` for the right answer"),
        ]),
        Object(name: "question subject", summary: "The codex element a question asks about.", fields: [
            Field("situation", .reference("situation"), "a situation"),
            Field("process", .text, "a process, as `situation/process`"),
            Field("step", .text, "a step, as `situation/process/step`"),
            Field("banned_phrase", .text, "a banned phrase, by its text"),
            Field("expectation", .reference("expectation"), "an expectation"),
            Field("touchpoint", .text, "a touchpoint of `step`, by its detail"),
            Field("phrase", .text, "a phrase `step` says or avoids"),
        ]),
        Object(name: "expectation", summary: "Something customers expect.", fields: [
            Field("id", .identifier, required: true, "the id situations, rules and tools refer to"),
            Field("title", .text, required: true, "the expectation in a few words"),
            Field("description", .markdown, "what meeting it looks like"),
            silence,
        ]),
        Object(name: "rule", summary: "A behavioural rule: what to do or not to do.", fields: [
            Field("id", .identifier, required: true, "the id steps refer to"),
            Field("title", .text, required: true, "the rule in a few words"),
            Field("kind", .choice(Rule.Kind.allCases.map(\.rawValue)), "`do` (the default) or `dont`"),
            Field("text", .markdown, required: true, "the guidance, in Markdown"),
            Field("meets", .list(.reference("expectation")), "expectations the rule meets"),
            Field("exceeds", .list(.reference("expectation")), "expectations the rule exceeds"),
            Field("examples", .object("examples"), "phrases that follow and that break the rule"),
            silence,
        ]),
        Object(name: "examples", summary: "Example phrases for a rule.", fields: [
            Field("good", .list(.text), "phrases that follow the rule"),
            Field("bad", .list(.text), "phrases that break it"),
        ]),
        Object(name: "tool", summary: "A tool staff use, such as a CRM lookup.", fields: [
            Field("id", .identifier, required: true, "the id steps refer to"),
            Field("title", .text, required: true, "the tool's name"),
            Field("description", .markdown, "what it is and how to use it"),
            Field("meets", .list(.reference("expectation")), "expectations the tool meets"),
            Field("exceeds", .list(.reference("expectation")), "expectations the tool exceeds"),
            silence,
        ]),
        Object(name: "banned phrase", summary: "A phrase staff must not say.", fields: [
            Field("phrase", .text, required: true, "the phrase; matched ignoring case"),
            Field("instead", .text, required: true, "what to say instead"),
            Field("why", .text, "why it is banned"),
        ]),
        Object(name: "template", summary: "A message sent to customers, with `{placeholders}`.", fields: [
            Field("id", .identifier, required: true, "the id steps refer to"),
            Field("title", .text, required: true, "the message's name"),
            Field("channel", .reference("channel"), "the channel it is sent through"),
            Field("subject", .text, "the subject line"),
            Field("body", .text, required: true, "the text, with `{name}` placeholders"),
            Field("placeholders", .map(key: "placeholder", value: .text), "each placeholder with its meaning"),
            Field("notice", .choice(Notice.allCases.map(\.rawValue)),
                  "`acknowledgement` or `status-change` when the helpdesk sends it by itself, on a new request or a status change"),
            silence,
        ]),
        Object(name: "situation", summary: "An encounter situation in which staff meet a customer.", fields: [
            Field("id", .identifier, required: true, "the unique id; `kodex run` takes it"),
            Field("title", .text, required: true, "the situation's name"),
            Field("kind", .choice(SituationKind.allCases.map(\.rawValue)), required: true, "which encounter of the method it is"),
            Field("applies_when", .text, "when the situation applies"),
            Field("channels", .list(.reference("channel")), "the channels it happens in"),
            Field("expectations", .list(.reference("expectation")), "the customer expectations at stake"),
            Field("processes", .list(.object("process")), required: true, checkedBy: "situation-without-processes", "the processes it breaks into"),
            silence,
        ]),
        Object(name: "process", summary: "A process: ordered steps, with branches and ends.", fields: [
            Field("id", .identifier, required: true, "the id, unique inside the situation"),
            Field("title", .text, required: true, "the process's name"),
            Field("steps", .list(.object("step")), required: true, checkedBy: "process-without-steps", "the steps; the flow starts at the first"),
            silence,
        ]),
        Object(name: "step", summary: "One step of a process, with its own goal and effect.", fields: [
            Field("id", .identifier, required: true, "the id, unique inside the process"),
            Field("title", .text, required: true, "the step's name"),
            Field("goal", .text, required: true, "what the step must achieve"),
            Field("effect", .text, required: true, "the effect it must have on the customer"),
            Field("actions", .list(.oneOf([.text, .object("action")])), "the checklist: what the agent does"),
            Field("touchpoints", .list(.object("touchpoint")), "details that sway the customer's final opinion"),
            Field("rules", .list(.reference("rule")), "behavioural rules that apply"),
            Field("tools", .list(.reference("tool")), "tools used"),
            Field("say", .list(.text), "phrases to say"),
            Field("avoid", .list(.text), "phrases to avoid"),
            Field("time_target", .oneOf([.duration, .object("time target")]), "how fast, such as `20 s` or `24 h`"),
            Field("role", .reference("role"), "the only role allowed to perform the step"),
            Field("messages", .list(.reference("template")), "message templates sent in this step"),
            Field("next", .reference("step"), "the step that follows, when not the next one written"),
            Field("branches", .list(.object("branch")), "where the flow may go, each under a condition"),
            Field("end", .text, "the outcome, when the process ends here"),
            silence,
        ]),
        Object(name: "action", summary: "A checklist item.", fields: [
            Field("do", .text, required: true, "what to do"),
            Field("optional", .boolean, "`true` when the item may be left undone"),
        ]),
        Object(name: "touchpoint", summary: "A detail that sways the customer's final opinion.", fields: [
            Field("detail", .text, required: true, "the detail"),
            Field("impression", .text, required: true, "the impression it should leave"),
        ]),
        Object(name: "branch", summary: "A fork in the flow.", fields: [
            Field("when", .text, "the condition, in words"),
            Field("to", .reference("step"), "the step it leads to"),
        ]),
        Object(name: "time target", summary: "A time limit with what it applies to.", fields: [
            Field("within", .duration, required: true, "the limit, such as `20 s`"),
            Field("for", .text, "what must happen within it"),
            Field("sla", .choice(ServiceLevelMetric.allCases.map(\.rawValue)),
                  "the helpdesk service level the limit is: `first-reply`, `next-reply`, `periodic-update`, `requester-wait` or `agent-work`"),
        ]),
    ]
}
