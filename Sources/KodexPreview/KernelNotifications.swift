import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The kernel's word that something changed in the watched folders (Linux's inotify),
/// read on a thread of its own and passed on as wake-ups: the watcher then compares the
/// files' stamps to learn what changed. `nil` where inotify is missing or refuses, and the
/// watcher polls instead.
final class KernelNotifications: Sendable {
    private struct State {
        var count = 0
        var stopped = false
        var watched: Set<String> = []
    }

    private let descriptor: Int32
    private let state = Mutex(State())
    private let continuation: AsyncStream<Void>.Continuation
    /// One element after each burst of changes; ends when stopped.
    let wakeUps: AsyncStream<Void>

    init?(folders: [String]) {
        #if os(Linux)
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        (wakeUps, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        watch(folders)
        guard !state.withLock({ $0.watched.isEmpty }) else {
            close(descriptor)
            return nil
        }
        let thread = Thread { [self] in read() }
        thread.name = "kodex-watch"
        thread.start()
        #else
        return nil
        #endif
    }

    /// How many changes the kernel has reported.
    var count: Int { state.withLock { $0.count } }

    /// Watches the folders not watched yet: a folder made since is watched from its first sight.
    func watch(_ folders: [String]) {
        #if os(Linux)
        let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
                          | IN_DELETE_SELF | IN_MOVE_SELF)
        for folder in folders where !state.withLock({ $0.watched.contains(folder) }) {
            if inotify_add_watch(descriptor, folder, mask) >= 0 {
                state.withLock { _ = $0.watched.insert(folder) }
            }
        }
        #endif
    }

    /// Ends the wake-ups and the reading thread.
    func stop() {
        state.withLock { $0.stopped = true }
        continuation.finish()
    }

    private func read() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !state.withLock({ $0.stopped }) {
            var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            // A short wait, so that a stop is noticed soon.
            guard poll(&waiting, 1, 200) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            state.withLock { $0.count += 1 }
            continuation.yield()
        }
        close(descriptor)
    }
}
