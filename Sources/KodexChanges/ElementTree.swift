import KodexModel

/// A codex flattened into one shape for comparing: each element with its kind, id,
/// fields as canonical text, and children. The comparison never looks at spans, files or
/// key order, so moving, splitting or reformatting files changes nothing.
struct Element: Equatable {
    var kind: CodexChange.Kind
    var id: String
    var title: String?
    var fields: [Field] = []
    var children: [Element] = []
    /// A step's role limit.
    var role: String?
}

/// One field's value, in a form where equal meaning is equal value.
struct Field: Equatable {
    var name: String
    var value: Value

    enum Value: Equatable {
        /// Text with its spacing normalised: runs of white space are one space, and blank
        /// lines (a Markdown paragraph break) one blank line.
        case text(String)
        /// A value compared by `key` and shown as `shown`: a time target, equal whether it
        /// is written `60 perc` or `1 óra`.
        case measured(shown: String, key: String)
        /// Ids of elements of one kind; `ordered` when their order means something.
        case references([String], CodexChange.Kind, ordered: Bool)
        /// Where the flow goes: each condition with the step it leads to.
        case branches([(condition: String, target: String)])

        static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.text(let a), .text(let b)): return a == b
            case (.measured(_, let a), .measured(_, let b)): return a == b
            case (.references(let a, let kindA, _), .references(let b, let kindB, _)): return a == b && kindA == kindB
            case (.branches(let a), .branches(let b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.condition == $1.condition && $0.target == $1.target }
            default: return false
            }
        }

        /// The value as one line of text for people; sets read in sorted order.
        var display: String {
            switch self {
            case .text(let text): return text
            case .measured(let shown, _): return shown
            case .references(let ids, _, _): return ids.joined(separator: ", ")
            case .branches(let branches): return branches.map { "\($0.condition) → \($0.target)" }.joined(separator: "; ")
            }
        }

        /// The value with references renamed from the older codex's ids to the newer's.
        func renamed(_ renames: Renames, stepsOf process: String?) -> Value {
            switch self {
            case .text, .measured: return self
            case .references(let ids, let kind, let ordered):
                let mapped = ids.map { renames.newID(kind, $0, process: process) }
                return .references(ordered ? mapped : mapped.sorted(), kind, ordered: ordered)
            case .branches(let branches):
                return .branches(branches.map { ($0.condition, renames.newID(.step, $0.target, process: process)) })
            }
        }
    }
}

/// Ids that changed between the two codices, by kind; steps by their process.
struct Renames {
    private var table: [String: String] = [:]

    /// Whether no rename has been found, so that equal elements are elements without change.
    var isEmpty: Bool { table.isEmpty }

    mutating func record(_ kind: CodexChange.Kind, from old: String, to new: String, process: String?) {
        table[key(kind, old, process)] = new
    }

    func newID(_ kind: CodexChange.Kind, _ old: String, process: String?) -> String {
        table[key(kind, old, process)] ?? old
    }

    private func key(_ kind: CodexChange.Kind, _ id: String, _ process: String?) -> String {
        kind == .step ? "step\u{0}\(process ?? "")\u{0}\(id)" : "\(kind.rawValue)\u{0}\(id)"
    }
}

/// Normalises text so that a change of spacing alone is no change: white space inside a
/// paragraph becomes one space, and paragraphs stay apart by one blank line.
///
/// Spacing is the codex's ASCII white space (space, tab, line breaks), read byte by byte:
/// every text of both codices passes through here, and most need no change at all.
func normalised(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes -> String? in
        if isNormal(bytes) { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        // What separates the next word from the last: nothing yet, a space, or a paragraph break.
        var gap = 0
        var lineHasWord = false
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0D:
                if !output.isEmpty, gap == 0 { gap = 1 }
            case 0x0A:
                if !lineHasWord, !output.isEmpty { gap = 2 } else if !output.isEmpty, gap == 0 { gap = 1 }
                lineHasWord = false
            default:
                if gap == 2 { output += [0x0A, 0x0A] } else if gap == 1 { output.append(0x20) }
                gap = 0
                lineHasWord = true
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    } ?? text
}

/// Whether `bytes` is already normalised: no tab or line break, no space at either end or
/// beside another.
private func isNormal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = bytes.first, let last = bytes.last else { return true }
    if first == 0x20 || last == 0x20 { return false }
    var previous: UInt8 = 0
    for byte in bytes {
        if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previous == 0x20) { return false }
        previous = byte
    }
    return true
}

extension Element {
    /// The shared elements of a codex, kind by kind, in the order the output lists them.
    static func shared(of codex: Codex) -> [[Element]] {
        let manifest = codex.manifest
        func text(_ name: String, _ value: Located<String>?) -> Field? {
            value.map { Field(name: name, value: .text(normalised($0.value))) }
        }
        func set(_ name: String, _ ids: [Located<String>], _ kind: CodexChange.Kind) -> Field? {
            ids.isEmpty ? nil : Field(name: name, value: .references(ids.map(\.value).sorted(), kind, ordered: false))
        }
        let roles = manifest.roles.map {
            Element(kind: .role, id: $0.id.value, title: $0.title?.value, fields: [text("title", $0.title)].compactMap { $0 })
        }
        let channels = manifest.channels.map {
            Element(kind: .channel, id: $0.id.value, title: $0.title?.value, fields: [text("title", $0.title)].compactMap { $0 })
        }
        let expectations = codex.expectations.map {
            Element(kind: .expectation, id: $0.id.value, title: $0.title?.value,
                    fields: [text("title", $0.title), text("description", $0.description)].compactMap { $0 })
        }
        let rules = codex.rules.map { rule in
            Element(kind: .rule, id: rule.id.value, title: rule.title?.value, fields: [
                text("title", rule.title), Field(name: "kind", value: .text(rule.kind.rawValue)), text("text", rule.text),
                set("meets", rule.meets, .expectation), set("exceeds", rule.exceeds, .expectation),
                rule.goodExamples.isEmpty ? nil : Field(name: "examples.good", value: .text(rule.goodExamples.map { normalised($0.value) }.joined(separator: " | "))),
                rule.badExamples.isEmpty ? nil : Field(name: "examples.bad", value: .text(rule.badExamples.map { normalised($0.value) }.joined(separator: " | "))),
            ].compactMap { $0 })
        }
        let tools = codex.tools.map { tool in
            Element(kind: .tool, id: tool.id.value, title: tool.title?.value, fields: [
                text("title", tool.title), text("description", tool.description),
                set("meets", tool.meets, .expectation), set("exceeds", tool.exceeds, .expectation),
            ].compactMap { $0 })
        }
        let templates = codex.templates.map { template in
            Element(kind: .template, id: template.id.value, title: template.title?.value, fields: [
                text("title", template.title), set("channel", template.channel.map { [$0] } ?? [], .channel),
                text("subject", template.subject), text("body", template.body),
                template.placeholders.isEmpty ? nil : Field(name: "placeholders", value: .text(
                    template.placeholders.map { "\($0.id.value): \(normalised($0.title?.value ?? ""))" }.sorted().joined(separator: "; "))),
            ].compactMap { $0 })
        }
        let banned = codex.bannedPhrases.map { phrase in
            Element(kind: .bannedPhrase, id: normalised(phrase.phrase.value), fields: [
                text("instead", phrase.instead), text("why", phrase.why),
            ].compactMap { $0 })
        }
        var settings: [Element] = []
        func setting(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            settings.append(Element(kind: .manifest, id: name, fields: [Field(name: name, value: .text(value))]))
        }
        setting("title", manifest.title.map { normalised($0.value) })
        setting("organisation", manifest.organisation.map { normalised($0.value) })
        setting("version", manifest.version?.value)
        setting("locale", manifest.locale.rawValue)
        setting("validation.required_kinds", manifest.requiredKinds.map(\.value).sorted().joined(separator: ", "))
        setting("validation.severity", manifest.severities.map { "\($0.key.value): \($0.value.value.rawValue)" }.sorted().joined(separator: ", "))
        setting("validation.disable", manifest.disabledRules.map(\.value).sorted().joined(separator: ", "))
        return [roles, channels, expectations, rules, tools, templates, banned, settings]
    }

    /// A situation with its processes, their steps, and what each step holds.
    init(_ situation: Situation) {
        func text(_ name: String, _ value: Located<String>?) -> Field? {
            value.map { Field(name: name, value: .text(normalised($0.value))) }
        }
        func set(_ name: String, _ ids: [Located<String>], _ kind: CodexChange.Kind) -> Field? {
            ids.isEmpty ? nil : Field(name: name, value: .references(ids.map(\.value).sorted(), kind, ordered: false))
        }
        self.init(kind: .situation, id: situation.id.value, title: situation.title?.value, fields: [
            text("title", situation.title), text("kind", situation.kind), text("applies_when", situation.appliesWhen),
            set("channels", situation.channels, .channel), set("expectations", situation.expectations, .expectation),
        ].compactMap { $0 })
        children = situation.processes.map { process in
            var element = Element(kind: .process, id: process.id.value, title: process.title?.value,
                                  fields: [text("title", process.title)].compactMap { $0 })
            element.children = process.steps.map { step in
                var fields: [Field?] = [
                    text("title", step.title), text("goal", step.goal), text("effect", step.effect),
                    set("rules", step.rules, .rule), set("tools", step.tools, .tool), set("messages", step.messages, .template),
                    set("role", step.role.map { [$0] } ?? [], .role),
                ]
                if let target = step.timeTarget {
                    let what = target.what.map { " (\(normalised($0.value)))" } ?? ""
                    // `60 perc` and `1 óra` are the same target: compared by length, shown as written.
                    let length = target.workingDays.map { "\($0) wd" } ?? "\(target.seconds) s"
                    fields.append(Field(name: "time_target", value: .measured(shown: normalised(target.text.value) + what, key: length + what)))
                }
                fields.append(step.next.map { Field(name: "next", value: .references([$0.value], .step, ordered: true)) })
                if !step.branches.isEmpty {
                    fields.append(Field(name: "branches", value: .branches(step.branches.map {
                        (normalised($0.condition?.value ?? ""), $0.target?.value ?? "")
                    })))
                }
                fields.append(text("end", step.end))
                var element = Element(kind: .step, id: step.id.value, title: step.title?.value,
                                      fields: fields.compactMap { $0 }, role: step.role?.value)
                // A second action (or touchpoint, or phrase) with the same text is told apart by
                // its count. A step holds a handful: they are looked through rather than hashed,
                // since hashing Hungarian text normalises it first.
                var seen: [(kind: CodexChange.Kind, text: String)] = []
                func counted(_ kind: CodexChange.Kind, _ text: String) -> String {
                    let count = seen.count { $0.kind == kind && $0.text == text } + 1
                    seen.append((kind, text))
                    return count == 1 ? text : "\(text) (\(count))"
                }
                element.children = step.actions.map { action in
                    let text = normalised(action.text.value)
                    return Element(kind: .action, id: counted(.action, text), fields: [
                        Field(name: "do", value: .text(text)), Field(name: "optional", value: .text(action.required ? "false" : "true")),
                    ])
                } + step.touchpoints.map { touchpoint in
                    let detail = normalised(touchpoint.detail.value)
                    return Element(kind: .touchpoint, id: counted(.touchpoint, detail), fields: [
                        Field(name: "detail", value: .text(detail)), text("impression", touchpoint.impression),
                    ].compactMap { $0 })
                } + step.say.map { phrase in
                    let text = normalised(phrase.value)
                    return Element(kind: .phrase, id: counted(.phrase, text), fields: [
                        Field(name: "say", value: .text(text)),
                    ])
                } + step.avoid.map { phrase in
                    let text = normalised(phrase.value)
                    return Element(kind: .phrase, id: counted(.phrase, text), fields: [
                        Field(name: "avoid", value: .text(text)),
                    ])
                }
                return element
            }
            return element
        }
    }

    /// Whether two steps hold the same of everything ``init(_:)`` reads of a step, value for
    /// value and in the same order, spans aside: then their elements are equal. Stricter than
    /// equal elements (text is compared as written, sets in their order), which only means a
    /// step is compared the long way. `StepFieldsTests` fails when `Step` gains a field, so
    /// that it is added here and in ``init(_:)`` alike.
    static func sameStep(_ a: Step, _ b: Step) -> Bool {
        func same(_ x: Located<String>?, _ y: Located<String>?) -> Bool { x?.value == y?.value }
        func same(_ x: [Located<String>], _ y: [Located<String>]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy { $0.value == $1.value }
        }
        guard a.id.value == b.id.value, same(a.title, b.title), same(a.goal, b.goal), same(a.effect, b.effect),
              same(a.rules, b.rules), same(a.tools, b.tools), same(a.messages, b.messages), same(a.role, b.role),
              same(a.next, b.next), same(a.end, b.end), same(a.say, b.say), same(a.avoid, b.avoid),
              a.actions.count == b.actions.count, a.touchpoints.count == b.touchpoints.count,
              a.branches.count == b.branches.count
        else { return false }
        switch (a.timeTarget, b.timeTarget) {
        case (nil, nil): break
        case (let x?, let y?):
            guard x.seconds == y.seconds, x.workingDays == y.workingDays, x.text.value == y.text.value,
                  same(x.what, y.what), x.serviceLevel?.value == y.serviceLevel?.value else { return false }
        default: return false
        }
        return zip(a.actions, b.actions).allSatisfy { $0.text.value == $1.text.value && $0.required == $1.required }
            && zip(a.touchpoints, b.touchpoints).allSatisfy { $0.detail.value == $1.detail.value && same($0.impression, $1.impression) }
            && zip(a.branches, b.branches).allSatisfy { same($0.condition, $1.condition) && same($0.target, $1.target) }
    }

    /// The element's content without its own id, with references in the newer codex's ids:
    /// equal for an element that was only renamed.
    func fingerprint(_ renames: Renames, process: String?) -> String {
        var text = kind.rawValue
        for field in fields {
            let value = field.value.renamed(renames, stepsOf: process)
            if case .measured(_, let key) = value {
                text += "\u{1}\(field.name)\u{2}\(key)"
            } else {
                text += "\u{1}\(field.name)\u{2}\(value.display)"
            }
        }
        for child in children {
            text += "\u{3}\(child.id)\u{4}" + child.fingerprint(renames, process: kind == .process ? id : process)
        }
        return text
    }
}
