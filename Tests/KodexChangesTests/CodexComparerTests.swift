import Foundation
import KodexChanges
import KodexModel
import Testing
import TestSupport

/// The sample codex's folder.
let sampleCodex = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("codex").path

/// A copy of the sample codex in a temporary folder, to plant changes in.
final class SampleCopy {
    let folder: TemporaryFolder
    /// The copy's codex folder.
    let path: String

    init(at relative: String = "kodex") throws {
        folder = try TemporaryFolder()
        path = folder.path + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sampleCodex, toPath: path)
    }

    /// Replaces `old`, which must occur in `file`, with `new` everywhere in it.
    func replace(_ file: String, _ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try String(contentsOfFile: path + "/" + file, encoding: .utf8)
        try #require(text.contains(old), "\(file) does not hold \(old)", sourceLocation: sourceLocation)
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: path + "/" + file))
    }

    /// Replaces what `pattern` matches in `file`, which must match at least once.
    func replace(_ file: String, matching pattern: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try String(contentsOfFile: path + "/" + file, encoding: .utf8)
        let expression = try NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        try #require(expression.firstMatch(in: text, range: range) != nil, "\(file) has no \(pattern)", sourceLocation: sourceLocation)
        let replaced = expression.stringByReplacingMatches(in: text, range: range, withTemplate: new)
        try Data(replaced.utf8).write(to: URL(fileURLWithPath: path + "/" + file))
    }

    func append(_ file: String, _ text: String) throws {
        let old = (try? String(contentsOfFile: path + "/" + file, encoding: .utf8)) ?? ""
        try Data((old + text).utf8).write(to: URL(fileURLWithPath: path + "/" + file))
    }

    func write(_ file: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + file))
    }

    func situationFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "/helyzetek").filter { $0.hasSuffix(".yaml") }.sorted()
            .map { "helyzetek/" + $0 }
    }
}

/// Each change as one line: what happened, the kind, the path, the id, the fields, and
/// the old id, so that a whole list compares in one expectation.
func summary(_ comparison: CodexComparison) -> [String] {
    comparison.changes.map { change in
        var line = "\(change.change.rawValue) \(change.kind.rawValue) \(change.path)"
        if change.id != change.path.split(separator: "/").last.map(String.init) { line += " «\(change.id)»" }
        if !change.fields.isEmpty { line += " [\(change.fields.map(\.name).joined(separator: ", "))]" }
        if let was = change.was { line += " was «\(was)»" }
        if let position = change.position { line += " \(position.from)→\(position.to)" }
        return line
    }
}

func compare(_ old: String, _ new: String) throws -> CodexComparison {
    try CodexDiff.compare(old: old, new: new, codexFolder: new)
}

/// The changes planted in ``plantedCopy()``: one or more of every kind.
func plantedCopy() throws -> SampleCopy {
    let copy = try SampleCopy()
    // A situation added: a copy of one under a new id.
    let followUp = try String(contentsOfFile: copy.path + "/helyzetek/ertekesites-utokovetese.yaml", encoding: .utf8)
    try copy.write("helyzetek/partner-utokovetes.yaml", followUp.replacingOccurrences(of: "id: ertekesites-utokovetese", with: "id: partner-utokovetes"))
    let complaint = "helyzetek/panaszos-ugyfel.yaml"
    // A step changed, an action added, a touchpoint changed, a phrase added.
    try copy.replace(complaint, "goal: A tények alapján eldönteni, hogy a panasz jogos-e", "goal: A tények alapján megállapítani, hogy a panasz jogos-e")
    try copy.replace(complaint, "            - Köszönje meg, hogy elmondta\n", "            - Köszönje meg, hogy elmondta\n            - Ismételje el a panasz lényegét\n")
    try copy.replace(complaint, "impression: Pontosan értik, mi bántott", "impression: Pontosan értik, mi a baj")
    try copy.replace(complaint, "avoid: [\"Majd jelentkezünk.\"]", "avoid: [\"Majd jelentkezünk.\", \"Majd meglátjuk.\"]")
    // A process added at the end of the situation.
    try copy.append(complaint, """
            - id: visszahivas
              title: Visszahívás a lezárás után
              steps:
                - id: hivas
                  title: Visszahívás
                  goal: Megkérdezni, rendeződött-e az ügy
                  effect: Az ügyfél érzi, hogy a cég utánajárt
                  actions:
                    - Hívja vissza az ügyfelet
                  touchpoints:
                    - detail: A hívás a megígért napon jön
                      impression: Számíthatok rájuk
                  end: Az ügyfél megerősítette, hogy rendeződött

        """)
    // An expectation added, a rule changed, a tool renamed with every reference to it.
    try copy.append("elvarasok.yaml", """
          - id: rugalmassag
            title: Rugalmasság
            description: Az ügyfél igényéhez igazodunk, nem a belső szabályainkhoz.

        """)
    try copy.replace("szabalyok.yaml", "Nem vágunk az ügyfél szavába.", "Soha nem vágunk az ügyfél szavába.")
    try copy.replace("eszkozok.yaml", "id: crm", "id: ugyfellap")
    for file in try copy.situationFiles() where try String(contentsOfFile: copy.path + "/" + file, encoding: .utf8).contains("crm") {
        try copy.replace(file, matching: "(?<=[\\[ ])crm(?=[,\\]])", "ugyfellap")
    }
    // A banned phrase added, a message template changed, a role added, a channel
    // retitled, the version raised.
    try copy.append("tiltott-kifejezesek.yaml", """
          - phrase: Ez a szabály
            instead: Megnézem, mit tehetünk ebben a helyzetben.
            why: A szabályra hivatkozás elzárja a beszélgetést.

        """)
    try copy.replace("uzenetsablonok.yaml", "Jelenleg {munkatars} dolgozik rajta.", "Jelenleg {munkatars} kollégánk dolgozik rajta.")
    try copy.replace("codex.yaml", "  - {id: csoportvezeto, title: Csoportvezető}\n", "  - {id: csoportvezeto, title: Csoportvezető}\n  - {id: minosegfelelos, title: Minőségfelelős}\n")
    try copy.replace("codex.yaml", "{id: email, title: E-mail}", "{id: email, title: Elektronikus levél}")
    try copy.replace("codex.yaml", "version: \"2.0\"", "version: \"2.1\"")
    return copy
}

@Suite struct CodexComparerTests {
    @Test func aCopyOfTheCodexHasNoChanges() throws {
        let copy = try SampleCopy()
        #expect(try compare(sampleCodex, copy.path).changes.isEmpty)
    }

    @Test func reorderedKeysAndChangedSpacingAreNoChange() throws {
        let copy = try SampleCopy()
        let complaint = "helyzetek/panaszos-ugyfel.yaml"
        try copy.replace(complaint, "          title: Meghallgatás\n          goal: A panaszt teljes egészében, közbevágás nélkül meghallgatni\n",
                         "          goal:   A panaszt teljes egészében,   közbevágás nélkül meghallgatni\n          title: Meghallgatás\n")
        try copy.replace(complaint, "channels: [telefon, email, szemelyes]", "channels:\n    - szemelyes\n    - telefon\n    - email")
        try copy.replace("szabalyok.yaml", "Nem vágunk az ügyfél szavába.", "Nem vágunk   az ügyfél\n      szavába.")
        #expect(summary(try compare(sampleCodex, copy.path)) == [])
    }

    @Test func aFileSplitInTwoIsNoChange() throws {
        let copy = try SampleCopy()
        let rules = try String(contentsOfFile: copy.path + "/szabalyok.yaml", encoding: .utf8)
        let second = try #require(rules.range(of: "  - id: nem-hibaztatunk"))
        try copy.write("szabalyok.yaml", String(rules[..<second.lowerBound]))
        try copy.write("szabalyok-masodik.yaml", "rules:\n" + rules[second.lowerBound...])
        #expect(summary(try compare(sampleCodex, copy.path)) == [])
    }

    @Test func plantedChangesOfEveryKindAreListedByID() throws {
        let copy = try plantedCopy()
        #expect(summary(try compare(sampleCodex, copy.path)) == [
            "added action panaszos-ugyfel/panaszkezeles/meghallgatas «Ismételje el a panasz lényegét»",
            "changed touchpoint panaszos-ugyfel/panaszkezeles/osszefoglalas «Az összefoglalás az ügyfél szavait használja» [impression]",
            "added phrase panaszos-ugyfel/panaszkezeles/rogzites «Majd meglátjuk.»",
            "changed step panaszos-ugyfel/panaszkezeles/kivizsgalas [goal]",
            "added process panaszos-ugyfel/visszahivas",
            "added situation partner-utokovetes",
            "added role minosegfelelos",
            "changed channel email [title]",
            "added expectation rugalmassag",
            "changed rule vegighallgatas [text]",
            "renamed tool ugyfellap was «crm»",
            "changed template statuszvaltozas [body]",
            "added banned-phrase Ez a szabály",
            "changed manifest version [version]",
        ])
    }

    @Test func removalsAreTheAdditionsSeenBackwards() throws {
        let copy = try plantedCopy()
        let removed = summary(try compare(copy.path, sampleCodex)).filter { $0.hasPrefix("removed") }
        #expect(removed == [
            "removed action panaszos-ugyfel/panaszkezeles/meghallgatas «Ismételje el a panasz lényegét»",
            "removed phrase panaszos-ugyfel/panaszkezeles/rogzites «Majd meglátjuk.»",
            "removed process panaszos-ugyfel/visszahivas",
            "removed situation partner-utokovetes",
            "removed role minosegfelelos",
            "removed expectation rugalmassag",
            "removed banned-phrase Ez a szabály",
        ])
    }

    @Test func aStepMovedInItsProcessNamesBothPlaces() throws {
        let copy = try SampleCopy()
        let file = "helyzetek/panaszos-ugyfel.yaml"
        let text = try String(contentsOfFile: copy.path + "/" + file, encoding: .utf8)
        let summarising = try #require(text.range(of: "        - id: osszefoglalas"))
        let recording = try #require(text.range(of: "        - id: rogzites"))
        let investigating = try #require(text.range(of: "        - id: kivizsgalas"))
        // Summarising goes after recording.
        try copy.write(file, String(text[..<summarising.lowerBound]) + text[recording.lowerBound..<investigating.lowerBound]
            + text[summarising.lowerBound..<recording.lowerBound] + text[investigating.lowerBound...])
        let changes = try compare(sampleCodex, copy.path).changes
        #expect(changes.count == 1)
        let move = try #require(changes.first)
        #expect(move.change == .moved && move.kind == .step)
        // One of the two swapped steps moved by one place; either reading is a true one.
        let swapped = ["panaszos-ugyfel/panaszkezeles/osszefoglalas", "panaszos-ugyfel/panaszkezeles/rogzites"]
        #expect(swapped.contains(move.path))
        let position = try #require(move.position)
        #expect(abs(position.from - position.to) == 1 && Set([position.from, position.to]) == [2, 3])
    }

    @Test func aRenamedStepKeepsTheBranchesThatLeadToIt() throws {
        let copy = try SampleCopy()
        let file = "helyzetek/panaszos-ugyfel.yaml"
        try copy.replace(file, "- id: orvoslas", "- id: jovatetel")
        try copy.replace(file, "to: orvoslas", "to: jovatetel")
        #expect(summary(try compare(sampleCodex, copy.path)) == [
            "renamed step panaszos-ugyfel/panaszkezeles/jovatetel was «orvoslas»",
        ])
    }

    @Test func aRewordedActionIsAChangeOfItsText() throws {
        let copy = try SampleCopy()
        try copy.replace("helyzetek/panaszos-ugyfel.yaml", "- Jegyzetelje a tényeket\n", "- Jegyzetelje pontosan a tényeket\n")
        let changes = try compare(sampleCodex, copy.path).changes
        #expect(summary(CodexComparison(from: "", to: "", changes: changes, locale: .hu, titles: .init())) == [
            "changed action panaszos-ugyfel/panaszkezeles/meghallgatas «Jegyzetelje pontosan a tényeket» [do] was «Jegyzetelje a tényeket»",
        ])
        #expect(changes.first?.fields.first == FieldChange(name: "do", old: "Jegyzetelje a tényeket", new: "Jegyzetelje pontosan a tényeket"))
    }

    @Test func aTimeTargetWrittenInOtherUnitsIsNoChange() throws {
        let copy = try SampleCopy()
        try copy.replace("helyzetek/panaszos-ugyfel.yaml", "{within: 1 óra, for: az írásos visszaigazolás, sla: first-reply}",
                         "{within: 60 perc, for: az írásos visszaigazolás, sla: first-reply}")
        #expect(summary(try compare(sampleCodex, copy.path)) == [])
    }

    @Test func aStepWithARoleConcernsThatRoleAlone() throws {
        let copy = try SampleCopy()
        try copy.replace("helyzetek/panaszos-ugyfel.yaml", "- Zárja le a panaszt a helpdeskben", "- Zárja le a panaszt a helpdeskben és a CRM-ben")
        let change = try #require(try compare(sampleCodex, copy.path).changes.first)
        #expect(change.affects == Audience(situations: ["panaszos-ugyfel"], roles: ["csoportvezeto"]))
    }

    @Test func aSharedRuleConcernsTheSituationsWhoseStepsUseIt() throws {
        let copy = try SampleCopy()
        try copy.replace("szabalyok.yaml", "Nem vágunk az ügyfél szavába.", "Soha nem vágunk az ügyfél szavába.")
        let change = try #require(try compare(sampleCodex, copy.path).changes.first)
        let users = try copy.situationFiles().filter {
            try String(contentsOfFile: copy.path + "/" + $0, encoding: .utf8).contains("vegighallgatas")
        }
        #expect(change.affects.situations.count == users.count)
        #expect(change.affects.situations.contains("panaszos-ugyfel"))
        #expect(change.affects.allAgents)
    }

    @Test func aParagraphBreakIsAChangeWhereSpacingIsNot() throws {
        let copy = try SampleCopy()
        try copy.replace("szabalyok.yaml", "Nem vágunk az ügyfél szavába. Amikor befejezte,",
                         "Nem vágunk az ügyfél szavába.\n\n      Amikor befejezte,")
        #expect(summary(try compare(sampleCodex, copy.path)) == ["changed rule vegighallgatas [text]"])
    }

    @Test func skippingUnchangedFilesFindsTheSameChanges() throws {
        let copy = try SampleCopy()
        try copy.replace("helyzetek/panaszos-ugyfel.yaml", "goal: A tények alapján eldönteni", "goal: A tények alapján megállapítani")
        try copy.replace("eszkozok.yaml", "id: crm", "id: ugyfellap")
        for file in try copy.situationFiles() where try String(contentsOfFile: copy.path + "/" + file, encoding: .utf8).contains("[crm") {
            try copy.replace(file, matching: "(?<=[\\[ ])crm(?=[,\\]])", "ugyfellap")
        }
        let cache = LoadCache(reach: .acrossFolders)
        let new = try CodexSide.read(copy.path, side: .new, repositoryFolder: copy.path, cache: cache)
        let old = try CodexSide.read(sampleCodex, side: .old, repositoryFolder: sampleCodex, cache: cache, lender: new)
        let unchanged = CodexSide.unchangedFiles(lentBy: cache, lender: new)
        // Some files are as they were: the skip has something to skip.
        #expect(!unchanged.old.isEmpty && unchanged.old == unchanged.new)
        #expect(!unchanged.new.contains { $0.hasSuffix("panaszos-ugyfel.yaml") || $0.hasSuffix("eszkozok.yaml") })
        let skipping = CodexComparer.compare(old.codex, new.codex, from: "a", to: "b", unchangedFiles: unchanged)
        let whole = CodexComparer.compare(old.codex, new.codex, from: "a", to: "b")
        #expect(summary(skipping) == summary(whole))
        #expect(summary(whole) == ["changed step panaszos-ugyfel/panaszkezeles/kivizsgalas [goal]", "renamed tool ugyfellap was «crm»"])
        #expect(skipping.changes == whole.changes)
        // Titles are looked up for the changes found: the output a person reads is the same.
        #expect(HumanChangeRenderer(color: false).render(skipping) == HumanChangeRenderer(color: false).render(whole))
        #expect(MarkdownChangeRenderer().render(skipping) == MarkdownChangeRenderer().render(whole))
        let markdown = MarkdownChangeRenderer().render(whole)
        #expect(markdown.contains("[Kivizsgálás]") && markdown.contains("[CRM ügyféllap]"), "steps and tools are shown by their titles")
        #expect(markdown.contains("érinti: 6 helyzet"), "the renamed tool concerns every situation that uses it")
    }
}
