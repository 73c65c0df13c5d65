/// Matches slash-separated relative paths against include patterns.
///
/// `*` matches within one path component, `?` one character, and a `**` component any
/// number of components, so `situations/**/*.yaml` also matches `situations/a.yaml`.
public struct Glob: Sendable, Hashable {
    private let components: [Substring]

    /// The pattern as written.
    public let pattern: String

    /// Creates a glob from a pattern relative to the codex folder.
    public init(_ pattern: String) {
        self.pattern = pattern
        components = pattern.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Whether the pattern could reach outside the codex folder.
    public var escapesFolder: Bool {
        pattern.hasPrefix("/") || pattern.hasPrefix("~") || components.contains("..")
    }

    /// Whether `path`, relative to the codex folder, matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return match(components[...], parts[...])
    }

    private func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let component = path.first, Self.matchComponent(Array(first.unicodeScalars)[...], Array(component.unicodeScalars)[...]) else {
            return false
        }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchComponent(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        var p = pattern.startIndex
        var n = name.startIndex
        var star: (p: Int, n: Int)?
        while n < name.endIndex {
            if p < pattern.endIndex, pattern[p] == "?" || pattern[p] == name[n] {
                p += 1
                n += 1
            } else if p < pattern.endIndex, pattern[p] == "*" {
                star = (p, n)
                p += 1
            } else if let backtrack = star {
                p = backtrack.p + 1
                n = backtrack.n + 1
                star = (backtrack.p, backtrack.n + 1)
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }
}
