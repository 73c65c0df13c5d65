import Foundation
internal import CCmark

/// Renders the codex's Markdown fields to HTML through cmark in safe mode, which
/// drops raw HTML and `javascript:`, `vbscript:`, `file:` and most `data:` links.
enum RichText {
    static func html(_ markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        let rendered = bytes.withUnsafeBufferPointer { buffer -> String in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let output = cmark_markdown_to_html(chars.baseAddress, chars.count,
                                                          CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8) else {
                    return ""
                }
                defer { free(output) }
                return String(cString: output)
            }
        }
        return withoutEmptyImages(rendered)
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
