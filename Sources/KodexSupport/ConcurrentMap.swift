import Dispatch

/// The results of `body` for `0..<count`, computed on every core and returned in
/// index order, so the outcome never depends on timing.
///
/// `body` may only read state shared between iterations: each result is written to a
/// slot of its own and read after every iteration has returned, which is why the slots
/// need no lock and why the body need not be `Sendable`.
package func concurrentMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    let slots = Slots<T>(count: count)
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedBody(body: body)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(index, shared.body(index))
        }
    }
    return slots.values
}

private struct UncheckedBody<T>: @unchecked Sendable {
    let body: (Int) -> T
}

private final class Slots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    func store(_ index: Int, _ value: T) { storage[index] = value }

    var values: [T] { storage.compactMap { $0 } }
}
