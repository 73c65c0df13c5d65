import Foundation
import KodexModel
import KodexSupport

/// Wraps and cuts text by the cells it takes on a terminal, so Hungarian accents and
/// wide characters line up.
enum TextLayout {
    static func width(_ text: String) -> Int { TerminalWidth.of(text.unicodeScalars) }

    /// `text` broken into lines of at most `width` cells, the first prefixed with
    /// `first` and the rest indented to match. A word wider than the line breaks with a
    /// hyphen; nothing is cut off.
    static func wrap(_ text: String, width: Int, first: String = "", rest: String? = nil) -> [String] {
        let indent = rest ?? String(repeating: " ", count: self.width(first))
        let available = max(10, width - self.width(first))
        let lines = text.wrapped(columns: available, width: { TerminalWidth.of($0.unicodeScalars) })
        return lines.enumerated().map { ($0.offset == 0 ? first : indent) + $0.element }
    }

    /// `text` cut to `width` cells, with an ellipsis when cut.
    static func cut(_ text: String, to width: Int) -> String {
        guard self.width(text) > width else { return text }
        var result = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let cells = TerminalWidth.of(scalar)
            if used + cells > width - 1 { break }
            result.unicodeScalars.append(scalar)
            used += cells
        }
        return result + "…"
    }

    /// `text` padded with spaces to `width` cells.
    static func pad(_ text: String, to width: Int) -> String {
        let cells = self.width(text)
        return cells >= width ? text : text + String(repeating: " ", count: width - cells)
    }

    /// Folds text for matching: lowercase, without accents, so `ugyfel` finds `ügyfél`.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Minutes and seconds, such as `2:05`.
    static func duration(milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds / 1000)
        if seconds >= 3600 {
            return "\(seconds / 3600):" + two((seconds % 3600) / 60) + ":" + two(seconds % 60)
        }
        return "\(seconds / 60):" + two(seconds % 60)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
