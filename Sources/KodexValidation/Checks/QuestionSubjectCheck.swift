import KodexModel

/// Reports an exam question about a codex element that does not exist.
struct QuestionSubjectCheck: ValidationCheck {
    let description = CheckDescription(
        id: "question-subject", code: "K013", name: "Question about a missing element", category: .integrity,
        defaultSeverity: .error,
        summary: "an exam question's `about` names a situation, process, step, phrase or expectation the codex does not have",
        explanation: """
            Each question of the exam bank says in `about` which element of the codex it asks about. \
            When that element is renamed or removed, the question asks about something staff will \
            never meet, and its right answer may no longer be right: an exam must not hold it. \
            Rewrite the question for what the codex says now, or delete it; `kodex quiz generate` \
            then writes a question about the new element. Steps are named `situation/process/step`, \
            processes `situation/process`, banned phrases, touchpoints and phrases by their text.
            """,
        triggering: [CheckExample(CheckExample.clean.files[0].content + """
            questions:
              - id: goal-of-bye
                ask: What is the goal of the step "Say goodbye"?
                about: {step: enquiry/main/bye}
                answers: [{text: Close the call, correct: true}, {text: Open the call}]

            """)],
        passing: [CheckExample(CheckExample.clean.files[0].content + """
            questions:
              - id: goal-of-hello
                ask: What is the goal of the step "Greet"?
                about: {step: enquiry/main/hello}
                answers: [{text: Open the call, correct: true}, {text: Close the call}]

            """)])

    func check(_ context: CheckContext) {
        let codex = context.codex
        guard !codex.questions.isEmpty else { return }
        var situations: [String: Situation] = [:]
        for situation in codex.situations where situations[situation.id.value] == nil { situations[situation.id.value] = situation }
        let banned = Set(codex.bannedPhrases.map(\.phrase.value.folded))
        let expectations = Set(codex.expectations.map(\.id.value))

        for question in codex.questions {
            guard let about = question.about else { continue }
            func missing(_ what: String, _ name: Located<String>, help: String) {
                context.report("question `\(question.id.value)` is about \(what) `\(name.value)`, which the codex does not have",
                               at: name.span, help: [help])
            }
            if let id = about.situation, situations[id.value] == nil {
                missing("the situation", id, help: "name a situation by its id, or delete the question")
            }
            if let path = about.process, process(path.value, in: situations) == nil {
                missing("the process", path, help: "name a process as `situation/process`, or delete the question")
            }
            var step: Step?
            if let path = about.step {
                step = self.step(path.value, in: situations)
                if step == nil { missing("the step", path, help: "name a step as `situation/process/step`, or delete the question") }
            }
            if let phrase = about.bannedPhrase, !banned.contains(phrase.value.folded) {
                missing("the banned phrase", phrase, help: "quote a banned phrase as the codex writes it, or delete the question")
            }
            if let id = about.expectation, !expectations.contains(id.value) {
                missing("the expectation", id, help: "name an expectation by its id, or delete the question")
            }
            if let detail = about.touchpoint {
                if let step, !step.touchpoints.contains(where: { $0.detail.value.folded == detail.value.folded }) {
                    missing("the touchpoint", detail, help: "quote a touchpoint of the step as the codex writes it, or delete the question")
                } else if about.step == nil {
                    missing("the touchpoint", detail, help: "a touchpoint is named with its step: add `step:`")
                }
            }
            if let phrase = about.phrase {
                if let step, !(step.say + step.avoid).contains(where: { $0.value.folded == phrase.value.folded }) {
                    missing("the phrase", phrase, help: "quote a phrase the step says or avoids, or delete the question")
                } else if about.step == nil {
                    missing("the phrase", phrase, help: "a phrase is named with its step: add `step:`")
                }
            }
        }
    }

    private func process(_ path: String, in situations: [String: Situation]) -> Process? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let situation = situations[parts[0]] else { return nil }
        return situation.processes.first { $0.id.value == parts[1] }
    }

    private func step(_ path: String, in situations: [String: Situation]) -> Step? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let process = process(parts[0] + "/" + parts[1], in: situations) else { return nil }
        return process.steps.first { $0.id.value == parts[2] }
    }
}
