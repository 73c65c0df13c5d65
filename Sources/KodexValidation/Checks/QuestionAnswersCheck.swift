import KodexModel

/// Reports an exam question whose answers cannot be marked.
struct QuestionAnswersCheck: ValidationCheck {
    let description = CheckDescription(
        id: "question-answers", code: "K014", name: "Question that cannot be marked", category: .integrity,
        defaultSeverity: .error,
        summary: "an exam question has no right answer, two right answers, the same answer twice, or nothing to choose from",
        explanation: """
            A choice question offers `answers`, exactly one of them `correct: true`, and no two \
            alike (answers are compared ignoring case and spacing). An ordering question lists the \
            items of `order` in their right order, at least three, none twice. A question is one or the \
            other: with both, or with neither, neither the exam nor a learning platform can mark it.
            """,
        triggering: [
            CheckExample("""
                questions:
                  - id: two-right
                    ask: What do we say first?
                    answers: [{text: Our name, correct: true}, {text: The company's name, correct: true}]

                """),
            CheckExample("""
                questions:
                  - id: twice
                    ask: What do we say first?
                    answers: [{text: Our name, correct: true}, {text: our  name}]

                """),
        ],
        passing: [CheckExample("""
            questions:
              - id: first-words
                ask: What do we say first?
                answers: [{text: Our name, correct: true}, {text: The price}]
              - id: order
                ask: Put the steps in order.
                order: [Greet, Listen, Help]

            """)])

    func check(_ context: CheckContext) {
        for question in context.codex.questions {
            let name = "question `\(question.id.value)`"
            let span = question.id.value.isEmpty ? question.span : question.id.span
            if !question.answers.isEmpty && !question.order.isEmpty {
                context.report("\(name) has both `answers` and `order`", at: span,
                               help: ["keep `answers` for a choice question, `order` for putting items in order"])
                continue
            }
            if question.answers.isEmpty && question.order.isEmpty {
                context.report("\(name) has neither `answers` nor `order`", at: span,
                               help: ["add `answers:` with one `correct: true`, or `order:` with the items in their right order"])
                continue
            }
            let texts = question.answers.map(\.text) + question.order
            if question.answers.isEmpty, texts.count < 3 {
                // Learning platforms mark an order by matching each item with its place, and
                // Moodle's matching needs three places; two items are a yes-or-no question.
                context.report("\(name) puts \(texts.count) \(texts.count == 1 ? "item" : "items") in order; an ordering question needs at least three",
                               at: span, help: ["add items, or ask it as a choice between the two orders"])
            } else if texts.count < 2 {
                context.report("\(name) offers one answer only", at: span, help: ["add at least one more"])
            }
            if !question.answers.isEmpty {
                let right = question.answers.filter(\.correct)
                if right.isEmpty {
                    context.report("\(name) has no right answer", at: span, help: ["mark the right answer `correct: true`"])
                } else if right.count > 1 {
                    context.report("\(name) has \(right.count) right answers", at: right[1].text.span,
                                   notes: right.dropLast(right.count - 1).map { Diagnostic.Note("also marked right", at: $0.text.span) },
                                   help: ["mark exactly one answer `correct: true`"])
                }
            }
            var first: [String: Located<String>] = [:]
            for text in texts {
                let key = text.value.folded
                if let earlier = first[key] {
                    context.report("\(name) offers `\(text.value)` twice", at: text.span,
                                   notes: [Diagnostic.Note("first offered here", at: earlier.span)],
                                   help: ["make each \(question.answers.isEmpty ? "item" : "answer") different"])
                } else {
                    first[key] = text
                }
            }
        }
    }
}
