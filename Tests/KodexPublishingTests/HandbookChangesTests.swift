import Foundation
import KodexChanges
import KodexModel
import KodexPublishing
import Testing

/// `kodex build --since`: badges on what is new or changed, and a "what's new" page.
@Suite struct HandbookChangesTests {
    /// The sample codex with one step's goal changed, an action added to another step,
    /// and an expectation added; rendered with the changes since the sample.
    private func renderChanged(_ formats: Set<Handbook.Format> = [.markdown, .html], singleFile: Bool = false) throws -> [String: String] {
        let old = try loadCodex(repository.path + "/codex")
        var new = old
        let complaint = try #require(new.situations.firstIndex { $0.id.value == "panaszos-ugyfel" })
        var steps = new.situations[complaint].processes[0].steps
        let investigating = try #require(steps.firstIndex { $0.id.value == "kivizsgalas" })
        steps[investigating].goal?.value = "A tények alapján megállapítani, hogy a panasz jogos-e"
        let closing = try #require(steps.firstIndex { $0.id.value == "lezaras" })
        steps[closing].actions.append(Action(text: Located("Kérdezze meg, elégedett-e", at: steps[closing].span), required: true))
        new.situations[complaint].processes[0].steps = steps
        var expectation = Expectation(id: Located("rugalmassag", at: old.manifest.span), span: old.manifest.span)
        expectation.title = Located("Rugalmasság", at: old.manifest.span)
        new.expectations.append(expectation)
        let changes = HandbookChanges(CodexComparer.compare(old, new, from: "v1.0", to: "."))
        let files = try Handbook(codex: new, templates: PageTemplateSet(), changes: changes).render(formats, singleFile: singleFile)
        return Dictionary(files.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aChangedStepCarriesABadgeInHTMLAndMarkdown() throws {
        let files = try renderChanged()
        let html = try #require(files["html/situations/panaszos-ugyfel.html"])
        #expect(html.contains("Kivizsgálás <span class=\"change change-changed\">módosult</span></h3>"))
        #expect(html.contains("Lezárás csoportvezetői jóváhagyással <span class=\"change change-changed\">módosult</span></h3>"))
        #expect(html.components(separatedBy: "class=\"change change-").count - 1 == 2)
        let markdown = try #require(files["md/situations/panaszos-ugyfel.md"])
        #expect(markdown.contains(": Kivizsgálás — *módosult*\n"))
    }

    @Test func aNewGlossaryEntryCarriesTheNewBadge() throws {
        let files = try renderChanged()
        #expect(try #require(files["html/expectations.html"]).contains("Rugalmasság <span class=\"change change-new\">új</span></h2>"))
        #expect(try #require(files["md/expectations.md"]).contains("## Rugalmasság — *új*\n"))
    }

    @Test func theWhatsNewPageListsEveryChangeWithItsAudience() throws {
        let files = try renderChanged()
        let page = try #require(files["md/whats-new.md"])
        #expect(page.contains("v1.0. 3 változás: 2 új, 1 módosult."))
        #expect(page.contains("- **módosult** Lépés: [Kivizsgálás](situations/panaszos-ugyfel.md#s-panaszos-ugyfel--panaszkezeles--kivizsgalas) — cél (Érinti: minden munkatárs)"))
        #expect(page.contains("(Érinti: Csoportvezető)"))
        #expect(page.contains("- **új** Elvárás: [Rugalmasság](expectations.md#expectation-rugalmassag) (Érinti: minden munkatárs)"))
        let html = try #require(files["html/whats-new.html"])
        #expect(html.contains("<h1>Újdonságok</h1>"))
        #expect(try #require(files["html/index.html"]).contains("<a href=\"whats-new.html\">Újdonságok</a>"))
    }

    @Test func theSingleFileHoldsTheWhatsNewSection() throws {
        let files = try renderChanged([.html], singleFile: true)
        let page = try #require(files["html/handbook.html"])
        #expect(page.contains("id=\"whats-new\""))
        #expect(page.contains("href=\"#whats-new\""))
    }

    @Test func withoutSinceThereIsNoBadgeAndNoWhatsNewPage() throws {
        let files = try render(repository.path + "/codex")
        #expect(!files.contains { $0.path.contains("whats-new") })
        #expect(!files.contains { $0.text.contains("class=\"change") || $0.text.contains("— *módosult*") })
    }
}
