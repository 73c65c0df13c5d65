import KodexPageTemplates
import Testing
@testable import KodexPublishing

/// Every name a default template uses must be one the handbook's data can answer: a
/// renamed field would otherwise blank part of every page without a word.
@Suite struct TemplateNameTests {
    @Test func everyNameInTheHTMLTemplatesResolves() throws {
        let library = try PageTemplateSet().library("html", labels: Labels.strings(for: .hu))
        let bodies = library.names.filter { $0.hasSuffix("-body") }
        #expect(bodies.count == 11)
        #expect(library.unresolvedNames(in: "page", root: SitePage.fields, dynamicPartials: ["body": bodies]) == [])
        #expect(library.unresolvedNames(in: "nav-item", root: NavigationItem.fields) == [])
    }

    @Test func everyNameInTheMarkdownTemplatesResolves() throws {
        let library = try PageTemplateSet().library("md", labels: Labels.strings(for: .hu))
        #expect(library.names.filter { $0 != "step" && $0 != "usage" } == (["index", "situation", HandbookData.whatsNewName] + HandbookData.glossaryNames).sorted())
        for page in ["index", "situation", HandbookData.whatsNewName] + HandbookData.glossaryNames {
            #expect(library.unresolvedNames(in: page, root: MarkdownPage.fields(of: page)) == [], "md/\(page)")
        }
    }

    @Test func aFieldMissingFromTheDataIsNamedWithItsTemplate() throws {
        let library = try PageTemplateSet().library("html", labels: Labels.strings(for: .hu))
        var root = SitePage.fields
        root["pageTitle"] = nil
        let unresolved = library.unresolvedNames(in: "page", root: root, dynamicPartials: ["body": ["index-body"]])
        #expect(unresolved == [UnresolvedName(template: "page", name: "pageTitle")])
    }

    @Test func aMistypedNameInsideNestedSectionsIsFound() throws {
        var library = PageTemplateLibrary()
        library.register(try PageTemplate("{{#situation}}{{#processes}}{{#steps}}{{titel}} {{^empty(say)}}{{.}}{{/empty(say)}}"
                                          + "{{#actions}}{{text}}{{^last()}},{{/last()}}{{/actions}}{{/steps}}{{/processes}}"
                                          + "{{/situation}}{{labels.nosuchlabel}}"), named: "t")
        #expect(library.unresolvedNames(in: "t", root: SitePage.fields)
                == [UnresolvedName(template: "t", name: "titel"), UnresolvedName(template: "t", name: "labels.nosuchlabel")])
    }

    @Test func sequencePositionOutsideAListIsFound() throws {
        var library = PageTemplateLibrary()
        library.register(try PageTemplate("{{^last()}}, {{/last()}}"), named: "t")
        #expect(library.unresolvedNames(in: "t", root: SitePage.fields) == [UnresolvedName(template: "t", name: "last()")])
    }
}
