import KodexEscaping
import KodexModel

/// A message template as one helpdesk shows it: every `{placeholder}` replaced by the
/// helpdesk's own text from the manifest, as HTML for rich replies and as plain text for
/// chat and notifications.
struct HelpdeskMessage {
    let template: MessageTemplate
    let target: HelpdeskTarget

    /// The subject line, with the helpdesk's variables; `nil` when the template has none.
    var subject: String? {
        template.subject.map { substituted($0.value, html: false) }
    }

    /// The body as plain text, line ends kept.
    var text: String {
        substituted(trimmedBody, html: false)
    }

    /// The body as HTML: a paragraph per block of lines, a `<br>` between the lines of one.
    var html: String {
        let paragraphs = trimmedBody.split(separator: "\n", omittingEmptySubsequences: false)
            .split { $0.allSatisfy(\.isWhitespace) }
        return paragraphs.map { lines in
            "<p>" + lines.map { substituted(String($0), html: true) }.joined(separator: "<br>") + "</p>"
        }.joined()
    }

    private var trimmedBody: String {
        var body = template.body?.value ?? ""
        while body.last?.isNewline == true { body.removeLast() }
        return body
    }

    /// `text` with each placeholder replaced by the helpdesk's text; escaped for HTML when
    /// `html` (the helpdesk's variables hold no markup, so escaping leaves them intact).
    private func substituted(_ text: String, html: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = ""
        var position = 0
        func append(_ piece: String) {
            if html { Escaping.appendHTML(piece, to: &output) } else { output += piece }
        }
        for use in MessageTemplate.placeholders(in: text) {
            append(String(String.UnicodeScalarView(scalars[position ..< use.range.lowerBound])))
            // `kodex check` refuses an unmapped placeholder before any export; one that
            // slips through stays visible rather than vanishing.
            append(target.value(of: use.name) ?? "{\(use.name)}")
            position = use.range.upperBound
        }
        append(String(String.UnicodeScalarView(scalars[position...])))
        return output
    }
}
