import Foundation
@testable import KodexPublishing
import Testing
import TestSupport

@Suite struct PageTemplateSetTests {
    static let sample = repository.appendingPathComponent("codex").path

    @Test func builtInTemplatesAreTheRepositorysTemplatesFolder() throws {
        let folder = repository.appendingPathComponent("templates").path
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: folder)
            .filter { !$0.hasPrefix(".") && $0.contains(".") }.sorted()
        #expect(PageTemplateSet.defaults.map(\.path) == onDisk)
        for file in PageTemplateSet.defaults {
            #expect(try String(contentsOfFile: folder + "/" + file.path, encoding: .utf8) == file.text, "\(file.path)")
        }
    }

    @Test func overrideReplacesOneTemplate() throws {
        let folder = try TemporaryFolder()
        try folder.write("md/index.mustache", "{{% CONTENT_TYPE: MARKDOWN}}\nCustom: {{codex.title}}\n")
        let codex = try loadCodex(Self.sample)
        let files = try Handbook(codex: codex, templates: try PageTemplateSet(overrides: folder.path)).render([.markdown], singleFile: false)
        #expect(files.first { $0.path == "md/index.md" }?.text == "Custom: Értékesítési és ügyfélkezelési kódex\n")
        #expect(files.first { $0.path == "md/rules.md" }?.text.hasPrefix("# Viselkedési szabályok") == true)
    }

    @Test func sidebarLinksComeFromTheNavItemTemplateWithOnlyTheOpenPageCurrent() throws {
        let folder = try TemporaryFolder()
        try folder.write("html/nav-item.mustache", "[{{root}}{{href}}{{#current}} HERE{{/current}}]\n")
        let codex = try loadCodex(Self.sample)
        let files = try Handbook(codex: codex, templates: try PageTemplateSet(overrides: folder.path)).render([.html], singleFile: false)
        let first = try #require(codex.situations.first?.id.value)
        let page = try #require(files.first { $0.path == "html/situations/\(first).html" }?.text)
        let links = page.split(separator: "\n").filter { $0.hasPrefix("[../situations/") }
        #expect(links.count == codex.situations.count)
        #expect(links.filter { $0.hasSuffix(" HERE]") } == ["[../situations/\(first).html HERE]"])
        let index = try #require(files.first { $0.path == "html/index.html" }?.text)
        #expect(!index.contains(" HERE]"))
        #expect(index.contains("[situations/\(first).html]"))
    }

    @Test func labelTagsAreReplacedByTheirTextEscapedForTheContentType() {
        let labels = ["goal": "Cél <1>", "a_b": "x"]
        let html = "{{% CONTENT_TYPE: HTML}}\n{{labels.goal}}|{{{labels.goal}}}|{{& labels.goal}}|{{ labels.a_b }}|{{labels.none}}|{{labels.goal.x}}|{{#labels.goal}}"
        #expect(PageTemplateSet.foldingLabels(in: html, labels: labels)
                == "{{% CONTENT_TYPE: HTML}}\nCél &lt;1&gt;|Cél <1>|Cél <1>|x|{{labels.none}}|{{labels.goal.x}}|{{#labels.goal}}")
        let markdown = "{{% CONTENT_TYPE: MARKDOWN}}\n# {{labels.goal}}"
        #expect(PageTemplateSet.foldingLabels(in: markdown, labels: labels) == "{{% CONTENT_TYPE: MARKDOWN}}\n# Cél \\<1\\>")
    }

    @Test func labelTagsStayWhereTheirMeaningCouldChange() {
        let labels = ["goal": "Cél", "braces": "{{x}}"]
        let delimiters = "{{=<% %>=}}\n<% labels.goal %> {{labels.goal}}"
        #expect(PageTemplateSet.foldingLabels(in: delimiters, labels: labels) == delimiters)
        let otherType = "{{% CONTENT_TYPE: TEXT}}\n{{labels.goal}}"
        #expect(PageTemplateSet.foldingLabels(in: otherType, labels: labels) == otherType)
        #expect(PageTemplateSet.foldingLabels(in: "{{labels.braces}}", labels: labels) == "{{labels.braces}}")
    }

    @Test func brokenTemplateNamesFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("html/index-body.mustache", "<h1>{{codex.title}}</h1>\n{{#situations}}\n<p>{{title}}</p>\n")
        let templates = try PageTemplateSet(overrides: folder.path)
        do {
            _ = try Handbook(codex: try loadCodex(Self.sample), templates: templates).render([.html], singleFile: false)
            Issue.record("expected an error")
        } catch let error as PublishError {
            #expect(error.message.hasPrefix("`\(folder.path)/html/index-body.mustache`, line "))
            #expect(error.message.contains("a section is never closed"))
        }
    }

    @Test func missingPartialNamesFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("html/step.mustache", "<section>\n{{>no-such-partial}}\n</section>\n")
        let templates = try PageTemplateSet(overrides: folder.path)
        do {
            _ = try Handbook(codex: try loadCodex(Self.sample), templates: templates).render([.html], singleFile: false)
            Issue.record("expected an error")
        } catch let error as PublishError {
            #expect(error.message == "`\(folder.path)/html/step.mustache`, line 2: no template named `no-such-partial` in `html/`")
        }
    }

    @Test func overrideThatReplacesNothingIsAnErrorWithASuggestion() throws {
        let folder = try TemporaryFolder()
        try folder.write("html/pag.mustache", "x")
        do {
            _ = try PageTemplateSet(overrides: folder.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasSuffix("replaces no built-in template; did you mean `html/page.mustache`?"))
        }
    }

    @Test func missingOverrideFolderIsAnError() {
        #expect(throws: PublishError.self) { try PageTemplateSet(overrides: "/nonexistent/kodex-templates") }
    }
}
