import Foundation
import Testing
import TestSupport

/// Every file of the hostile corpus, checked as a content file of a codex: each gives a
/// clear error or the right result, within bounded time, and none crashes.
@Suite struct HostileInputTests {
    static let corpus = CLITests.fixtures.appendingPathComponent("hostile-yaml")
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()

    private static let manifest = """
        kodex: 1
        title: Hostile corpus
        organisation: Test
        locale: en
        channels: [{id: phone, title: Phone}]
        roles: [{id: agent, title: Agent}]
        validation: {required_kinds: [], disable: [unused-element]}

        """

    /// Checks a codex made of the manifest and `content`, returning the JSON report.
    private func check(_ content: Data, name: String) throws -> (status: Int32, findings: [[String: Any]], seconds: Double) {
        let folder = try TemporaryFolder()
        try folder.write("codex.yaml", Self.manifest)
        try content.write(to: URL(fileURLWithPath: folder.path + "/" + name))
        let start = Date()
        let result = try kodex("check", folder.path, "--format", "json")
        let seconds = Date().timeIntervalSince(start)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result.status, json?["diagnostics"] as? [[String: Any]] ?? [], seconds)
    }

    @Test func corpusIsNotEmpty() {
        #expect(Self.files.count >= 20)
    }

    @Test(arguments: files)
    func hostileFileGivesAClearAnswerWithoutCrashing(_ name: String) throws {
        let content = try Data(contentsOf: Self.corpus.appendingPathComponent(name))
        let (status, findings, seconds) = try check(content, name: name)
        #expect(status == 0 || status == 1, "kodex check ended with \(status) on \(name)")
        #expect(seconds < 20, "\(name) took \(seconds) s")
        for finding in findings {
            #expect((finding["message"] as? String)?.isEmpty == false)
        }
    }

    @Test func corpusFindingsAreAsRecorded() throws {
        var summary = ""
        for name in Self.files {
            let content = try Data(contentsOf: Self.corpus.appendingPathComponent(name))
            let (status, findings, _) = try check(content, name: name)
            summary += "\(name): exit \(status)\n"
            for finding in findings {
                let start = finding["start"] as? [String: Int]
                let place = start.map { "\($0["line"] ?? 0):\($0["column"] ?? 0)" } ?? "file"
                summary += "  \(finding["code"] ?? "") \(place) \(finding["message"] ?? "")\n"
            }
        }
        expectGolden(summary, "hostile-corpus.txt")
    }

    @Test func corpusReplaysThroughLoadValidateAndRender() throws {
        let replayer = URL(fileURLWithPath: kodexBinary).deletingLastPathComponent().appendingPathComponent("kodex-fuzz").path
        let result = try run(replayer, Self.files.map { Self.corpus.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == Self.files.count)
    }

    @Test func journalSeedsReplayThroughTheJournalReader() throws {
        let replayer = URL(fileURLWithPath: kodexBinary).deletingLastPathComponent().appendingPathComponent("kodex-fuzz").path
        let folder = CLITests.fixtures.appendingPathComponent("journals")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        #expect(!names.isEmpty)
        let result = try run(replayer, names.map { folder.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func fiftyMegabyteFileIsRefusedQuickly() throws {
        let line = Data("# padding line of a very large codex file, far beyond any hand-written one\n".utf8)
        var content = Data(capacity: 50 << 20)
        while content.count < 50 << 20 { content.append(line) }
        let (status, findings, seconds) = try check(content, name: "huge.yaml")
        #expect(status == 1)
        #expect(findings.first?["rule"] as? String == "input-limit")
        #expect(seconds < 20)
    }

    @Test func enormousMarkdownFieldIsReportedAtItsPlace() throws {
        let paragraph = String(repeating: "Nagyon hosszú szöveg. ", count: 50)
        let content = "rules:\n  - id: huge\n    title: Huge\n    text: |\n" + String(repeating: "      \(paragraph)\n", count: 1500)
        let (status, findings, _) = try check(Data(content.utf8), name: "enormous.yaml")
        #expect(status == 1)
        let limit = try #require(findings.first { $0["rule"] as? String == "input-limit" })
        #expect(limit["message"] as? String == "`text` of rule `huge` is longer than 100000 characters")
        #expect((limit["start"] as? [String: Int])?["line"] == 4)
    }

    @Test func folderNamedLikeACodexFileIsNotRead() throws {
        let folder = try TemporaryFolder()
        try folder.write("codex.yaml", Self.manifest + "include: [situations.yaml]\n")
        try FileManager.default.createDirectory(atPath: folder.path + "/situations.yaml", withIntermediateDirectories: true)
        let result = try kodex("check", folder.path, "--color", "never")
        #expect(result.status == 0)
        #expect(result.stdout.contains("warning[K010]: include pattern `situations.yaml` matches no file"))
    }
}

/// Standard output whose reader has gone, as behind `kodex report … | head`.
@Suite struct ClosedOutputTests {
    /// Starts `kodex` with standard output on a pipe already closed at its reading end and
    /// SIGPIPE ignored, as it is once Kodex has connected to PostgreSQL (SwiftNIO ignores
    /// it), and answers the exit status (negative: the signal that ended it) and standard error.
    private func kodexIntoClosedPipe(_ arguments: [String]) throws -> (status: Int, stderr: String) {
        let script = """
            import os, subprocess, sys
            read, write = os.pipe()
            os.close(read)
            # SIGPIPE stays ignored in the child, as Python ignores it itself.
            done = subprocess.run(sys.argv[1:], stdout=write, stderr=subprocess.PIPE, restore_signals=False, timeout=60)
            print(done.returncode)
            sys.stdout.write(done.stderr.decode("utf-8", "replace"))
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, kodexBinary] + arguments)
        let lines = result.stdout.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return (Int(lines.first ?? "") ?? -1000, lines.count > 1 ? String(lines[1]) : "")
    }

    @Test(arguments: [["checks"], ["check", CLITests.repository.path + "/codex"], ["schema"]])
    func aReaderThatLeftEndsTheProgramAsSIGPIPEWouldWithoutACrash(_ arguments: [String]) throws {
        let ended = try kodexIntoClosedPipe(arguments)
        #expect(ended.status == 141, "status \(ended.status): \(ended.stderr.prefix(300))")
        #expect(ended.stderr.isEmpty)
    }
}
