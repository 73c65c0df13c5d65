import Dispatch
import Synchronization

/// The results of `body` for `0..<count`, computed on every core and returned in
/// index order, so the outcome never depends on timing.
///
/// For work that splits into independent parts, such as one file or one situation each:
/// the parts share nothing but what `body` captures, which must be safe to share. Each
/// result is stored under a lock, a cost far below any part's.
package func concurrentMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let slots = Mutex<[T?]>(Array(repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let value = body(index)
        slots.withLock { $0[index] = value }
    }
    // Every slot is filled once `concurrentPerform` returns.
    return slots.withLock { $0.compactMap { $0 } }
}
