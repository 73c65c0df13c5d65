import Foundation
internal import CCmark

/// Renders the codex's Markdown fields to HTML through cmark in safe mode, after
/// ``SafeMarkdown`` has taken out raw HTML and dangerous links in any spelling.
enum RichText {
    static func html(_ markdown: String) -> String {
        withoutEmptyImages(SafeMarkdown.html(markdown))
    }

    /// cmark's safe mode empties the `src` of an image whose URL it refuses, which is
    /// invalid HTML; such an image becomes its alt text, already escaped by cmark.
    private static func withoutEmptyImages(_ html: String) -> String {
        guard html.contains("<img src=\"\"") else { return html }
        var output = ""
        var rest = Substring(html)
        while let start = rest.range(of: "<img src=\"\" alt=\"") {
            output += rest[..<start.lowerBound]
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: "\" />") else { break }
            output += rest[..<end.lowerBound]
            rest = rest[end.upperBound...]
        }
        return output + rest
    }
}
