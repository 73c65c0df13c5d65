import Foundation
internal import CCmark
import KodexModel

/// A codex's Markdown made safe to publish, for the HTML handbook and the Markdown one
/// alike, by editing the document cmark parsed rather than the text: what any CommonMark
/// renderer will see as a link is judged, however its destination is spelt.
///
/// A link whose destination is dangerous (``LinkDestination``: `javascript:`,
/// `vbscript:` or `data:`, in any case, through entities, percent-escapes or white space)
/// becomes its text; an image becomes its description. Raw HTML is left out.
enum SafeMarkdown {
    /// `markdown` as HTML.
    static func html(_ markdown: String) -> String {
        render(markdown) { document in cmark_render_html(document, CMARK_OPT_SAFE) }
    }

    /// `markdown` as CommonMark, for the Markdown handbook; no line is wrapped.
    static func markdown(_ markdown: String) -> String {
        render(markdown) { document in cmark_render_commonmark(document, CMARK_OPT_DEFAULT, 0) }
    }

    private static func render(_ markdown: String, _ renderer: (OpaquePointer) -> UnsafeMutablePointer<CChar>?) -> String {
        let bytes = Array(markdown.utf8)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_VALIDATE_UTF8)
            }
        }
        guard let document = parsed else { return "" }
        defer { cmark_node_free(document) }
        defuse(document)
        guard let output = renderer(document) else { return "" }
        defer { free(output) }
        return String(cString: output)
    }

    /// Turns dangerous links and images into their text, and leaves raw HTML out.
    private static func defuse(_ document: OpaquePointer) {
        // Collected first: the tree is changed only once the walk is over.
        var unwrap: [OpaquePointer] = []
        var htmlInline: [OpaquePointer] = []
        var htmlBlocks: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if case .dangerous = LinkDestination(url) { unwrap.append(node) }
            case CMARK_NODE_HTML_INLINE: htmlInline.append(node)
            case CMARK_NODE_HTML_BLOCK: htmlBlocks.append(node)
            default: break
            }
        }
        cmark_iter_free(iterator)
        for node in unwrap {
            while let child = cmark_node_first_child(node) {
                cmark_node_insert_before(node, child)
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        // Raw HTML is not published (K309 says so to the author), in either handbook.
        for node in htmlInline + htmlBlocks {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }
}
