import Synchronization

/// The paths of the files spans point into, each numbered once.
///
/// Append-only and shared by every parse in the process, like a compiler's source
/// manager; a path keeps its number for the life of the process.
public final class SourceFiles: Sendable {
    /// The registry every span uses.
    public static let shared = SourceFiles()

    private struct Table {
        var paths: [String] = []
        var ids: [String: Int32] = [:]
    }

    private let table = Mutex(Table())

    /// The number of `path`, assigning the next one on first use.
    public func id(of path: String) -> Int32 {
        table.withLock { table in
            if let id = table.ids[path] { return id }
            let id = Int32(table.paths.count)
            table.paths.append(path)
            table.ids[path] = id
            return id
        }
    }

    /// The path numbered `id`.
    public func path(of id: Int32) -> String {
        table.withLock { table in
            Int(id) < table.paths.count && id >= 0 ? table.paths[Int(id)] : ""
        }
    }
}
