import KodexModel

/// Reports script links and raw HTML in Markdown fields, which the handbook drops.
struct UnsafeMarkdownCheck: ValidationCheck {
    let description = CheckDescription(
        id: "unsafe-markdown", code: "K309", name: "Unsafe Markdown", category: .hygiene, defaultSeverity: .error,
        summary: "a Markdown field holds a `javascript:`, `vbscript:` or `data:` link, or raw HTML",
        explanation: """
            The handbook publishes Markdown as text, links and images only. A link whose address \
            is a script or inline data (`javascript:`, `vbscript:`, `data:`, in any spelling, \
            escaped or not) and raw HTML tags are dropped when the handbook is built, since they \
            could run code in a reader's browser: what the author wrote there will not be \
            published. Write it as Markdown instead.
            """,
        triggering: [
            CheckExample("""
                rules:
                  - id: greet
                    title: Greet
                    text: "Say your name. [Click](JaVa&#83;cript:alert(1))"

                """),
            CheckExample("""
                tools:
                  - id: crm
                    title: CRM
                    description: "Open the <b>customer card</b> first."

                """),
        ],
        passing: [.clean, CheckExample("""
            rules:
              - id: greet
                title: Greet
                text: "Say your name. Write `<b>` in code, [mail us](mailto:help@example.com) or see <https://example.com>."

            """)])

    func check(_ context: CheckContext) {
        context.codex.forEachMarkdown { text, place, silences in
            for found in MarkdownLinks.scan(text.value) {
                let span = ScalarSource.span(of: found.range, in: text)
                if found.kind == .html {
                    context.report("\(place()) holds raw HTML `\(found.target)`: this will not be published", at: span,
                                   help: ["write it in Markdown: `**bold**`, `*emphasis*`, `[text](address)`"],
                                   silences: silences)
                } else if case .dangerous(let scheme) = LinkDestination(found.target) {
                    context.report("\(place()) links to a `\(scheme):` address: this will not be published", at: span,
                                   notes: [Diagnostic.Note("a `\(scheme):` link could run code in a reader's browser")],
                                   help: ["link to a page of the handbook or a web address instead"],
                                   silences: silences)
                }
            }
        }
    }
}
