import Foundation
import KodexChanges
import Testing
import TestSupport

/// A git repository holding the sample codex in a subfolder, with tags `v1.0` (the
/// sample) and `v2.0` (the planted changes), and nothing changed in the working tree.
final class SampleRepository {
    let copy: SampleCopy
    var root: String { copy.folder.path }
    var codex: String { copy.path }

    init() throws {
        copy = try SampleCopy(at: "docs/kodex")
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-q", "-m", "v1")
        try git("tag", "v1.0")
        let planted = try plantedCopy()
        try FileManager.default.removeItem(atPath: codex)
        try FileManager.default.copyItem(atPath: planted.path, toPath: codex)
        try git("add", "-A")
        try git("commit", "-q", "-m", "v2")
        try git("tag", "v2.0")
    }

    func git(_ arguments: String...) throws {
        let environment = ["GIT_AUTHOR_NAME": "Teszt", "GIT_AUTHOR_EMAIL": "teszt@example.com",
                           "GIT_COMMITTER_NAME": "Teszt", "GIT_COMMITTER_EMAIL": "teszt@example.com",
                           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        let result = try runProcess("/usr/bin/env", ["git", "-C", root] + arguments, environment: environment)
        try #require(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
    }
}

@Suite struct CodexSideTests {
    @Test func twoRevisionsCompareAsTheirFolders() throws {
        let repository = try SampleRepository()
        let planted = try plantedCopy()
        let byRevision = try CodexDiff.compare(old: "v1.0", new: "v2.0", codexFolder: repository.codex)
        let byFolder = try CodexDiff.compare(old: sampleCodex, new: planted.path, codexFolder: planted.path)
        #expect(summary(byRevision) == summary(byFolder))
        #expect(!byRevision.changes.isEmpty)
        #expect((byRevision.from, byRevision.to) == ("v1.0", "v2.0"))
    }

    @Test func aRevisionAloneIsComparedWithTheCodexFolder() throws {
        let repository = try SampleRepository()
        try Data("version: \"2.2\"\n".utf8).write(to: URL(fileURLWithPath: repository.codex + "/extra.txt"))
        let comparison = try CodexDiff.compare(old: "v2.0", new: nil, codexFolder: repository.codex)
        #expect(comparison.changes.isEmpty)
        #expect(comparison.to == repository.codex)
    }

    @Test func theTemporaryFolderOfARevisionIsRemoved() throws {
        let repository = try SampleRepository()
        // A scratch folder of its own: other tests write out revisions at the same time.
        let scratch = try TemporaryFolder()
        _ = try CodexDiff.compare(old: "v1.0", new: "v2.0", codexFolder: repository.codex, scratch: scratch.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test func aRevisionGitDoesNotKnowNamesTheSide() throws {
        let repository = try SampleRepository()
        let failure = try #require(throws: DiffFailure.self) {
            try CodexDiff.compare(old: "v9.9", new: nil, codexFolder: repository.codex)
        }
        #expect(failure.side == .old)
        #expect(failure.problem == .notFound(gitMessage: nil))
        #expect(failure.message(in: .hu) == "a régi oldal (v9.9) nem mappa, és a git sem ismer ilyen revíziót")
    }

    @Test func anOptionInPlaceOfARevisionIsNeverPassedToGit() throws {
        let repository = try SampleRepository()
        let failure = try #require(throws: DiffFailure.self) {
            try CodexDiff.compare(old: "--output=/tmp/kodex-owned", new: nil, codexFolder: repository.codex)
        }
        #expect(failure.problem == .notFound(gitMessage: nil))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/kodex-owned"))
    }

    @Test func aRevisionOutsideAnyRepositorySaysSo() throws {
        let copy = try SampleCopy()
        let failure = try #require(throws: DiffFailure.self) {
            try CodexDiff.compare(old: "v1.0", new: nil, codexFolder: copy.path)
        }
        guard case .notFound(let gitMessage) = failure.problem else {
            Issue.record("expected notFound, got \(failure.problem)")
            return
        }
        #expect(gitMessage?.contains("not a git repository") == true)
    }

    @Test func aFolderWithoutACodexCannotBeRead() throws {
        let empty = try TemporaryFolder()
        let failure = try #require(throws: DiffFailure.self) {
            try CodexDiff.compare(old: sampleCodex, new: empty.path, codexFolder: empty.path)
        }
        #expect(failure.side == .new)
        guard case .unreadable(let message) = failure.problem else {
            Issue.record("expected unreadable, got \(failure.problem)")
            return
        }
        #expect(message.contains("codex.yaml"))
    }

    @Test func aSideWithErrorsFailsNamingTheFirstWithItsPlace() throws {
        let copy = try SampleCopy()
        try copy.replace("helyzetek/panaszos-ugyfel.yaml", "to: orvoslas", "to: nincs-ilyen-lepes")
        let failure = try #require(throws: DiffFailure.self) {
            try CodexDiff.compare(old: copy.path, new: sampleCodex, codexFolder: sampleCodex)
        }
        #expect(failure.side == .old)
        guard case .failsCheck(let errors, let first) = failure.problem else {
            Issue.record("expected failsCheck, got \(failure.problem)")
            return
        }
        #expect(errors == 1)
        #expect(first.hasPrefix(copy.path + "/helyzetek/panaszos-ugyfel.yaml:"))
        #expect(first.contains("nincs-ilyen-lepes"))
    }

    @Test func anErrorInAFileBothSidesShareIsPlacedInTheFailingSidesCopy() throws {
        let copy = try SampleCopy()
        // The situation files are the same on both sides; on the old side the tool they
        // name is gone, so the error lies in a file whose parse the new side lent it.
        try copy.replace("eszkozok.yaml", "id: crm", "id: crm-regi")
        let failure = try #require(throws: DiffFailure.self) {
            try CodexDiff.compare(old: copy.path, new: sampleCodex, codexFolder: sampleCodex)
        }
        #expect(failure.side == .old)
        guard case .failsCheck(_, let first) = failure.problem else {
            Issue.record("expected failsCheck, got \(failure.problem)")
            return
        }
        #expect(first.hasPrefix(copy.path + "/helyzetek/"))
        #expect(first.contains("crm"))
    }

    @Test func whenBothSidesFailTheOlderIsReported() throws {
        let old = try SampleCopy(), new = try SampleCopy()
        try old.replace("helyzetek/panaszos-ugyfel.yaml", "to: orvoslas", "to: nincs-ilyen-lepes")
        try new.replace("helyzetek/panaszos-ugyfel.yaml", "to: orvoslas", "to: masik-hianyzo-lepes")
        let failure = try #require(throws: DiffFailure.self) {
            try CodexDiff.compare(old: old.path, new: new.path, codexFolder: new.path)
        }
        #expect(failure.side == .old)
    }

    @Test func anErrorInARevisionIsPlacedInTheRevision() throws {
        let repository = try SampleRepository()
        try Data("tools: [\n".utf8).write(to: URL(fileURLWithPath: repository.codex + "/eszkozok.yaml"))
        try repository.git("commit", "-q", "-am", "broken")
        let failure = try #require(throws: DiffFailure.self) {
            try CodexDiff.compare(old: "v1.0", new: "HEAD", codexFolder: repository.codex)
        }
        #expect(failure.side == .new)
        guard case .failsCheck(_, let first) = failure.problem else {
            Issue.record("expected failsCheck, got \(failure.problem)")
            return
        }
        #expect(first.hasPrefix("HEAD:eszkozok.yaml:"))
    }

    @Test func aRevisionFromBeforeTheCodexFolderExistedIsNamedSo() throws {
        let repository = try SampleRepository()
        try repository.git("mv", "docs/kodex", "docs/codex")
        try repository.git("commit", "-q", "-m", "moved")
        let moved = repository.root + "/docs/codex"
        let failure = try #require(throws: DiffFailure.self) {
            try CodexDiff.compare(old: "v1.0", new: nil, codexFolder: moved)
        }
        #expect(failure.side == .old)
        #expect(failure.problem == .noFolder("docs/codex"))
        #expect(failure.message(in: .hu).contains("nincs `docs/codex` mappa"))
    }

    @Test func aSideWithWarningsIsComparedAsItIs() throws {
        let copy = try SampleCopy()
        // A step without a touchpoint is a warning, not an error.
        try copy.replace("helyzetek/panaszos-ugyfel.yaml", """
                      touchpoints:
                        - detail: A bocsánatkérés egyszerű és feltétel nélküli
                          impression: Nem magyarázkodnak, hanem rendbe teszik

            """, "\n")
        let comparison = try CodexDiff.compare(old: sampleCodex, new: copy.path, codexFolder: copy.path)
        #expect(summary(comparison) == [
            "removed touchpoint panaszos-ugyfel/panaszkezeles/orvoslas «A bocsánatkérés egyszerű és feltétel nélküli»",
        ])
    }
}
