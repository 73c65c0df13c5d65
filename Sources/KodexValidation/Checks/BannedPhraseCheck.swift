import KodexModel

/// Reports phrases to say, example phrases and templates that contain a banned phrase.
struct BannedPhraseCheck: SituationCheck {
    let description = CheckDescription(
        id: "banned-phrase", code: "K302", name: "Banned phrase", category: .hygiene, defaultSeverity: .error,
        summary: "a phrase to say, a good example or a template contains a banned phrase",
        explanation: """
            Some phrases ruin the customer's trust however politely they are meant: "your call is \
            important to us" while the customer has waited half an hour. `banned_phrases` lists \
            them with what to say instead; Kodex finds them, ignoring case and spacing, wherever the \
            codex tells staff what to say or write.
            """,
        triggering: [CheckExample("""
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

    /// The banned phrases with their folded bytes, those that fold to nothing left out.
    private func banned(_ codex: Codex) -> [(BannedPhrase, [UInt8])] {
        codex.bannedPhrases.map { ($0, Array($0.phrase.value.folded.utf8)) }.filter { !$0.1.isEmpty }
    }

    /// Reports each banned phrase in `text`; `place` is formatted only for a finding, since
    /// most texts contain none.
    private func scan(_ text: Located<String>, _ place: @autoclosure () -> String, silences: [Silence],
                      _ banned: [(BannedPhrase, [UInt8])], _ context: CheckContext) {
        let folded = Array(text.value.folded.utf8)
        for (phrase, needle) in banned where Self.contains(folded, needle) {
            let span = Self.range(of: phrase.phrase.value, in: text.value)
                .map { ScalarSource.span(of: $0, in: text) } ?? text.span
            context.report("\(place()) contains the banned phrase `\(phrase.phrase.value)`", at: span,
                           notes: phrase.why.map { [Diagnostic.Note($0.value)] } ?? [],
                           help: phrase.instead.map { ["say instead: `\($0.value)`"] } ?? [],
                           silences: silences)
        }
    }

    func checkShared(_ context: CheckContext) {
        let banned = banned(context.codex)
        guard !banned.isEmpty else { return }
        for rule in context.codex.rules {
            for example in rule.goodExamples {
                scan(example, "a good example of rule `\(rule.id.value)`", silences: rule.silences, banned, context)
            }
        }
        for template in context.codex.templates {
            for text in template.texts {
                scan(text, "template `\(template.id.value)`", silences: template.silences, banned, context)
            }
        }
    }

    func check(_ situation: Situation, at index: Int, _ context: CheckContext) {
        let banned = banned(context.codex)
        guard !banned.isEmpty else { return }
        for process in situation.processes {
            for step in process.steps {
                for phrase in step.say {
                    scan(phrase, "a phrase to say in step `\(step.id.value)`", silences: step.silences, banned, context)
                }
            }
        }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte; both are folded UTF-8, so a
    /// byte match is a match of whole characters.
    /// Where `phrase` first stands in `text`, in scalars, matched as ``String/folded``
    /// matches: ignoring case and runs of white space.
    static func range(of phrase: String, in text: String) -> Range<Int>? {
        // Each folded scalar of the text remembers the text scalar it came from.
        var folded: [(scalar: Unicode.Scalar, source: Int)] = []
        var pendingSpace: Int?
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if scalar.isSpace {
                if pendingSpace == nil, !folded.isEmpty { pendingSpace = offset }
                continue
            }
            if let space = pendingSpace {
                folded.append((" ", space))
                pendingSpace = nil
            }
            for lower in String(scalar).lowercased().unicodeScalars { folded.append((lower, offset)) }
        }
        let needle = Array(phrase.folded.unicodeScalars)
        guard !needle.isEmpty, needle.count <= folded.count else { return nil }
        for start in 0...(folded.count - needle.count)
        where folded[start].scalar == needle[0] && zip(folded[start...], needle).allSatisfy({ $0.scalar == $1 }) {
            return folded[start].source ..< folded[start + needle.count - 1].source + 1
        }
        return nil
    }

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
