import KodexYAML

/// Turns YAML trees into the codex model, reporting what does not fit the format.
struct CodexDecoder {
    let context: DecodeContext

    // MARK: - Manifest

    func manifest(_ root: YAMLNode?, path: String) -> Manifest {
        var manifest = Manifest(span: root?.span ?? .file(path))
        manifest.requiredKinds = SituationKind.standard.map { Located($0.rawValue, at: .file(path)) }
        let node = root ?? YAMLNode.emptyMapping(at: .file(path))
        guard let reader = ObjectReader(node, as: "manifest", what: "`codex.yaml`", context: context) else {
            return manifest
        }
        if let format = reader.integer("kodex"), format.value != 1 {
            context.report(CheckID.wrongType, "format version \(format.value) is not supported", at: format.span,
                           help: ["this Kodex reads format version `1`"])
        }
        manifest.title = reader.text("title")
        manifest.organisation = reader.text("organisation")
        manifest.version = reader.text("version")
        if let locale = reader.choice("locale", from: Manifest.Locale.allCases.map(\.rawValue)) {
            manifest.locale = Manifest.Locale(rawValue: locale.value) ?? .en
        }
        manifest.channels = reader.objects("channels", as: "channel", namedItem)
        manifest.roles = reader.objects("roles", as: "role", namedItem)
        manifest.include = reader.texts("include")
        reader.object("validation", as: "validation") { validation in
            for pair in validation.map("severity") {
                let options = Severity.allCases.map(\.rawValue)
                guard let text = ObjectReader.text(pair.value, what: "the severity of `\(pair.name)`", context: context) else {
                    continue
                }
                guard let severity = Severity(rawValue: text.value) else {
                    context.report(CheckID.wrongType, "`\(text.value)` is not a severity", at: text.span,
                                   notes: [Diagnostic.Note("a severity is one of: \(options.map { "`\($0)`" }.joined(separator: ", "))")])
                    continue
                }
                manifest.severities[Located(pair.name, at: pair.key.span)] = Located(severity, at: text.span)
            }
            manifest.disabledRules = validation.texts("disable")
            if validation.has("required_kinds") {
                manifest.requiredKinds = validation.texts("required_kinds").filter { kind in
                    let known = SituationKind.standard.map(\.rawValue)
                    guard known.contains(kind.value) else {
                        context.report(CheckID.wrongType, "`\(kind.value)` is not a situation kind of the method",
                                       at: kind.span, help: Suggestion.closest(to: kind.value, in: known).map { ["did you mean `\($0)`?"] } ?? [])
                        return false
                    }
                    return true
                }
            }
            return ()
        }
        reader.object("limits", as: "limits") { limits in
            if let size = limits.integer("max_file_size") { manifest.limits.yaml.maxFileSize = size.value }
            if let depth = limits.integer("max_depth") { manifest.limits.yaml.maxDepth = depth.value }
            if let aliases = limits.integer("max_alias_nodes") { manifest.limits.yaml.maxAliasNodes = aliases.value }
            if let length = limits.integer("max_text_length") { manifest.limits.maxTextLength = length.value }
            return ()
        }
        reader.object("qualification", as: "qualification") { qualification in
            // A pass mark is a share in percent: anything else would pass everyone or no one.
            func percent(_ mark: Located<Int>?) -> Int? {
                guard let mark else { return nil }
                guard (0...100).contains(mark.value) else {
                    context.report(CheckID.wrongType, "a pass mark is a percentage from 0 to 100, not \(mark.value)", at: mark.span)
                    return nil
                }
                return mark.value
            }
            if let mark = percent(qualification.integer("pass_mark")) { manifest.qualification.passMark = mark }
            if let rule = qualification.choice("enforce", from: Qualification.Enforcement.allCases.map(\.rawValue)) {
                manifest.qualification.enforcement = Qualification.Enforcement(rawValue: rule.value) ?? .warn
            }
            manifest.qualification.situations = qualification.map("situations").compactMap { pair in
                percent(ObjectReader.integer(pair.value, what: "the pass mark of `\(pair.name)`", context: context)).map {
                    (Located(pair.name, at: pair.key.span), $0)
                }
            }
            return ()
        }
        reader.object("helpdesk", as: "helpdesk") { helpdesk in
            manifest.helpdesk.zendesk = helpdesk.object("zendesk", as: "zendesk") { helpdeskTarget($0, .zendesk) }
            manifest.helpdesk.freshdesk = helpdesk.object("freshdesk", as: "freshdesk") { helpdeskTarget($0, .freshdesk) }
            manifest.helpdesk.helpScout = helpdesk.object("helpscout", as: "help scout") { helpdeskTarget($0, .helpScout) }
            return ()
        }
        return manifest
    }

    private func helpdeskTarget(_ reader: ObjectReader, _ kind: HelpdeskKind) -> HelpdeskTarget {
        var target = HelpdeskTarget(kind: kind, span: reader.node.span)
        target.placeholders = reader.map("placeholders").compactMap { pair in
            ObjectReader.text(pair.value, what: "what `\(pair.name)` becomes in \(kind.title)", context: context).map {
                PlaceholderMapping(placeholder: Located(pair.name, at: pair.key.span), value: $0)
            }
        }
        guard kind != .helpScout else { return target }
        target.groups = reader.map("groups").compactMap { pair in
            ObjectReader.integer(pair.value, what: "the \(kind.title) group of `\(pair.name)`", context: context).map {
                RoleGroup(role: Located(pair.name, at: pair.key.span), group: $0)
            }
        }
        if kind == .freshdesk { target.folder = reader.integer("folder") }
        if kind == .zendesk, let day = reader.value("business_day") {
            target.businessDay = duration(day, what: "`business_day` of \(reader.label)", described: nil)
        }
        return target
    }

    private func namedItem(_ reader: ObjectReader) -> NamedItem? {
        guard let id = reader.identifier("id") else { return nil }
        return NamedItem(id: id, title: reader.text("title"))
    }

    // MARK: - Content files

    func content(_ root: YAMLNode?, path: String, into codex: inout Codex) {
        guard let root else { return }
        guard let file = ObjectReader(root, as: "content file", what: "a content file", context: context) else { return }
        codex.expectations += file.objects("expectations", as: "expectation", expectation)
        codex.rules += file.objects("rules", as: "rule", rule)
        codex.tools += file.objects("tools", as: "tool", tool)
        codex.bannedPhrases += file.objects("banned_phrases", as: "banned phrase", bannedPhrase)
        codex.templates += file.objects("templates", as: "template", template)
        codex.situations += file.objects("situations", as: "situation", situation)
        if let single = file.object("situation", as: "situation", situation) {
            codex.situations.append(single)
        }
        codex.questions += file.objects("questions", as: "question", question)
    }

    private func id(_ reader: ObjectReader) -> Located<String> {
        reader.identifier("id") ?? Located("", at: reader.node.span)
    }

    private func expectation(_ reader: ObjectReader) -> Expectation {
        var expectation = Expectation(id: id(reader), span: reader.node.span)
        expectation.title = reader.text("title")
        expectation.description = reader.text("description")
        expectation.silences = reader.silences()
        return expectation
    }

    private func rule(_ reader: ObjectReader) -> Rule {
        var rule = Rule(id: id(reader), span: reader.node.span)
        rule.title = reader.text("title")
        if let kind = reader.choice("kind", from: Rule.Kind.allCases.map(\.rawValue)) {
            rule.kind = Rule.Kind(rawValue: kind.value) ?? .do
        }
        rule.text = reader.text("text")
        rule.meets = reader.texts("meets")
        rule.exceeds = reader.texts("exceeds")
        reader.object("examples", as: "examples") { examples in
            rule.goodExamples = examples.texts("good")
            rule.badExamples = examples.texts("bad")
            return ()
        }
        rule.silences = reader.silences()
        return rule
    }

    private func tool(_ reader: ObjectReader) -> Tool {
        var tool = Tool(id: id(reader), span: reader.node.span)
        tool.title = reader.text("title")
        tool.description = reader.text("description")
        tool.meets = reader.texts("meets")
        tool.exceeds = reader.texts("exceeds")
        tool.silences = reader.silences()
        return tool
    }

    private func bannedPhrase(_ reader: ObjectReader) -> BannedPhrase? {
        guard let phrase = reader.text("phrase") else { return nil }
        var banned = BannedPhrase(phrase: phrase, span: reader.node.span)
        banned.instead = reader.text("instead")
        banned.why = reader.text("why")
        return banned
    }

    private func question(_ reader: ObjectReader) -> Question {
        var question = Question(id: id(reader), span: reader.node.span)
        question.ask = reader.text("ask")
        question.kind = reader.choice("kind", from: Question.Kind.allCases.map(\.rawValue)).flatMap { text in
            Question.Kind(rawValue: text.value).map { Located($0, at: text.span) }
        }
        question.status = reader.choice("status", from: Question.Status.allCases.map(\.rawValue)).flatMap { text in
            Question.Status(rawValue: text.value).map { Located($0, at: text.span) }
        }
        question.about = reader.object("about", as: "question subject") { subject in
            var about = QuestionSubject(span: subject.node.span)
            about.situation = subject.text("situation")
            about.process = subject.text("process")
            about.step = subject.text("step")
            about.bannedPhrase = subject.text("banned_phrase")
            about.expectation = subject.text("expectation")
            about.touchpoint = subject.text("touchpoint")
            about.phrase = subject.text("phrase")
            return about
        }
        question.answers = reader.objects("answers", as: "answer") { answer in
            answer.text("text").map { Answer(text: $0, correct: answer.boolean("correct") ?? false) }
        }
        question.order = reader.texts("order")
        question.explain = reader.text("explain")
        question.source = reader.text("source")
        return question
    }

    private func template(_ reader: ObjectReader) -> MessageTemplate {
        var template = MessageTemplate(id: id(reader), span: reader.node.span)
        template.title = reader.text("title")
        template.channel = reader.text("channel")
        template.subject = reader.text("subject")
        template.body = reader.text("body")
        template.placeholders = reader.map("placeholders").map { pair in
            NamedItem(id: Located(pair.name, at: pair.key.span),
                      title: ObjectReader.text(pair.value, what: "the meaning of `\(pair.name)`", context: context))
        }
        template.notice = reader.choice("notice", from: Notice.allCases.map(\.rawValue)).flatMap { text in
            Notice(rawValue: text.value).map { Located($0, at: text.span) }
        }
        template.silences = reader.silences()
        return template
    }

    // MARK: - Situations, processes, steps

    private func situation(_ reader: ObjectReader) -> Situation {
        var situation = Situation(id: id(reader), span: reader.node.span)
        situation.title = reader.text("title")
        situation.kind = reader.choice("kind", from: SituationKind.allCases.map(\.rawValue))
        situation.appliesWhen = reader.text("applies_when")
        situation.channels = reader.texts("channels")
        situation.expectations = reader.texts("expectations")
        situation.silences = reader.silences()
        situation.processes = reader.objects("processes", as: "process") { process($0, inherited: situation.silences) }
        return situation
    }

    private func process(_ reader: ObjectReader, inherited: [Silence]) -> Process {
        var process = Process(id: id(reader), span: reader.node.span)
        process.title = reader.text("title")
        process.silences = inherited + reader.silences()
        process.steps = reader.objects("steps", as: "step") { step($0, inherited: process.silences) }
        return process
    }

    private func step(_ reader: ObjectReader, inherited: [Silence]) -> Step {
        var step = Step(id: id(reader), span: reader.node.span)
        step.title = reader.text("title")
        step.goal = reader.text("goal")
        step.effect = reader.text("effect")
        step.actions = actions(reader)
        step.touchpoints = reader.objects("touchpoints", as: "touchpoint") { touchpoint in
            touchpoint.text("detail").map { Touchpoint(detail: $0, impression: touchpoint.text("impression")) }
        }
        step.rules = reader.texts("rules")
        step.tools = reader.texts("tools")
        step.say = reader.texts("say")
        step.avoid = reader.texts("avoid")
        step.timeTarget = timeTarget(reader)
        step.role = reader.text("role")
        step.messages = reader.texts("messages")
        step.next = reader.text("next")
        step.branches = reader.objects("branches", as: "branch") { branch in
            Branch(condition: branch.text("when"), target: branch.text("to"), span: branch.node.span)
        }
        step.end = reader.text("end")
        step.silences = inherited + reader.silences()
        return step
    }

    /// Checklist items: a plain text is a required item, a mapping says more.
    private func actions(_ reader: ObjectReader) -> [Action] {
        guard let node = reader.value("actions") else { return [] }
        guard let items = node.items else {
            context.wrongType("`actions` of \(reader.label)", expected: "a list", found: node)
            return []
        }
        return items.decoded { index, item in
            func what() -> String { "item \(index + 1) of `actions` in \(reader.label)" }
            if item.scalar != nil {
                return ObjectReader.text(item, what: what(), context: context).map { Action(text: $0, required: true) }
            }
            guard let action = ObjectReader(item, as: "action", what: what(), context: context),
                  let text = action.text("do") else {
                return nil
            }
            return Action(text: text, required: !(action.boolean("optional") ?? false))
        }
    }

    private func timeTarget(_ reader: ObjectReader) -> TimeTarget? {
        guard let node = reader.value("time_target") else { return nil }
        if node.scalar != nil {
            return duration(node, what: "`time_target` of \(reader.label)", described: nil)
        }
        guard let target = ObjectReader(node, as: "time target", what: "`time_target` of \(reader.label)",
                                        context: context),
              let within = target.value("within") else {
            return nil
        }
        var timeTarget = duration(within, what: "`within` of the time target of \(reader.label)", described: target.text("for"))
        timeTarget?.serviceLevel = target.choice("sla", from: ServiceLevelMetric.allCases.map(\.rawValue)).flatMap { text in
            ServiceLevelMetric(rawValue: text.value).map { Located($0, at: text.span) }
        }
        return timeTarget
    }

    private func duration(_ node: YAMLNode, what: @autoclosure () -> String, described: Located<String>?) -> TimeTarget? {
        guard let text = ObjectReader.text(node, what: what(), context: context) else { return nil }
        guard let duration = TimeTarget.duration(in: text.value) else {
            let examples = context.locale == .hu
                ? "`20 mp`, `3 perc`, `1,5 óra`, `1 perc 30 mp` or `3 munkanap`"
                : "`20 s`, `3 min`, `1.5 h`, `1 min 30 s` or `3 working days`"
            context.report(CheckID.wrongType, "\(what()) must be a duration, found `\(text.value)`", at: text.span,
                           notes: [Diagnostic.Note(context.locale == .hu
                               ? "a duration is a number and a unit: `mp`, `perc`, `óra`, `nap` or `munkanap` (or `s`, `min`, `h`, `d`)"
                               : "a duration is a number and a unit: `s`, `min`, `h`, `d` or `working days` (or `mp`, `perc`, `óra`, `nap`, `munkanap`)")],
                           help: ["write it as, for example, \(examples)"])
            return nil
        }
        return TimeTarget(seconds: duration.seconds, workingDays: duration.workingDays, text: text, what: described)
    }
}
