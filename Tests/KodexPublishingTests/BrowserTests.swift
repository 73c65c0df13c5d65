import Foundation
import KodexPublishing
import KodexSupport
import Testing
import TestSupport

/// The handbook as its readers meet it, in headless Chromium: desktop and phone, light and
/// dark, and on paper. The checks themselves are in `Browser/check_handbook.py` (Selenium
/// and axe-core); `.ci/install-deps` installs what they need.
@Suite(.serialized) struct BrowserTests {
    static let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Browser/check_handbook.py").path

    /// The HTML site of `codex`, written to a temporary folder.
    private func site(_ codex: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try OutputWriter(directory: folder.path).write(try render(codex, [.html]))
        return folder
    }

    private func requireBrowser() throws {
        let ready = try runProgram("python3", ["-c", "import selenium, importlib.util as u; "
                                                + "assert u.find_spec('axe_playwright_python')"]).status == 0
        try #require(ready && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"),
                     "Selenium, axe-core and Chromium are not installed; .ci/install-deps installs them")
    }

    @Test(arguments: ["codex", "long-labels"])
    func siteHasWholeDiagramLabelsVisibleAnchorsNoSidewaysScrollAndNoAxeViolations(_ name: String) throws {
        try requireBrowser()
        let codex = name == "codex" ? repository.path + "/codex" : fixtures.path + "/" + name
        let folder = try site(codex)
        let result = try runProcess("/usr/bin/env", ["python3", Self.checker, "site", folder.path + "/html"], timeout: 600)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\"problems\": 0"))
    }

    @Test func hostileSiteOpensNoDialogInABrowser() throws {
        try requireBrowser()
        let folder = try site(HostileContentTests.hostile)
        let result = try runProcess("/usr/bin/env", ["python3", Self.checker, "inert", folder.path + "/html"], timeout: 600)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func samplePrintsToAtMostThirtySixA4PagesWithNoPageEndingOnAHeading() throws {
        let printer = try #require(PDFPrinter.find(), "Chromium is not installed; .ci/install-deps installs it")
        let page = try #require(try render(repository.path + "/codex", [.html], singleFile: true).first { $0.path.hasSuffix(".html") })
        let pdf = try printer.print(html: page.text)
        let folder = try TemporaryFolder()
        let path = folder.path + "/handbook.pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: path))
        let info = try runProgram("pdfinfo", [path])
        try #require(info.status == 0, "pdfinfo (poppler-utils) is missing: \(info.output)")
        let pages = info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        #expect(pages > 10 && pages <= 36, "\(pages) pages")
        #expect(info.output.contains("(A4)"), "\(info.output)")

        // Headings as the page holds them; a page whose last line is one of them strands it.
        let headingPattern = try Regex("<h[1-4][^>]*>(.*?)</h[1-4]>")
        let headings = Set(page.text.matches(of: headingPattern).map { match in
            String(page.text[match.range]).replacing(try! Regex("<[^>]+>"), with: "")
                .replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty })
        for number in 1...pages {
            let text = try runProgram("pdftotext", ["-f", "\(number)", "-l", "\(number)", "-layout", path, "-"]).output
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && $0.range(of: #"^\d+ / \d+$"#, options: .regularExpression) == nil }
            guard let last = lines.last else { continue }
            #expect(!headings.contains(last), "page \(number) ends with the heading “\(last)”")
        }
    }
}
