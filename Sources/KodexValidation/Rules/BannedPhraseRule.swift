import KodexModel

/// Reports phrases to say, example phrases and templates that contain a banned phrase.
struct BannedPhraseRule: ValidationRule {
    let description = RuleDescription(
        id: "banned-phrase", code: "K302", name: "Banned phrase", category: .hygiene, defaultSeverity: .error,
        summary: "a phrase to say, a good example or a template contains a banned phrase",
        explanation: """
            Some phrases ruin the customer's trust however politely they are meant: "your call is \
            important to us" while the customer has waited half an hour. `banned_phrases` lists \
            them with what to say instead; Kodex finds them, ignoring case and spacing, wherever the \
            codex tells staff what to say or write.
            """,
        triggering: [RuleExample("""
            banned_phrases:
              - {phrase: Your call is important to us, instead: I'm sorry you had to wait}
            situation:
              id: s
              title: S
              kind: enquiry
              processes:
                - id: p
                  title: P
                  steps:
                    - {id: a, title: A, goal: G, effect: E, actions: [x], say: ["Hello, your call is  important to us!"], end: done}

            """)],
        passing: [.clean])

    func check(_ context: RuleContext) {
        let banned = context.codex.bannedPhrases.map { ($0, Array($0.phrase.value.folded.utf8)) }.filter { !$0.1.isEmpty }
        guard !banned.isEmpty else { return }
        // `place` is formatted only for a finding: most texts contain no banned phrase.
        func scan(_ text: Located<String>, _ place: @autoclosure () -> String, silences: [Silence]) {
            let folded = Array(text.value.folded.utf8)
            for (phrase, needle) in banned where Self.contains(folded, needle) {
                context.report("\(place()) contains the banned phrase `\(phrase.phrase.value)`", at: text.span,
                               notes: phrase.why.map { [Diagnostic.Note($0.value)] } ?? [],
                               help: phrase.instead.map { ["say instead: `\($0.value)`"] } ?? [],
                               silences: silences)
            }
        }
        for rule in context.codex.rules {
            for example in rule.goodExamples { scan(example, "a good example of rule `\(rule.id.value)`", silences: rule.silences) }
        }
        for template in context.codex.templates {
            for text in [template.subject, template.body].compactMap({ $0 }) {
                scan(text, "template `\(template.id.value)`", silences: template.silences)
            }
        }
        context.codex.forEachStep { _, _, step in
            for phrase in step.say { scan(phrase, "a phrase to say in step `\(step.id.value)`", silences: step.silences) }
        }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte; both are folded UTF-8, so a
    /// byte match is a match of whole characters.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
