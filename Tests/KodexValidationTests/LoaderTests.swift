import Foundation
import KodexModel
import KodexValidation
import KodexSupport
import Testing
import TestSupport

@Suite struct LoaderTests {
    private func manifestFolder(_ extra: String = "") throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("codex.yaml", CheckExample.baseManifest + extra)
        return folder
    }

    private func findings(_ folder: TemporaryFolder) throws -> [Diagnostic] {
        Validator().validate(try CodexLoader().load(directory: folder.path)).diagnostics
    }

    @Test func missingFolderIsALoadFailure() {
        let failure = #expect(throws: LoadFailure.self) { try CodexLoader().load(directory: "/nonexistent/kodex-codex") }
        #expect(failure?.reason == .noFolder)
    }

    @Test func folderWithoutManifestIsALoadFailureThatSuggestsInit() throws {
        let folder = try TemporaryFolder()
        do {
            _ = try CodexLoader().load(directory: folder.path)
            Issue.record("expected a failure")
        } catch {
            #expect(error.reason == .noManifest)
            #expect(error.message.contains("kodex init"))
        }
    }

    @Test func fifoIsReportedWithoutBeingOpened() throws {
        let folder = try manifestFolder()
        #expect(mkfifo(folder.path + "/pipe.yaml", 0o644) == 0)
        let found = try findings(folder)
        #expect(found.contains { $0.rule == CheckID.unreadableFile && $0.message.contains("is not a regular file") })
    }

    @Test func danglingLinkIsReportedAsUnreadable() throws {
        let folder = try manifestFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/gone.yaml", withDestinationPath: "nowhere.yaml")
        let found = try findings(folder)
        #expect(found.contains { $0.rule == CheckID.unreadableFile && $0.message.contains("cannot read") })
    }

    @Test func linkOutsideTheFolderIsNotRead() throws {
        let folder = try manifestFolder()
        let outside = try TemporaryFolder()
        try outside.write("secret.yaml", "expectations: [{id: leaked, title: Leaked}]\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/secret.yaml",
                                                   withDestinationPath: outside.path + "/secret.yaml")
        let loaded = try CodexLoader().load(directory: folder.path)
        #expect(loaded.codex.expectations.isEmpty)
        let found = Validator().validate(loaded).diagnostics
        #expect(found.contains { $0.rule == CheckID.includeOutsideCodex })
    }

    @Test func linkLoopEndsAndReadsEachFileOnce() throws {
        let folder = try manifestFolder()
        try folder.write("sub/a.yaml", "expectations: [{id: a, title: A}]\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/sub/loop", withDestinationPath: "..")
        let loaded = try CodexLoader().load(directory: folder.path)
        #expect(loaded.codex.files == ["sub/a.yaml"])
    }

    @Test func emptyContentFileIsAccepted() throws {
        let folder = try manifestFolder()
        try folder.write("empty.yaml", "")
        #expect(try findings(folder).isEmpty)
    }

    @Test func emptyManifestListsEveryRequiredField() throws {
        let folder = try TemporaryFolder()
        try folder.write("codex.yaml", "")
        let missing = try findings(folder).filter { $0.rule == CheckID.missingField }.map(\.message)
        #expect(missing == ["manifest has no `kodex`", "manifest has no `title`", "manifest has no `organisation`",
                            "manifest has no `locale`", "manifest has no `channels`", "manifest has no `roles`"])
    }

    @Test func filesAreReadInSortedOrder() throws {
        let folder = try manifestFolder()
        try folder.write("b.yaml", "expectations: [{id: b, title: B}]\n")
        try folder.write("a/z.yaml", "expectations: [{id: z, title: Z}]\n")
        try folder.write("a.yml", "expectations: [{id: a, title: A}]\n")
        let loaded = try CodexLoader().load(directory: folder.path)
        #expect(loaded.codex.files == ["a.yml", "a/z.yaml", "b.yaml"])
        #expect(loaded.codex.expectations.map(\.id.value) == ["a", "z", "b"])
    }

    @Test func hiddenFilesAreSkipped() throws {
        let folder = try manifestFolder()
        try folder.write(".draft.yaml", "expectations: [{id: x, title: X}]\n")
        #expect(try CodexLoader().load(directory: folder.path).codex.files.isEmpty)
    }

    @Test func schemaDecidesScalarTypes() throws {
        let folder = try manifestFolder()
        try folder.write("a.yaml", "expectations:\n  - {id: '0123', title: no, description: 1:30}\n")
        let expectation = try #require(try CodexLoader().load(directory: folder.path).codex.expectations.first)
        #expect(expectation.id.value == "0123")
        #expect(expectation.title?.value == "no")
        #expect(expectation.description?.value == "1:30")
    }

    @Test func quotedNumberIsNotAnInteger() throws {
        let folder = try manifestFolder("limits: {max_depth: \"10\"}\n")
        #expect(try findings(folder).contains { $0.rule == CheckID.wrongType && $0.message.contains("whole number") })
    }

    @Test func yesIsNotAFlag() throws {
        let folder = try manifestFolder()
        try folder.write("a.yaml", """
            situation:
              id: s
              title: S
              kind: enquiry
              processes:
                - id: p
                  title: P
                  steps:
                    - {id: a, title: A, goal: G, effect: E, actions: [{do: x, optional: yes}], end: done}

            """)
        #expect(try findings(folder).contains { $0.message == "`optional` of action must be `true` or `false`" })
    }

    @Test func manifestLimitsApplyToContentFiles() throws {
        let folder = try manifestFolder("limits: {max_file_size: 20}\n")
        try folder.write("a.yaml", "expectations: [{id: a, title: A}]\n")
        #expect(try findings(folder).contains { $0.rule == CheckID.inputLimit })
    }

    @Test func durationsAcceptEnglishAndHungarianUnits() {
        #expect(TimeTarget.seconds(in: "20 s") == 20)
        #expect(TimeTarget.seconds(in: "5 perc") == 300)
        #expect(TimeTarget.seconds(in: "24h") == 86_400)
        #expect(TimeTarget.seconds(in: "2 nap") == 172_800)
        #expect(TimeTarget.seconds(in: "soon") == nil)
        #expect(TimeTarget.seconds(in: "20 years") == nil)
    }

    @Test func globMatchesStarsAndDoubleStars() {
        #expect(Glob("situations/*.yaml").matches("situations/a.yaml"))
        #expect(!Glob("situations/*.yaml").matches("situations/x/a.yaml"))
        #expect(Glob("**/*.yaml").matches("a.yaml"))
        #expect(Glob("**/*.yaml").matches("x/y/a.yaml"))
        #expect(Glob("s?.yaml").matches("s1.yaml"))
        #expect(!Glob("*.yaml").matches("a.yml"))
        #expect(Glob("../x.yaml").escapesFolder)
        #expect(Glob("/etc/*.yaml").escapesFolder)
    }

    @Test func suggestionFindsCloseWordsOnly() {
        #expect(Suggestion.closest(to: "titel", in: ["title", "goal"]) == "title")
        #expect(Suggestion.closest(to: "efect", in: ["effect", "end"]) == "effect")
        #expect(Suggestion.closest(to: "zzz", in: ["title", "goal"]) == nil)
    }
}

/// JSON text that Kodex writes into reports and into the handbook's `<script>` elements.
@Suite struct JSONValueTests {
    @Test func quoteEscapesWhatWouldEndAStringOrAScript() {
        let text = "a\"b\\c\nd\re\tf<g>h&i\u{01}j\u{2028}k\u{2029}l ő ✓"
        #expect(JSONValue.quote(text)
                == "\"a\\\"b\\\\c\\nd\\re\\tf\\u003cg\\u003eh\\u0026i\\u0001j\\u2028k\\u2029l ő ✓\"")
    }

    @Test func prettyAndCompactKeepKeyOrder() {
        let value = JSONValue.object([("z", .integer(1)), ("a", .array([.bool(true), .string("x")])), ("e", .object([]))])
        #expect(value.compact == "{\"z\":1,\"a\":[true,\"x\"],\"e\":{}}")
        #expect(value.pretty == "{\n  \"z\": 1,\n  \"a\": [\n    true,\n    \"x\"\n  ],\n  \"e\": {}\n}\n")
    }
}
