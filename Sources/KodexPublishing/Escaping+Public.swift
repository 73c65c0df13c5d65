/// Markdown escaping for other Kodex modules that write Markdown.
public enum MarkdownEscaping {
    /// Plain text as inline Markdown that cannot start a block or open raw HTML.
    public static func inline(_ text: String) -> String { Escaping.markdownInline(text) }
}

/// HTML escaping for other Kodex modules that write HTML.
public enum HTMLEscaping {
    /// Text for an HTML text node or a quoted attribute value.
    public static func text(_ text: String) -> String { Escaping.html(text) }
}
