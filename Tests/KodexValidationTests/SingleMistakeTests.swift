import Foundation
import KodexModel
import KodexValidation
import KodexSupport
import Testing
import TestSupport

/// One realistic mistake in a copy of the sample codex, as a consultant would make it.
struct Mistake: CustomTestStringConvertible, Sendable {
    var name: String
    /// The file changed, relative to the codex folder.
    var file: String
    var replacing: String
    var with: String
    /// Whether the codex then has errors (exit status 1), not only warnings.
    var fails = true
    /// The line the first finding must name, when the mistake deletes lines: then the
    /// finding names what now lacks them, such as the branch that lost its `to:`.
    var line: Int?

    var testDescription: String { name }
}

/// For every single mistake, `kodex check` leads straight to it: the first finding printed
/// names the line the author changed, and there are at most three findings in all.
@Suite struct SingleMistakeTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("codex").path

    static let mistakes: [Mistake] = [
        // Syntax
        Mistake(name: "tab indents a rule", file: "szabalyok.yaml",
                replacing: "  - id: bemutatkozas", with: "\t- id: bemutatkozas"),
        Mistake(name: "unquoted colon inside a substitute", file: "tiltott-kifejezesek.yaml",
                replacing: "instead: Köszönöm, hogy kivárt. Most", with: "instead: Most ezt így tudom megoldani: kivárt. Most"),
        Mistake(name: "text ending in a colon", file: "elvarasok.yaml",
                replacing: "title: Gyors elérhetőség", with: "title: Gyors elérhetőség, azaz:"),
        Mistake(name: "text after a closing quote", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "say: [\"A vizsgálat még tart, de pénteken délig biztosan választ kap.\"]",
                with: "say: \"A vizsgálat még tart,\" de pénteken délig választ kap."),
        Mistake(name: "key indented one column too far", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "          tools: [crm, helpdesk]\n          messages: [statuszvaltozas]",
                with: "          tools: [crm, helpdesk]\n           messages: [statuszvaltozas]"),
        Mistake(name: "key indented one column short", file: "eszkozok.yaml",
                replacing: "  - id: crm\n    title: CRM ügyféllap", with: "  - id: crm\n   title: CRM ügyféllap"),
        Mistake(name: "unclosed double quote", file: "uzenetsablonok.yaml",
                replacing: "subject: \"Bejelentése állapota megváltozott – {jegyszam}\"",
                with: "subject: \"Bejelentése állapota megváltozott – {jegyszam}"),
        Mistake(name: "unclosed flow list", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "tools: [crm, helpdesk]", with: "tools: [crm, helpdesk"),
        Mistake(name: "duplicate key", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "          title: Kivizsgálás\n", with: "          title: Kivizsgálás\n          title: Vizsgálat\n"),
        Mistake(name: "tab in the manifest", file: "codex.yaml",
                replacing: "  - {id: telefon, title: Telefon}", with: "\t- {id: telefon, title: Telefon}"),
        // Keys and types
        Mistake(name: "mistyped required key effect", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "          effect: Az ügyfél érzi, hogy a panaszát tárgyilagosan vizsgálták",
                with: "          efect: Az ügyfél érzi, hogy a panaszát tárgyilagosan vizsgálták"),
        Mistake(name: "American spelling of organisation", file: "codex.yaml",
                replacing: "organisation: Ügyvitel Pont Kft.", with: "organization: Ügyvitel Pont Kft."),
        Mistake(name: "mistyped optional key", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "          avoid: [\"Még nem tudunk semmit.\"]", with: "          avoi: [\"Még nem tudunk semmit.\"]"),
        Mistake(name: "mistyped list of steps", file: "helyzetek/problemat-megoldo-ugyfel.yaml",
                replacing: "      title: E-mailben érkező hibabejelentés\n      steps:", with: "      title: E-mailben érkező hibabejelentés\n      step:"),
        Mistake(name: "invalid situation kind", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "kind: complaint", with: "kind: panasz"),
        Mistake(name: "duration in words", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "within: 3 munkanap,", with: "within: három munkanap,"),
        Mistake(name: "working days mixed with hours", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "within: 3 munkanap,", with: "within: 3 munkanap 4 óra,"),
        Mistake(name: "id with a space", file: "elvarasok.yaml",
                replacing: "  - id: gyors-elerhetoseg", with: "  - id: gyors elerhetoseg"),
        Mistake(name: "single text where a list belongs", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "          tools: [crm, helpdesk]", with: "          tools: crm"),
        Mistake(name: "empty goal", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "          goal: A tények alapján eldönteni, hogy a panasz jogos-e", with: "          goal:"),
        Mistake(name: "optional flag as a word", file: "helyzetek/problemat-megoldo-ugyfel.yaml",
                replacing: "              optional: true", with: "              optional: igen"),
        // References
        Mistake(name: "misspelt rule reference", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "          rules: [statuszrol-ertesitunk]\n          tools: [crm, helpdesk]",
                with: "          rules: [statuszrol-ertesites]\n          tools: [crm, helpdesk]"),
        Mistake(name: "misspelt tool reference", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "tools: [crm, helpdesk]", with: "tools: [crm, helpdeszk]"),
        Mistake(name: "misspelt template reference", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "messages: [statuszvaltozas]", with: "messages: [statusz-valtozas]"),
        Mistake(name: "misspelt channel", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "channels: [telefon, email, szemelyes]", with: "channels: [telefon, e-mail, szemelyes]"),
        Mistake(name: "misspelt expectation", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "expectations: [meghallgatas, tisztelet", with: "expectations: [meghalgatas, tisztelet"),
        Mistake(name: "misspelt role", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "role: csoportvezeto", with: "role: csoportvezető"),
        Mistake(name: "renamed rule id", file: "szabalyok.yaml",
                replacing: "  - id: vegighallgatas", with: "  - id: vegig-hallgatas"),
        Mistake(name: "duplicate step id", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "        - id: orvoslas\n", with: "        - id: kivizsgalas\n"),
        // Flow
        Mistake(name: "branch to a misspelt step", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "              to: orvoslas", with: "              to: orvoslás"),
        Mistake(name: "branch without its target", file: "helyzetek/problemat-megoldo-ugyfel.yaml",
                replacing: "            - when: A felhasználó minősített\n              to: problemafelvetel",
                with: "            - when: A felhasználó minősített", line: 41),
        Mistake(name: "next together with branches", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "          time_target: {within: 3 munkanap, for: a kivizsgálás}\n",
                with: "          time_target: {within: 3 munkanap, for: a kivizsgálás}\n          next: orvoslas\n"),
        Mistake(name: "loop back with no way out", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "            - when: A panasz jogos\n              to: orvoslas\n            - when: A panasz nem jogos\n              to: indoklas",
                with: "            - when: A panasz jogos\n              to: osszefoglalas\n            - when: A panasz nem jogos\n              to: meghallgatas"),
        Mistake(name: "two branches with one condition", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "            - when: A panasz nem jogos", with: "            - when: A panasz jogos"),
        // Method and text
        Mistake(name: "placeholder title", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "          title: Kivizsgálás", with: "          title: TODO"),
        Mistake(name: "placeholder outcome", file: "helyzetek/problemat-megoldo-ugyfel.yaml",
                replacing: "          end: A felhasználó oktatási ajánlatot kapott", with: "          end: …"),
        Mistake(name: "placeholder branch condition", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "            - when: A panasz nem jogos", with: "            - when: x"),
        Mistake(name: "effect copied from goal", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "          effect: Az ügyfél érzi, hogy a panaszát tárgyilagosan vizsgálták",
                with: "          effect: A tények alapján eldönteni, hogy a panasz jogos-e", fails: false),
        Mistake(name: "banned phrase in a phrase to say", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "say: [\"A vizsgálat még tart, de pénteken délig biztosan választ kap.\"]",
                with: "say: [\"Hívása fontos számunkra, a vizsgálat még tart.\"]"),
        Mistake(name: "banned phrase inside a template body", file: "uzenetsablonok.yaml",
                replacing: "      Jelenleg {munkatars} dolgozik rajta.", with: "      Hívása fontos számunkra. Jelenleg {munkatars} dolgozik rajta."),
        Mistake(name: "misspelt placeholder in a template body", file: "uzenetsablonok.yaml",
                replacing: "      Jelenleg {munkatars} dolgozik rajta.", with: "      Jelenleg {munkatas} dolgozik rajta."),
        Mistake(name: "unclosed placeholder brace", file: "uzenetsablonok.yaml",
                replacing: "      Jelenleg {munkatars} dolgozik rajta.", with: "      Jelenleg {munkatars dolgozik rajta."),
        Mistake(name: "placeholder defined but unused", file: "uzenetsablonok.yaml",
                replacing: "      kovetkezo_lepes: Mi történik ezután, és mikor\n",
                with: "      kovetkezo_lepes: Mi történik ezután, és mikor\n      ugyintezo: A kolléga telefonszáma\n", fails: false),
        Mistake(name: "situation without expectations", file: "helyzetek/panaszos-ugyfel.yaml",
                replacing: "  expectations: [meghallgatas, tisztelet, tajekoztatas, betartott-igeret]\n", with: "", fails: false,
                line: 2),
        Mistake(name: "meets and exceeds one expectation", file: "szabalyok.yaml",
                replacing: "    exceeds: [meghallgatas]", with: "    meets: [meghallgatas]\n    exceeds: [meghallgatas]", fails: false),
        Mistake(name: "remote image in a rule", file: "szabalyok.yaml",
                replacing: "      Az ügyfelet a nevén szólítjuk, amint megtudtuk.",
                with: "      Az ügyfelet a nevén szólítjuk. ![mosoly](https://example.com/mosoly.png)", fails: false),
        Mistake(name: "script link in a tool description", file: "eszkozok.yaml",
                replacing: "kapcsolattartók. Hívás közben mindig nyitva van.",
                with: "kapcsolattartók. [Megnyitás](javascript:openCRM()) Hívás közben mindig nyitva van."),
        Mistake(name: "raw HTML in a tool description", file: "eszkozok.yaml",
                replacing: "kapcsolattartók. Hívás közben mindig nyitva van.",
                with: "kapcsolattartók. <b>Hívás közben</b> mindig nyitva van."),
        // Configuration
        Mistake(name: "silence by a misspelt id", file: "elvarasok.yaml",
                replacing: "    title: Gyors elérhetőség\n", with: "    title: Gyors elérhetőség\n    silence: {unused-elements: mindig használjuk}\n", fails: true),
        Mistake(name: "silence without a reason", file: "elvarasok.yaml",
                replacing: "    title: Gyors elérhetőség\n", with: "    title: Gyors elérhetőség\n    silence: {K301: }\n"),
        Mistake(name: "unknown severity word", file: "codex.yaml",
                replacing: "  required_kinds:", with: "  severity: {unused-element: hiba}\n  required_kinds:"),
        Mistake(name: "required kind misspelt", file: "codex.yaml",
                replacing: "required_kinds: [enquiry, problem,", with: "required_kinds: [enquiry, problems,"),
        Mistake(name: "include pattern matching nothing", file: "codex.yaml",
                replacing: "  - \"helyzetek/*.yaml\"", with: "  - \"helyzetek/*.yml\""),
        Mistake(name: "unused channel", file: "codex.yaml",
                replacing: "  - {id: email, title: E-mail}", with: "  - {id: email, title: E-mail}\n  - {id: chat, title: Csevegés}", fails: false),
    ]

    @Test(arguments: mistakes)
    func firstFindingNamesTheChangedLine(_ mistake: Mistake) throws {
        let (folder, line) = try Self.codex(with: mistake)
        let report = Validator().validate(try CodexLoader().load(directory: folder.path))
        let summary = report.diagnostics.map { "\($0.rule) \($0.span.map { "\($0.file.dropFirst(folder.path.count + 1)):\($0.start.line)" } ?? "-") \($0.message)" }
        let first = try #require(report.diagnostics.first, "no finding for \(mistake.name)")
        #expect(first.span?.file == folder.path + "/" + mistake.file, "\(summary)")
        #expect(first.span?.start.line == mistake.line ?? line, "\(summary)")
        #expect(report.diagnostics.count <= 3, "\(summary)")
        #expect((report.errorCount > 0) == mistake.fails, "\(summary)")
    }

    @Test func everyMistakeChangesTheSampleExactlyOnce() throws {
        for mistake in Self.mistakes {
            let text = try String(contentsOfFile: Self.sample + "/" + mistake.file, encoding: .utf8)
            #expect(text.components(separatedBy: mistake.replacing).count == 2, "\(mistake.name)")
        }
    }

    @Test func sampleItselfHasNoFindings() throws {
        let report = Validator().validate(try CodexLoader().load(directory: Self.sample))
        #expect(report.diagnostics.map(\.message) == [])
    }

    /// A copy of the sample with the mistake made, and the line of the first changed character.
    static func codex(with mistake: Mistake) throws -> (TemporaryFolder, Int) {
        let folder = try TemporaryFolder()
        for file in try FileManager.default.subpathsOfDirectory(atPath: sample) where file.hasSuffix(".yaml") {
            var text = try String(contentsOfFile: sample + "/" + file, encoding: .utf8)
            if file == mistake.file {
                guard let range = text.range(of: mistake.replacing) else {
                    throw CocoaError(.fileReadCorruptFile)
                }
                text.replaceSubrange(range, with: mistake.with)
            }
            try folder.write(file, text)
        }
        let original = Array(try String(contentsOfFile: sample + "/" + mistake.file, encoding: .utf8).utf8)
        let changed = Array(try String(contentsOfFile: folder.path + "/" + mistake.file, encoding: .utf8).utf8)
        let firstDifference = zip(original, changed).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(original.count, changed.count)
        let line = original[..<firstDifference].count { $0 == 0x0A } + 1
        return (folder, line)
    }
}

/// The JSON Schema agrees with `kodex check`: no mistake that the schema can express
/// (an unknown key, a wrong type, a missing field, an unknown check id) passes the schema
/// while `kodex check` rejects it.
@Suite struct SchemaAgreementTests {
    static let expressible: Set<String> = [CheckID.unknownKey, CheckID.wrongType, CheckID.missingField, "unknown-rule"]

    @Test func schemaRejectsEveryFileCheckRejectsForAReasonTheSchemaCanExpress() throws {
        let work = try TemporaryFolder()
        let schema = work.path + "/schema.json"
        try work.write("schema.json", CodexSchema.jsonSchema(checkIDs: Validator.checkNames).pretty)
        var mustFail: [String] = []
        var folders: [TemporaryFolder] = []
        for mistake in SingleMistakeTests.mistakes {
            let (folder, _) = try SingleMistakeTests.codex(with: mistake)
            folders.append(folder)
            let report = Validator().validate(try CodexLoader().load(directory: folder.path))
            let files = Set(report.diagnostics.filter { Self.expressible.contains($0.rule) }.compactMap { $0.span?.file })
            mustFail += files.sorted()
        }
        try #require(mustFail.count >= 8)
        let script = """
            import json, sys, yaml, jsonschema
            validator = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
            for path in sys.argv[2:]:
                try:
                    data = yaml.safe_load(open(path, encoding="utf-8")) or {}
                except yaml.YAMLError:
                    continue
                if not any(True for _ in validator.iter_errors(data)):
                    print("schema accepts", path)
            """
        let result = try runProcess("/usr/bin/env", ["python3", "-c", script, schema] + mustFail)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "", "\(result.stdout)")
    }
}
