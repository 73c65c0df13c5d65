import KodexModel

/// Reports images and links in Markdown fields that point at another host.
struct RemoteContentCheck: ValidationCheck {
    let description = CheckDescription(
        id: "remote-content", code: "K308", name: "Remote content", category: .hygiene, defaultSeverity: .warning,
        summary: "a Markdown field links to or shows an image from another host",
        explanation: """
            The handbook is a site that works offline, from a folder or a USB stick, and makes no \
            request to any other host. An image from another host breaks that: it is missing \
            offline, and every page view tells that host who is reading, as a tracking pixel \
            would. A link to another host is only missing offline. Copy images into the handbook's \
            folder, and mention other sites in words.
            """,
        triggering: [CheckExample("""
            rules:
              - id: greet
                title: Greet
                text: "Say your name. ![smile](https://example.com/smile.png)"

            """)],
        passing: [.clean, CheckExample("""
            rules:
              - id: greet
                title: Greet
                text: "Say your name, as [the greeting rule](#greet) says."

            """)])

    func check(_ context: CheckContext) {
        context.codex.forEachMarkdown { text, place, silences in
            for found in MarkdownLinks.scan(text.value) where found.kind != .html {
                guard case .remote = LinkDestination(found.target) else { continue }
                let image = found.kind == .image
                context.report("\(place()) \(image ? "shows an image from" : "links to") another host: `\(found.target)`",
                               at: ScalarSource.span(of: found.range, in: text),
                               notes: [Diagnostic.Note(image
                                   ? "the image is missing offline, and each page view tells that host who is reading"
                                   : "the link does not work offline")],
                               help: [image ? "copy the image into the handbook's folder and link it by a relative path"
                                            : "name the site in words, or keep the link if readers are always online"],
                               silences: silences)
            }
        }
    }
}
