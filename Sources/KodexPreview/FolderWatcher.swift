import Foundation

/// Notices changes to the files under some folders by looking at them a few times a second:
/// a file written, replaced by an editor's atomic save (write a copy, rename it over), made
/// or deleted. Polling sees every one of these the same way on every file system, where
/// change notifications miss renames on some and are absent on others; a look at a codex's
/// few hundred files costs well under a millisecond.
public struct FolderWatcher: Sendable {
    /// The folders watched, each with everything below it.
    public let folders: [String]

    /// What a file looked like: enough to tell that it changed.
    struct Stamp: Hashable {
        var modified: Int
        var size: Int
        var inode: UInt64
    }

    /// Whether to let the kernel wake the watcher where it can, rather than always poll.
    public var kernelNotifications: Bool

    /// Creates a watcher of `folders`; `kernelNotifications: false` makes it poll, as it
    /// does where the kernel cannot tell it of changes.
    public init(folders: [String], kernelNotifications: Bool = true) {
        self.folders = folders
        self.kernelNotifications = kernelNotifications
    }

    /// Every file under the folders with its stamp. Hidden folders (`.git`, `.build`) are
    /// passed over: a commit is not an edit.
    func snapshot() -> [String: Stamp] {
        var subfolders: [String] = []
        return snapshot(folders: &subfolders)
    }

    /// Every file under the folders with its stamp, and every folder looked into.
    func snapshot(folders seen: inout [String]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in folders {
            seen.append(folder)
            visit(folder, into: &stamps, folders: &seen, depth: 0)
        }
        return stamps
    }

    private func visit(_ folder: String, into stamps: inout [String: Stamp], folders: inout [String], depth: Int) {
        guard depth < 32, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                folders.append(path)
                visit(path, into: &stamps, folders: &folders, depth: depth + 1)
            case S_IFREG, S_IFLNK:
                // A link is stamped by what it points to, when it points anywhere.
                var target = status
                if status.st_mode & S_IFMT == S_IFLNK { _ = stat(path, &target) }
                stamps[path] = Stamp(modified: target.st_mtim.tv_sec * 1_000_000_000 + target.st_mtim.tv_nsec,
                                     size: Int(target.st_size), inode: UInt64(target.st_ino))
            default:
                continue
            }
        }
    }

    /// Calls `onChange` with the changed paths each time the files change, once they have
    /// been still for a moment: an editor's save of several files makes one call, and saves
    /// made while `onChange` runs make one call after it. On Linux the kernel wakes the
    /// watcher (inotify) the moment a file changes, and a pause of 8 ms without news ends a
    /// save; elsewhere, or when inotify cannot be had, the
    /// folders are looked at every `interval`, or less often when a look takes long, so
    /// that watching never costs more than a twentieth of a core, and a save ends when the
    /// files have been still for `settle`. Returns when the task is cancelled.
    public func watch(every interval: Duration = .milliseconds(25), settle: Duration = .milliseconds(30),
                      onChange: @Sendable ([String]) async -> Void) async {
        var subfolders: [String] = []
        var known = snapshot(folders: &subfolders)
        if kernelNotifications, let notifications = KernelNotifications(folders: subfolders) {
            await withTaskCancellationHandler {
                for await _ in notifications.wakeUps {
                    // Let a save that touches several files, or writes one in pieces, end.
                    var count = notifications.count
                    repeat {
                        try? await Task.sleep(for: .milliseconds(8))
                        let now = notifications.count
                        if now == count { break }
                        count = now
                    } while !Task.isCancelled
                    var folders: [String] = []
                    let current = snapshot(folders: &folders)
                    notifications.watch(folders)
                    guard current != known else { continue }
                    let changed = Self.difference(known, current)
                    known = current
                    await onChange(changed.sorted())
                }
            } onCancel: {
                notifications.stop()
            }
            return
        }
        let clock = ContinuousClock()
        var pause = interval
        while !Task.isCancelled {
            try? await Task.sleep(for: pause)
            let start = clock.now
            var current = snapshot()
            pause = max(interval, (clock.now - start) * 20)
            guard current != known else { continue }
            // Wait until the files stop changing, so a half-written save is not built.
            var changed = Self.difference(known, current)
            while !Task.isCancelled {
                try? await Task.sleep(for: settle)
                let later = snapshot()
                if later == current { break }
                changed.formUnion(Self.difference(current, later))
                current = later
            }
            known = current
            await onChange(changed.sorted())
        }
    }

    static func difference(_ old: [String: Stamp], _ new: [String: Stamp]) -> Set<String> {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed
    }
}
