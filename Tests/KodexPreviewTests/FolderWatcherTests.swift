import Foundation
import KodexPreview
import Synchronization
import Testing
import TestSupport

/// The watcher behind `kodex serve` and `kodex check --watch`, against the ways editors and
/// people change files: woken by the kernel (inotify), and polling as where it cannot be.
@Suite struct FolderWatcherTests {
    /// The watcher's calls, as they come.
    private final class Calls: Sendable {
        let paths = Mutex<[[String]]>([])
    }

    /// Watches `folder`, runs `change`, and returns the paths of the first call after it.
    private func changes(in folder: TemporaryFolder, kernel: Bool, _ change: () throws -> Void) async throws -> [String] {
        let calls = Calls()
        let watcher = FolderWatcher(folders: [folder.path], kernelNotifications: kernel)
        let watching = Task {
            await watcher.watch { paths in calls.paths.withLock { $0.append(paths) } }
        }
        defer { watching.cancel() }
        try await Task.sleep(for: .milliseconds(200))
        try change()
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(50))
            if let first = calls.paths.withLock({ $0.first }) { return first }
        }
        return []
    }

    private func folder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("codex.yaml", "kodex: 1\n")
        try folder.write("helyzetek/panasz.yaml", "situation: {}\n")
        return folder
    }

    @Test(arguments: [true, false]) func atomicSaveIsSeen(kernel: Bool) async throws {
        let folder = try folder()
        let path = folder.path + "/helyzetek/panasz.yaml"
        let seen = try await changes(in: folder, kernel: kernel) {
            try Data("situation: {id: x}\n".utf8).write(to: URL(fileURLWithPath: path + ".tmp"))
            #expect(rename(path + ".tmp", path) == 0)
        }
        #expect(seen == [path])
    }

    @Test(arguments: [true, false]) func newFileIsSeen(kernel: Bool) async throws {
        let folder = try folder()
        let seen = try await changes(in: folder, kernel: kernel) { try folder.write("helyzetek/uj.yaml", "situation: {}\n") }
        #expect(seen == [folder.path + "/helyzetek/uj.yaml"])
    }

    @Test(arguments: [true, false]) func deletedFileIsSeen(kernel: Bool) async throws {
        let folder = try folder()
        let seen = try await changes(in: folder, kernel: kernel) { try FileManager.default.removeItem(atPath: folder.path + "/helyzetek/panasz.yaml") }
        #expect(seen == [folder.path + "/helyzetek/panasz.yaml"])
    }

    @Test(arguments: [true, false]) func severalFilesSavedTogetherMakeOneCall(kernel: Bool) async throws {
        let folder = try folder()
        let seen = try await changes(in: folder, kernel: kernel) {
            try folder.write("codex.yaml", "kodex: 1\ntitle: T\n")
            try folder.write("helyzetek/panasz.yaml", "situation: {id: y}\n")
        }
        #expect(seen == [folder.path + "/codex.yaml", folder.path + "/helyzetek/panasz.yaml"])
    }

    @Test(arguments: [true, false]) func hiddenFoldersAreNotWatched(kernel: Bool) async throws {
        let folder = try folder()
        let seen = try await changes(in: folder, kernel: kernel) {
            try folder.write(".git/index", "x")
            try folder.write("elvarasok.yaml", "expectations: []\n")
        }
        #expect(seen == [folder.path + "/elvarasok.yaml"])
    }
}
