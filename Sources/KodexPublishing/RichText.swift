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
        return rendered
    }
}
