import Foundation
import KodexSupport
import Testing
import TestSupport

/// Runs the built `kodex` binary and compares its whole output with golden files.
@Suite struct CLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func checkReportsEveryProblemOfBrokenCodex() throws {
        let result = try kodex("check", "broken", "--color", "never")
        #expect(result.status == 1)
        expectGolden(result.stdout, "check-broken.txt")
    }

    @Test func checkRendersJSON() throws {
        let result = try kodex("check", "broken", "--format", "json")
        #expect(result.status == 1)
        expectGolden(result.stdout, "check-broken.json")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(parsed?["errors"] as? Int == 12)
    }

    @Test func checkRendersGitHubAnnotations() throws {
        let result = try kodex("check", "broken", "--format", "github")
        #expect(result.status == 1)
        expectGolden(result.stdout, "check-broken.github.txt")
    }

    @Test func checkColoursOnlyWhenAsked() throws {
        #expect(try kodex("check", "broken", "--color", "always").stdout.contains("\u{1B}[1;31merror"))
        #expect(!(try kodex("check", "broken", "--color", "never").stdout.contains("\u{1B}[")))
        #expect(!(try kodex("check", "broken", environment: ["NO_COLOR": "1"]).stdout.contains("\u{1B}[")))
    }

    @Test func checkPassesEnglishCodexEvenWhenStrict() throws {
        let result = try kodex("check", "english", "--strict")
        #expect(result.status == 0)
        #expect(result.stdout == "ok: no findings in 4 files\n")
    }

    @Test func strictFailsOnWarningsOnly() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Self.fixtures.path + "/english", toPath: folder.path + "/codex")
        try Data("tools:\n  - {id: unused, title: Unused}\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/codex/situations/extra.yaml"))
        #expect(try kodex("check", folder.path + "/codex").status == 0)
        #expect(try kodex("check", folder.path + "/codex", "--strict").status == 1)
    }

    @Test func checkOfMissingFolderExitsWithTwo() throws {
        let result = try kodex("check", "no-such-codex")
        #expect(result.status == 2)
        #expect(result.stderr == "error: no codex folder at `no-such-codex`\n")
    }

    @Test func unknownOptionExitsWithTwo() throws {
        let result = try kodex("check", "broken", "--fromat", "json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown option '--fromat'"))
    }

    @Test func checksListsEveryCheck() throws {
        let result = try kodex("checks")
        #expect(result.status == 0)
        expectGolden(result.stdout, "checks.txt")
    }

    @Test func rulesIsStillAnAliasOfChecks() throws {
        #expect(try kodex("rules").stdout == (try kodex("checks").stdout))
    }

    @Test func explainPrintsTheRuleWithExamples() throws {
        let result = try kodex("explain", "K005")
        #expect(result.status == 0)
        expectGolden(result.stdout, "explain-K005.txt")
        #expect(try kodex("explain", "unknown-key").stdout == result.stdout)
    }

    @Test func explainOfUnknownRuleExitsWithTwo() throws {
        let result = try kodex("explain", "K999")
        #expect(result.status == 2)
        #expect(result.stderr == "error: no check `K999`; `kodex checks` lists them\n")
    }

    @Test func schemaIsRecorded() throws {
        let result = try kodex("schema")
        #expect(result.status == 0)
        expectGolden(result.stdout, "schema.json")
    }

    @Test func statusShowsEachSituationAndFailsOnErrors() throws {
        let result = try kodex("status", "broken")
        #expect(result.status == 1)
        expectGolden(result.stdout, "status-broken.txt")
    }

    @Test func statusRendersJSON() throws {
        let result = try kodex("status", Self.repository.path + "/codex", "--format", "json")
        #expect(result.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(parsed?["complete"] as? Int == 6)
        #expect(parsed?["total"] as? Int == 6)
        let situations = parsed?["situations"] as? [[String: Any]]
        #expect(situations?.first?["id"] as? String == "akvizicio")
        #expect(situations?.allSatisfy { $0["complete"] as? Bool == true } == true)
    }

    @Test func scaffoldWithGoalsEffectsAndActionsFilledIsStillIncomplete() throws {
        // A consultant fills in what the method names first and leaves the titles, the
        // ends and the organisation as `TODO`: neither `check --strict` nor `status` may
        // call that done.
        let folder = try TemporaryFolder()
        let target = folder.path + "/new"
        #expect(try kodex("init", target).status == 0)
        for file in try FileManager.default.subpathsOfDirectory(atPath: target) where file.hasSuffix(".yaml") {
            let path = target + "/" + file
            var text = try String(contentsOfFile: path, encoding: .utf8)
            for field in ["goal", "effect"] {
                text = text.replacingOccurrences(of: "\(field): TODO", with: "\(field): A real \(field) of \(file)")
            }
            text = text.replacingOccurrences(of: "- TODO", with: "- Do the real thing")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let checked = try kodex("check", target, "--strict", "--color", "never")
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("title of step"))
        #expect(checked.stdout.contains("organisation of the codex is a placeholder"))
        let status = try kodex("status", target)
        #expect(status.status == 1)
        #expect(status.stdout.contains("\n0 of 6 situations complete\n"))
    }

    @Test func initScaffoldsACodexThatCheckThenListsWorkFor() throws {
        let folder = try TemporaryFolder()
        let target = folder.path + "/new"
        let created = try kodex("init", target)
        #expect(created.status == 0)
        #expect(created.stdout.contains("created \(target)/situations/complaint.yaml"))
        let checked = try kodex("check", target, "--color", "never")
        #expect(checked.status == 1)
        expectGolden(checked.stdout.replacingOccurrences(of: target, with: "new"), "check-scaffold.txt")
    }

    @Test func initNeverOverwritesAFile() throws {
        let folder = try TemporaryFolder()
        let manifest = folder.path + "/codex.yaml"
        try Data("title: mine\n".utf8).write(to: URL(fileURLWithPath: manifest))
        let result = try kodex("init", folder.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("not overwriting existing files"))
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) == "title: mine\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/situations"))
    }

    @Test func sampleCodexPassesStrictCheck() throws {
        let result = try kodex("check", Self.repository.path + "/codex", "--strict")
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test(arguments: ["codex", "Tests/KodexCLITests/Fixtures/english"])
    func codexValidatesAgainstExportedSchemaWithPythonJSONSchema(_ relative: String) throws {
        let folder = try TemporaryFolder()
        let schema = folder.path + "/schema.json"
        try Data(try kodex("schema").stdout.utf8).write(to: URL(fileURLWithPath: schema))
        let script = """
            import glob, json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft7Validator.check_schema(schema)
            validator = jsonschema.Draft7Validator(schema)
            files = sorted(glob.glob(sys.argv[2] + "/**/*.yaml", recursive=True))
            errors = [f"{path}: {error.message}" for path in files
                      for error in validator.iter_errors(yaml.safe_load(open(path, encoding="utf-8")) or {})]
            print("\\n".join(errors) if errors else f"{len(files)} files valid")
            sys.exit(1 if errors or not files else 0)
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, schema, Self.repository.path + "/" + relative])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}

/// `kodex build` and `kodex templates export` end to end.
@Suite struct BuildCommandTests {
    @Test func twoBuildsIntoOneFolderAtOnceNeverMixTheirFiles() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out"
        let builds = try (0..<2).map { _ in
            try startProcess(kodexBinary, ["build", CLITests.repository.path + "/codex", "--out", out], directory: CLITests.fixtures)
        }
        for build in builds { build.closeInput() }
        let results = try builds.map { try $0.finish(timeout: 120) }
        #expect(results.contains { $0.status == 0 })
        for result in results where result.status != 0 {
            #expect(result.stderr.contains("egy másik kodex build éppen ír ide"), "\(result.stderr)")
        }
        let again = try kodex("build", CLITests.repository.path + "/codex", "--out", out)
        #expect(again.status == 0)
        #expect(again.stdout.contains("`\(out)`: 0 fájl kiírva"), "the folder holds exactly one build: \(again.stdout)")
    }

    @Test func buildReportsEachStepAndWritesBothOutputs() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("build", "english", "--out", folder.path + "/out")
        #expect(result.status == 0, "\(result.stderr)")
        expectGolden(result.stdout.replacingOccurrences(of: folder.path, with: "TMP"), "build-english.txt")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/md/situations/complaint.md"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/html/situations/complaint.html"))
    }

    @Test func pdfIsPrintedWithChromiumIntoThePDFFolder() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            Issue.record("Chromium is not installed; .ci/install-deps installs it")
            return
        }
        let folder = try TemporaryFolder()
        let result = try kodex("build", "english", "--out", folder.path, "--pdf")
        #expect(result.status == 0, "\(result.stderr)")
        let pdf = try #require(FileManager.default.contents(atPath: folder.path + "/pdf/handbook.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
    }

    @Test func pdfWithoutChromiumSaysHowToInstallItAndWritesTheRest() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("build", "english", "--out", folder.path, "--pdf", environment: ["KODEX_CHROMIUM": "/nonexistent/chrome"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("apt install chromium"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/html/index.html"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/pdf"))
    }

    @Test func rebuildRewritesNothing() throws {
        let folder = try TemporaryFolder()
        _ = try kodex("build", "english", "--out", folder.path)
        let again = try kodex("build", "english", "--out", folder.path)
        #expect(again.stdout.hasSuffix("wrote 0 files, 23 unchanged, 0 removed in `\(folder.path)`\n"))
    }

    @Test func codexWithErrorsIsRefusedAndNothingWritten() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("build", "broken", "--out", folder.path + "/out", "--color", "never")
        #expect(result.status == 1)
        #expect(result.stdout.contains("error[K009]: no rule has the id `gret`"))
        #expect(result.stderr == "error: the codex has errors; nothing was written\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test func plainSessionsImportedAreReportedWithTheirSkips() throws {
        let folder = try TemporaryFolder()
        let journals = folder.path + "/journals", db = folder.path + "/sessions.sqlite"
        let session = try kodexWithInput("s customer hung up\nn\ns no time\n", "run", "complaint", "--codex", "english",
                                         "--log-dir", journals, "--agent", "anna", "--plain")
        #expect(session.status == 0, "\(session.stderr)")
        let imported = try kodex("sessions", "import", journals, "--db", db)
        // A store named by a bare file name lands in the current folder.
        let here = try runProcess(kodexBinary, ["sessions", "import", journals, "--db", "here.sqlite"],
                                  directory: URL(fileURLWithPath: folder.path))
        #expect(here.status == 0, "\(here.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/here.sqlite"))
        #expect(imported.stdout.hasPrefix("imported 5 events: 1 new session, "), "\(imported.stdout)")
        let report = try kodex("report", "--db", db, "--codex", "english", "--format", "json")
        #expect(report.status == 0, "\(report.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let situations = try #require(object["situations"] as? [[String: Any]])
        let complaint = try #require(situations.first { $0["id"] as? String == "complaint" })
        #expect(complaint["sessions"] as? Int == 1)
        #expect(complaint["outcomes"] as? [String: Int] == ["open": 1])
        let steps = try #require(complaint["steps"] as? [[String: Any]])
        #expect(steps.first { $0["id"] as? String == "listen" }?["skip_reasons"] as? [String: Int] == ["customer hung up": 1])
        #expect(steps.first { $0["id"] as? String == "assess" }?["skip_reasons"] as? [String: Int] == ["no time": 1])
        let table = try kodex("report", "--db", db, "--codex", "english")
        #expect(table.stdout.contains("skipped: “customer hung up” ×1"), "\(table.stdout)")
        // The session list reads the store too, with the same filters as the journals.
        let fromStore = try kodex("sessions", "--db", db, "--agent", "anna", "--format", "csv")
        let fromJournals = try kodex("sessions", "--log-dir", journals, "--agent", "anna", "--format", "csv")
        #expect(fromStore.stdout == fromJournals.stdout)
        #expect(fromStore.stdout.split(separator: "\n").count == 2, "\(fromStore.stdout)")
        #expect(try kodex("sessions", "--db", db, "--agent", "nobody").stdout == "no sessions in `\(db)`\n")
    }

    @Test func twoImportsAtOnceIntoANewStoreBothSucceedAndCountEachSessionOnce() throws {
        let folder = try TemporaryFolder()
        let journals = folder.path + "/journals", db = folder.path + "/sessions.sqlite"
        for agent in ["anna", "bela", "csilla"] {
            _ = try kodexWithInput("s busy\n", "run", "complaint", "--codex", "english", "--log-dir", journals,
                                   "--agent", agent, "--plain")
        }
        let imports = try (0..<2).map { _ in
            try startProcess(kodexBinary, ["sessions", "import", journals, "--db", db], directory: CLITests.fixtures)
        }
        for child in imports { child.closeInput() }
        let results = try imports.map { try $0.finish(timeout: 120) }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        let added = results.compactMap { result in
            result.stdout.split(separator: " ").firstIndex(of: "new").map { Int(result.stdout.split(separator: " ")[$0 - 1]) ?? -1 }
        }
        #expect(added.reduce(0, +) == 3, "\(results.map(\.stdout))")
        let report = try kodex("report", "--db", db, "--codex", "english", "--format", "json")
        #expect(report.stdout.contains("\"sessions\": 3"), "\(report.stdout)")
    }

    @Test(.enabled(if: TemporaryPostgresDatabase.server != nil, "no PostgreSQL server: run the suite with .ci/test"))
    func runWithPushSendsTheSessionToTheTeamStoreWithoutWaitingForIt() throws {
        let folder = try TemporaryFolder()
        let store = try TemporaryPostgresDatabase()
        let journals = folder.path + "/journals"
        let session = try kodexWithInput("s customer hung up\nn\ns no time\n", "run", "complaint", "--codex", "english",
                                         "--log-dir", journals, "--agent", "anna", "--plain", "--push", store.url)
        #expect(session.status == 0, "\(session.stderr)")
        // The push runs after the agent is done; it lands within moments.
        var listed = ""
        for _ in 0..<150 where !listed.contains("anna") {
            listed = (try? kodex("sessions", "--db", store.url, "--format", "csv"))?.stdout ?? ""
            if !listed.contains("anna") { usleep(100_000) }
        }
        #expect(listed.split(separator: "\n").count == 2, "\(listed)")
        // A password in the address never reaches the output.
        var withPassword = try #require(URLComponents(string: store.url))
        withPassword.password = "s3cret"
        let nobody = try kodex("sessions", "--db", try #require(withPassword.string), "--agent", "nobody")
        #expect(nobody.stdout.hasPrefix("no sessions in `postgres://"), "\(nobody.stdout)\(nobody.stderr)")
        #expect(!nobody.stdout.contains("s3cret"))
        // A later push sends nothing twice.
        let again = try kodex("sessions", "push", "--db", store.url, "--log-dir", journals)
        #expect(again.stdout.hasPrefix("imported 0 events: 0 new sessions, 0 grown, 1 unchanged"), "\(again.stdout)")
        let report = try kodex("report", "--db", store.url, "--codex", "english", "--format", "json")
        #expect(report.stdout.contains("\"customer hung up\": 1"), "\(report.stdout)")
    }

    @Test func pushTakesOnlyAPostgresStore() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("sessions", "push", "--db", folder.path + "/s.sqlite")
        #expect(result.status == 2)
        #expect(result.stderr.contains("push sends journals to a PostgreSQL store"), "\(result.stderr)")
        let run = try kodex("run", "complaint", "--codex", "english", "--plain", "--push", folder.path + "/s.sqlite")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--push takes a PostgreSQL address"), "\(run.stderr)")
    }

    /// A store in `folder` holding the fixture journals, for the report's messages.
    private func fixtureStore(in folder: TemporaryFolder) throws -> String {
        _ = try kodex("sessions", "import", CLITests.fixtures.path + "/journals", "--db", folder.path + "/s.sqlite")
        return folder.path + "/s.sqlite"
    }

    @Test func reportRefusesADayItCannotRead() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("report", "--db", try fixtureStore(in: folder), "--codex", "english", "--since", "2026-13-01")
        #expect(result.status == 2)
        #expect(result.stderr == "error: `2026-13-01` is not a day written YYYY-MM-DD\n")
    }

    @Test func reportOnAHungarianCodexRefusesADayInHungarian() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("report", "--db", try fixtureStore(in: folder), "--codex", CLITests.repository.path + "/codex",
                               "--since", "2026-13-01")
        #expect(result.status == 2)
        #expect(result.stderr == "hiba: `2026-13-01` nem ÉÉÉÉ-HH-NN alakban írt nap\n")
    }

    @Test func reportWarnsOfASituationTheCodexDoesNotHave() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("report", "--db", try fixtureStore(in: folder), "--codex", "english", "--situation", "complaitn")
        #expect(result.status == 0)
        #expect(result.stderr == "warning: the codex has no situation `complaitn`\n")
        #expect(result.stdout == "no sessions\n")
    }

    @Test func reportOutOntoASymbolicLinkIsRefusedAndItsTargetKept() throws {
        let folder = try TemporaryFolder()
        try folder.write("kept.txt", "kept")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/report.txt", withDestinationPath: folder.path + "/kept.txt")
        let result = try kodex("report", "--db", try fixtureStore(in: folder), "--codex", "english", "--out", folder.path + "/report.txt")
        #expect(result.status == 2)
        #expect(result.stderr == "error: `\(folder.path)/report.txt` is a symbolic link; Kodex does not write through links\n")
        #expect(try String(contentsOfFile: folder.path + "/kept.txt", encoding: .utf8) == "kept")
    }

    @Test func reportWithoutAStoreSaysToImportFirstAndCreatesNothing() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("report", "--db", folder.path + "/none.sqlite", "--codex", "english")
        #expect(result.status == 2)
        #expect(result.stderr.contains("import journals first with `kodex sessions import`"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none.sqlite"))
    }

    @Test func hungarianCodexIsBuiltWithHungarianProgressAndSummary() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("build", CLITests.repository.path + "/codex", "--out", folder.path + "/out")
        #expect(result.status == 0, "\(result.stderr)")
        expectGolden(result.stdout.replacingOccurrences(of: folder.path, with: "TMP")
                        .replacingOccurrences(of: CLITests.repository.path, with: "REPO"), "build-hungarian.txt")
    }

    @Test func hungarianCodexWithErrorsIsRefusedInHungarian() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: CLITests.repository.path + "/codex", toPath: folder.path + "/codex")
        let situation = folder.path + "/codex/helyzetek/panaszos-ugyfel.yaml"
        let text = try String(contentsOfFile: situation, encoding: .utf8)
        try text.replacingOccurrences(of: "rules: [vegighallgatas, bemutatkozas]", with: "rules: [vegighalgatas, bemutatkozas]")
            .write(toFile: situation, atomically: true, encoding: .utf8)
        let result = try kodex("build", folder.path + "/codex", "--out", folder.path + "/out", "--color", "never")
        #expect(result.status == 1)
        #expect(result.stderr == "hiba: a kódexben hibák vannak; semmi sem íródott ki\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test func codexWithErrorsLeavesAnEarlierBuildAsItWas() throws {
        // The check runs beside rendering: what was rendered before it failed is thrown away.
        let folder = try TemporaryFolder()
        _ = try kodex("build", "english", "--out", folder.path + "/out")
        let before = try FileManager.default.subpathsOfDirectory(atPath: folder.path + "/out").sorted()
        let page = try String(contentsOfFile: folder.path + "/out/html/index.html", encoding: .utf8)
        let result = try kodex("build", "broken", "--out", folder.path + "/out", "--color", "never")
        #expect(result.status == 1)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: folder.path + "/out").sorted() == before)
        #expect(try String(contentsOfFile: folder.path + "/out/html/index.html", encoding: .utf8) == page)
    }

    @Test func folderWithForeignFilesIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("thesis.docx", "mine")
        let result = try kodex("build", "english", "--out", folder.path)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "refused before the codex is read")
        #expect(result.stderr.hasPrefix("error: check the output folder: "))
        #expect(result.stderr.contains("holds files Kodex did not write (`thesis.docx`)"))
        #expect(try String(contentsOfFile: folder.path + "/thesis.docx", encoding: .utf8) == "mine")
    }

    @Test func folderFullOfForeignFilesIsRefusedNamingAFew() throws {
        let folder = try TemporaryFolder()
        for index in 0..<50 { try folder.write("notes/\(index).txt", "mine") }
        let result = try kodex("build", "english", "--out", folder.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains(" and more); choose an empty or new folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/notes").count == 50)
    }

    @Test func singleFileWritesOneHTMLFile() throws {
        let folder = try TemporaryFolder()
        let result = try kodex("build", "english", "--out", folder.path, "--format", "html", "--single-file")
        #expect(result.status == 0)
        let written = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        #expect(written == [".kodex-build", ".kodex-build.lock", "html", "html/handbook.html"])
    }

    @Test func templatesExportWritesTheDefaultsAndNeverOverwrites() throws {
        let folder = try TemporaryFolder()
        let first = try kodex("templates", "export", folder.path + "/t")
        #expect(first.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/t/html/page.mustache"))
        try folder.write("t/html/page.mustache", "changed")
        let second = try kodex("templates", "export", folder.path + "/t")
        #expect(second.status == 2)
        #expect(try String(contentsOfFile: folder.path + "/t/html/page.mustache", encoding: .utf8) == "changed")
    }

    @Test func mistypedNameInAnOverridingTemplateIsWarnedAboutWithItsFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("t/html/step.mustache", "{{% CONTENT_TYPE: HTML}}\n<h3>{{titel}}</h3>{{goal}}\n")
        let result = try kodex("build", "english", "--out", folder.path + "/out", "--templates", folder.path + "/t")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("warning: `\(folder.path)/t/html/step.mustache`: `{{titel}}` names nothing"),
                "\(result.stdout)")
        #expect(!result.stdout.contains("{{goal}}"))
    }

    @Test func exportedTemplatesBuildTheSameHandbook() throws {
        let folder = try TemporaryFolder()
        _ = try kodex("templates", "export", folder.path + "/t")
        _ = try kodex("build", "english", "--out", folder.path + "/a")
        let custom = try kodex("build", "english", "--out", folder.path + "/b", "--templates", folder.path + "/t")
        #expect(custom.status == 0)
        let a = try String(contentsOfFile: folder.path + "/a/html/index.html", encoding: .utf8)
        let b = try String(contentsOfFile: folder.path + "/b/html/index.html", encoding: .utf8)
        #expect(a == b)
    }
}

/// Keeps `codex/FORMAT.md` true: its reference is the generated one, and its worked
/// example is a codex that passes a strict check.
@Suite struct FormatGuideTests {
    static let guide = CLITests.repository.appendingPathComponent("codex/FORMAT.md")

    @Test func guideEndsWithTheGeneratedReference() throws {
        let text = try String(contentsOf: Self.guide, encoding: .utf8)
        let reference = try kodex("schema", "--format", "markdown").stdout
        #expect(text.hasSuffix("Generated by `kodex schema --format markdown`.\n\n" + reference))
    }

    @Test func workedExamplePassesStrictCheck() throws {
        let text = try String(contentsOf: Self.guide, encoding: .utf8)
        let folder = try TemporaryFolder()
        var files = 0
        for block in text.components(separatedBy: "```yaml\n# ").dropFirst() {
            guard let newline = block.firstIndex(of: "\n"), let end = block.range(of: "```") else { continue }
            let name = String(block[..<newline])
            guard name.hasSuffix(".yaml") else { continue }
            try folder.write(name, String(block[block.index(after: newline)..<end.lowerBound]))
            files += 1
        }
        #expect(files == 3)
        let result = try kodex("check", folder.path, "--strict")
        #expect(result.status == 0, "\(result.stdout)")
    }
}
