import Foundation
import Testing
import TestSupport

/// A copy of the English fixture with its questions generated and every one marked ready.
private func englishWithReadyBank() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try FileManager.default.removeItem(atPath: folder.path)
    try FileManager.default.copyItem(atPath: CLITests.fixtures.path + "/english", toPath: folder.path)
    // The fixture's patterns name its files one by one; the bank joins them.
    let manifest = folder.path + "/codex.yaml"
    let patterns = try String(contentsOfFile: manifest, encoding: .utf8)
    try Data(patterns.replacingOccurrences(of: "include:\n", with: "include:\n  - \"questions.yaml\"\n").utf8)
        .write(to: URL(fileURLWithPath: manifest))
    let generated = try kodex("quiz", "generate", folder.path)
    try #require(generated.status == 0, "\(generated.stderr)")
    let bank = folder.path + "/questions.yaml"
    let text = try String(contentsOfFile: bank, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "status: draft", with: "status: ready").utf8).write(to: URL(fileURLWithPath: bank))
    return folder
}

/// `kodex quiz take` as staff take it: in a terminal, killed half-way, and taken up again.
@Suite(.serialized) struct ExamTests {
    @Test func anExamKilledHalfWayIsTakenUpAgainWithEveryAnswerKept() throws {
        try #require(TmuxRun.isAvailable, "tmux is not installed; .ci/install-deps installs it")
        let codex = try englishWithReadyBank()
        let program = (command: "quiz take", journalOption: "--journal-dir")
        let first = try TmuxRun("--codex '\(codex.path)'", program: program)
        #expect(try first.waitFor("[1/"))
        try first.keys("2")
        try first.keys("Enter")
        #expect(try first.waitFor("[2/"))
        try first.keys("Down")
        try first.keys("Enter")
        #expect(try first.waitFor("[3/"))
        let before = try first.journal()
        #expect(before.count { $0.contains("\"type\":\"answer\"") } == 2)
        // Killed as a crash or a closed laptop would: no chance to write anything more.
        try first.killProgram()
        Thread.sleep(forTimeInterval: 0.3)

        let second = try TmuxRun("--codex '\(codex.path)'", program: program, log: first.log)
        #expect(try second.waitFor("Taken up again: 2 of"))
        #expect(try second.waitFor("[3/"))
        var finished = false
        for _ in 0..<300 where !finished {
            try second.keys("Enter")
            finished = try second.screen().contains { $0.contains("Result:") }
        }
        #expect(finished)
        let after = try second.journal()
        let answers = after.filter { $0.contains("\"type\":\"answer\"") }
        let start = try #require(after.first)
        let asked = start.components(separatedBy: "\"questions\":[").last?.components(separatedBy: "]").first?
            .split(separator: ",").count ?? 0
        #expect(answers.count == asked, "every question answered once")
        #expect(Array(answers.prefix(2)) == before.filter { $0.contains("\"type\":\"answer\"") }, "the answers before the kill are kept")
        #expect(after.contains { $0.contains("\"type\":\"resume\"") })
        #expect(after.last?.contains("\"type\":\"exam-end\"") == true)
    }

    @Test func inATinyPaneTheQuestionAndTheChosenAnswerStayOnScreen() throws {
        try #require(TmuxRun.isAvailable)
        let codex = try englishWithReadyBank()
        let pane = try TmuxRun("--codex '\(codex.path)'", program: (command: "quiz take", journalOption: "--journal-dir"), columns: 40, rows: 8)
        #expect(try pane.waitFor("[1/"))
        for _ in 0..<3 { try pane.keys("Down") }
        let screen = try pane.screen()
        #expect(screen.first?.hasPrefix("[1/") == true, "the heading did not scroll away: \(screen)")
        #expect(screen.contains { $0.hasPrefix("› 4.") }, "\(screen)")
        #expect(screen.contains { $0.contains("↑ …") }, "\(screen)")
        #expect(screen.allSatisfy { $0.count <= 40 })
    }

    @Test func aPasteIsNoAnswer() throws {
        try #require(TmuxRun.isAvailable)
        let codex = try englishWithReadyBank()
        let pane = try TmuxRun("--codex '\(codex.path)'", program: (command: "quiz take", journalOption: "--journal-dir"))
        #expect(try pane.waitFor("[1/"))
        try pane.paste("3\n")
        #expect(try pane.waitFor("Pasted text is not an answer"))
        #expect(try pane.journal().count == 1, "only the start is recorded")
    }
}
