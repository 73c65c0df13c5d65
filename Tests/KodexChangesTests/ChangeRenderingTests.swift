import Foundation
import KodexChanges
import Testing
import TestSupport

/// The planted changes, with the sides named as revisions would be.
private func plantedComparison() throws -> CodexComparison {
    let copy = try plantedCopy()
    let old = try CodexSide.read(sampleCodex, side: .old, repositoryFolder: sampleCodex).codex
    let new = try CodexSide.read(copy.path, side: .new, repositoryFolder: copy.path).codex
    return CodexComparer.compare(old, new, from: "v1.0", to: "v2.0")
}

@Suite struct ChangeRenderingTests {
    @Test func humanOutputGroupsChangesBySituation() throws {
        expectGolden(HumanChangeRenderer(color: false).render(try plantedComparison()), "planted.txt")
    }

    @Test func humanOutputInColourPaintsEachKindOfChange() throws {
        let output = HumanChangeRenderer(color: true).render(try plantedComparison())
        #expect(output.contains("\u{1B}[1;32m+\u{1B}[0m"))
        #expect(output.contains("\u{1B}[1;33m~\u{1B}[0m"))
        #expect(output.contains("\u{1B}[1;36m→\u{1B}[0m"))
    }

    @Test func markdownIsAChangelogWithAddedChangedAndRemoved() throws {
        expectGolden(MarkdownChangeRenderer().render(try plantedComparison()), "planted.md")
    }

    @Test func markdownLinksStartFromTheHandbooksAddress() throws {
        let output = MarkdownChangeRenderer(handbook: "https://kodex.example.hu/kezikonyv").render(try plantedComparison())
        #expect(output.contains("(https://kodex.example.hu/kezikonyv/situations/panaszos-ugyfel.html#s-panaszos-ugyfel--panaszkezeles--kivizsgalas)"))
    }

    @Test func jsonNamesEachChangeAsTheFormatSays() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try plantedComparison().json.utf8)) as? [String: Any])
        #expect(json["from"] as? String == "v1.0")
        #expect(json["to"] as? String == "v2.0")
        let changes = try #require(json["changes"] as? [[String: Any]])
        let rename = try #require(changes.first { $0["change"] as? String == "renamed" })
        #expect(rename["kind"] as? String == "tool")
        #expect(rename["id"] as? String == "ugyfellap")
        #expect(rename["was"] as? String == "crm")
        let step = try #require(changes.first { $0["kind"] as? String == "step" })
        #expect(step["path"] as? String == "panaszos-ugyfel/panaszkezeles/kivizsgalas")
        #expect(step["fields"] as? [String] == ["goal"])
    }

    @Test func noChangesSaySoInTheCodexsLanguage() throws {
        let codex = try CodexSide.read(sampleCodex, side: .old, repositoryFolder: sampleCodex).codex
        let comparison = CodexComparer.compare(codex, codex, from: "v1.0", to: "v1.0")
        #expect(HumanChangeRenderer(color: false).render(comparison) == "kodex diff: v1.0 → v1.0\n\nNincs változás.\n")
    }

    @Test func markdownEscapesTextFromTheCodex() throws {
        let copy = try SampleCopy()
        try copy.replace("elvarasok.yaml", "title: Meghallgatás", "title: \"Meghallgatás *mindig* [itt](#x) <b>\"")
        let comparison = try CodexDiff.compare(old: sampleCodex, new: copy.path, codexFolder: copy.path)
        let output = MarkdownChangeRenderer().render(comparison)
        #expect(output.contains("\\*mindig\\*"))
        #expect(!output.contains("[itt](#x)"))
        #expect(!output.contains("<b>"))
    }
}

@Suite struct WordDiffTests {
    @Test func aReplacedWordIsRemovedThenAdded() {
        #expect(WordDiff("a tények alapján eldönteni, hogy", "a tények alapján megállapítani, hogy").parts == [
            .same("a tények alapján"), .removed("eldönteni,"), .added("megállapítani,"), .same("hogy"),
        ])
    }

    @Test func equalTextsAreOneSharedRun() {
        #expect(WordDiff("egy  kettő\nhárom", "egy kettő három").parts == [.same("egy kettő három")])
    }

    @Test func wordsAddedAtTheEndAreAnAddition() {
        #expect(WordDiff("Jegyzetelje a tényeket", "Jegyzetelje a tényeket pontosan").parts == [
            .same("Jegyzetelje a tényeket"), .added("pontosan"),
        ])
    }

    @Test func textsPastTheWordLimitAreReplacedWholeAfterTheirSharedEnds() {
        let old = "eleje " + (0..<3_000).map { "a\($0)" }.joined(separator: " ") + " vége"
        let new = "eleje " + (0..<3_000).map { "b\($0)" }.joined(separator: " ") + " vége"
        let parts = WordDiff(old, new).parts
        #expect(parts.count == 4)
        #expect(parts.first == .same("eleje") && parts.last == .same("vége"))
    }
}
