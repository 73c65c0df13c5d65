/// The frame of a standalone report page (`kodex report`, `kodex quiz results`): the
/// handbook's style sheet inlined, the tables, charts and scrolling all reports share, and
/// the page's own rules after them.
public enum ReportPageShell {
    /// Everything up to and including `<main>`; `title` is escaped here.
    public static func start(title: String, language: String, css: String, extraCSS: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="\(Escaping.html(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(Escaping.html(title))</title>
        <style>
        \(css)
        .report main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
        .report table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
        .report th, .report td { padding: 0.25rem 0.6rem; text-align: left; border-bottom: 1px solid #8884;
          word-break: normal; overflow-wrap: normal; hyphens: manual; }
        .report th, .report td.number { white-space: nowrap; }
        .report td.number { text-align: right; font-variant-numeric: tabular-nums; }
        .report .chart { max-width: 100%; height: auto; display: block; margin: 0.5rem 0 1rem; }
        .report .chart text { font: 12px system-ui, sans-serif; fill: currentColor; }
        .report .scroll { overflow-x: auto; }
        \(extraCSS)
        </style>
        </head>
        <body class="report">
        <main id="main">

        """
    }

    /// The end of the page.
    public static let end = "</main>\n</body>\n</html>\n"
}
