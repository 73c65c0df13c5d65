import KodexEscaping
import KodexModel

/// The formats `kodex quiz export` writes for learning platforms.
public enum QuizFormat: String, Sendable, CaseIterable {
    /// Moodle XML: categories by situation, `idnumber` = the stable id.
    case moodleXML = "moodle-xml"
    /// GIFT, Moodle's text format.
    case gift
    /// A QTI 3.0 content package: a zip of `imsmanifest.xml` and one file per question.
    case qti
    /// An Anki text file with a GUID column, so that a re-import updates the cards.
    case anki

    /// The file an export writes when not told where.
    public var defaultFileName: String {
        switch self {
        case .moodleXML: "quiz-moodle.xml"
        case .gift: "quiz.gift.txt"
        case .qti: "quiz-qti.zip"
        case .anki: "quiz-anki.txt"
        }
    }
}

/// The questions of a bank as one of the learning platforms' formats.
public struct QuizExport: Sendable {
    private let codex: Codex
    private let questions: [BankQuestion]
    private let words: QuizWords

    /// An export of `questions`, grouped by the situations of `codex`.
    public init(codex: Codex, questions: [BankQuestion]) {
        self.codex = codex
        self.questions = questions
        words = QuizWords(locale: codex.manifest.locale)
    }

    /// The export's bytes in `format`.
    public func render(_ format: QuizFormat) -> [UInt8] {
        switch format {
        case .moodleXML: Array(moodleXML().utf8)
        case .gift: Array(gift().utf8)
        case .qti: qtiPackage()
        case .anki: Array(anki().utf8)
        }
    }

    // MARK: - Grouping

    private var codexTitle: String { codex.manifest.title?.value ?? "Kodex" }

    /// The questions by situation, in codex order; questions of no situation (banned
    /// phrases, expectations, a trainer's own) first, under the shared category.
    private func groups() -> [(title: String, id: String?, questions: [BankQuestion])] {
        var order: [String?] = [nil] + codex.situations.map { Optional($0.id.value) }
        for question in questions where !order.contains(question.situation) { order.append(question.situation) }
        return order.compactMap { id in
            let members = questions.filter { $0.situation == id }
            guard !members.isEmpty else { return nil }
            let title = id.flatMap { id in codex.situations.first { $0.id.value == id }?.title?.value ?? id } ?? words.shared
            return (title, id, members)
        }
    }

    /// A short name for a question: its text, cut at a word near 80 characters.
    private func name(of question: BankQuestion) -> String {
        let text = question.ask.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard text.count > 80 else { return text }
        let cut = text.prefix(80)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    /// Text as one HTML paragraph, line ends kept.
    private func paragraph(_ text: String) -> String {
        "<p>" + Escaping.html(text).replacingOccurrences(of: "\n", with: "<br>") + "</p>"
    }

    // MARK: - Moodle XML

    private func moodleXML() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n"
        out += "  <!-- \(Escaping.xml(provenance).replacingOccurrences(of: "--", with: "- -")) -->\n"
        for group in groups() {
            // A `/` in a name would start a subcategory: Moodle reads `//` as the character.
            let path = ["$course$", "top", codexTitle, group.title].map { $0.replacingOccurrences(of: "/", with: "//") }
            out += """
                  <question type="category">
                    <category><text>\(Escaping.xml(path.joined(separator: "/")))</text></category>
                    <info format="html"><text></text></info>
                  </question>

                """
            for question in group.questions {
                out += question.isOrdering ? moodleMatching(question) : moodleChoice(question)
            }
        }
        return out + "</quiz>\n"
    }

    private func moodleHead(_ question: BankQuestion, type: String) -> String {
        """
          <question type="\(type)">
            <name><text>\(Escaping.xml(name(of: question)))</text></name>
            <questiontext format="html"><text>\(Escaping.xml(paragraph(question.ask)))</text></questiontext>
            <generalfeedback format="html"><text>\(Escaping.xml(question.explain.map(paragraph) ?? ""))</text></generalfeedback>
            <defaultgrade>1</defaultgrade>
            <penalty>0</penalty>
            <hidden>0</hidden>
            <idnumber>\(Escaping.xml(question.id))</idnumber>

        """
    }

    private func moodleChoice(_ question: BankQuestion) -> String {
        var out = moodleHead(question, type: "multichoice")
        out += """
                <single>true</single>
                <shuffleanswers>true</shuffleanswers>
                <answernumbering>abc</answernumbering>

            """
        for answer in question.answers {
            out += """
                    <answer fraction="\(answer.correct ? 100 : 0)" format="html">
                      <text>\(Escaping.xml(paragraph(answer.text)))</text>
                      <feedback format="html"><text></text></feedback>
                    </answer>

                """
        }
        return out + "  </question>\n"
    }

    /// An ordering question as Moodle's matching type: each item matched with its place.
    private func moodleMatching(_ question: BankQuestion) -> String {
        var out = moodleHead(question, type: "matching")
        out += "    <shuffleanswers>true</shuffleanswers>\n"
        for (index, item) in question.order.enumerated() {
            out += """
                    <subquestion format="html">
                      <text>\(Escaping.xml(paragraph(item)))</text>
                      <answer><text>\(index + 1).</text></answer>
                    </subquestion>

                """
        }
        return out + "  </question>\n"
    }

    private var provenance: String {
        [codexTitle, codex.manifest.organisation?.value, codex.manifest.version.map { "v\($0.value)" }]
            .compactMap { $0 }.joined(separator: ", ")
    }

    // MARK: - GIFT

    private func gift() -> String {
        var out = "// \(giftComment(provenance))\n\n"
        for group in groups() {
            let path = ["$course$", "top", codexTitle, group.title].map { $0.replacingOccurrences(of: "/", with: "//") }
            out += "$CATEGORY: \(giftLine(path.joined(separator: "/")))\n\n"
            for question in group.questions {
                out += "::\(giftText(question.id))::\(giftText(question.ask)) {\n"
                if question.isOrdering {
                    for (index, item) in question.order.enumerated() {
                        // GIFT has no escape for `->`, which separates a match's two sides.
                        out += "=\(giftText(item).replacingOccurrences(of: "->", with: "→")) -> \(index + 1).\n"
                    }
                } else {
                    for answer in question.answers { out += (answer.correct ? "=" : "~") + giftText(answer.text) + "\n" }
                }
                if let explain = question.explain { out += "####\(giftText(explain))\n" }
                out += "}\n\n"
            }
        }
        return out
    }

    /// Text with GIFT's special characters escaped and line ends written as `\n`.
    private func giftText(_ text: String) -> String {
        var out = ""
        for character in giftLine(text) {
            if "~=#{}:\\".contains(character) { out += "\\" }
            out.append(character)
        }
        return out.replacingOccurrences(of: "\u{1}", with: "\\n")
    }

    /// Text on one line: a blank line ends a GIFT question. Line ends become a mark that
    /// ``giftText(_:)`` writes as `\n` once the rest is escaped.
    private func giftLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\u{1}")
    }

    private func giftComment(_ text: String) -> String {
        giftLine(text).replacingOccurrences(of: "\u{1}", with: " ")
    }

    // MARK: - Anki

    /// Tab-separated notes with Anki's header lines: a GUID column, so that importing a
    /// newer export updates the cards; the front asks, the back answers.
    private func anki() -> String {
        var out = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
        for group in groups() {
            // `::` separates Anki's deck levels.
            let deck = [codexTitle, group.title].map { $0.replacingOccurrences(of: "::", with: ":") }.joined(separator: "::")
            for question in group.questions {
                let front: String
                let back: String
                if question.isOrdering {
                    front = paragraph(question.ask)
                    back = "<ol>" + question.order.map { "<li>" + Escaping.html($0) + "</li>" }.joined() + "</ol>"
                } else {
                    front = paragraph(question.ask) + "<ul>" + question.answers.map { "<li>" + Escaping.html($0.text) + "</li>" }.joined() + "</ul>"
                    back = paragraph(question.rightAnswer ?? "")
                }
                let explained = back + (question.explain.map(paragraph) ?? "")
                let tags = ["kodex", question.kind?.rawValue ?? "own"].joined(separator: " ")
                out += [question.id, "Basic", deck, front, explained, tags].map(ankiField).joined(separator: "\t") + "\n"
            }
        }
        return out
    }

    /// A field without tabs or line ends, which would end it; in HTML they are spaces.
    private func ankiField(_ text: String) -> String {
        text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: - QTI 3.0

    private static let qtiNamespace = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"

    /// The QTI identifier of a question: ids hold `/`, which an identifier may not.
    private func qtiIdentifier(_ question: BankQuestion) -> String {
        "q-" + question.id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? String($0) : "." }.joined()
    }

    private func qtiPackage() -> [UInt8] {
        var archive = ZipArchive()
        var resources = ""
        var seen = Set<String>()
        for group in groups() {
            for question in group.questions {
                var identifier = qtiIdentifier(question)
                while !seen.insert(identifier).inserted { identifier += "_" }
                let href = "items/\(identifier).xml"
                archive.add(href, Array(qtiItem(question, identifier: identifier).utf8))
                resources += """
                        <resource identifier="\(identifier)" type="imsqti_item_xmlv3p0" href="\(href)">
                          <file href="\(href)"/>
                        </resource>

                    """
            }
        }
        let manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="kodex-quiz">
              <metadata>
                <schema>QTI Package</schema>
                <schemaversion>3.0.0</schemaversion>
              </metadata>
              <organizations/>
              <resources>
            \(resources)  </resources>
            </manifest>

            """
        archive.add("imsmanifest.xml", Array(manifest.utf8), first: true)
        return archive.bytes()
    }

    private func qtiItem(_ question: BankQuestion, identifier: String) -> String {
        let language = codex.manifest.locale.rawValue
        let choices: [(id: String, text: String)]
        let correct: [String]
        let interaction: String
        if question.isOrdering {
            choices = question.order.enumerated().map { ("C\($0.offset + 1)", $0.element) }
            correct = choices.map(\.id)
            interaction = "qti-order-interaction"
        } else {
            choices = question.answers.enumerated().map { ("C\($0.offset + 1)", $0.element.text) }
            correct = question.answers.enumerated().filter(\.element.correct).map { "C\($0.offset + 1)" }
            interaction = "qti-choice-interaction"
        }
        let cardinality = question.isOrdering ? "ordered" : "single"
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <qti-assessment-item xmlns="\(Self.qtiNamespace)" identifier="\(identifier)" \
            title="\(Escaping.xmlAttribute(name(of: question)))" adaptive="false" time-dependent="false" xml:lang="\(language)">
              <qti-response-declaration identifier="RESPONSE" cardinality="\(cardinality)" base-type="identifier">
                <qti-correct-response>

            """
        for value in correct { out += "      <qti-value>\(value)</qti-value>\n" }
        out += """
                </qti-correct-response>
              </qti-response-declaration>
              <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
              <qti-item-body>
                <\(interaction) response-identifier="RESPONSE" shuffle="true"\(question.isOrdering ? "" : " max-choices=\"1\"")>
                  <qti-prompt>\(Escaping.xml(question.ask))</qti-prompt>

            """
        for choice in choices {
            out += "      <qti-simple-choice identifier=\"\(choice.id)\">\(Escaping.xml(choice.text))</qti-simple-choice>\n"
        }
        out += """
                </\(interaction)>
              </qti-item-body>
              <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
            </qti-assessment-item>

            """
        return out
    }
}
