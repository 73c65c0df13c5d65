import Dispatch
import Synchronization

/// Lets go of `value` on another thread.
///
/// A large codex's model, or the handbook's data made from it, is hundreds of thousands
/// of small objects, and freeing them one by one costs about a tenth of the time it took
/// to make them. A command that is done with one hands it here: the freeing then runs
/// beside what the command does next, or is cut short when the process exits. The caller
/// must hold no other reference, or the last one it drops frees the value where it is;
/// pass locals with `consume`.
package func releaseInBackground<Value: Sendable>(_ value: consuming Value) {
    let box = ReleaseBox(value)
    DispatchQueue.global(qos: .utility).async { box.drop() }
}

/// Carries a value to the thread that drops it.
private final class ReleaseBox<Value: Sendable>: Sendable {
    private let value: Mutex<Value?>

    init(_ value: consuming Value) { self.value = Mutex(value) }

    func drop() { value.withLock { $0 = nil } }
}
