import Foundation
import Synchronization

/// A value worked out on a thread of its own, so that the caller goes on with work that
/// does not need it yet: a codex's check beside rendering or comparing, or beside the
/// preview `kodex run` shows.
package final class ThreadResult<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts working out the value.
    package init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        }
    }

    /// The value, once the work has ended; waits for it. Nil only if the work ended
    /// without giving one, which it cannot.
    package func wait() -> Value? {
        done.wait()
        // Every later caller finds the work ended too.
        done.signal()
        return result.withLock { $0 }
    }
}
