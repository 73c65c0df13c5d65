import KodexSupport

extension Step {
    /// A key for each action that stays the same while the action's text does, wherever
    /// the action moves: what a session journal records a tick by (its `item` field), so
    /// that a codex edited between pause and resume never moves a tick to another action.
    ///
    /// The key is a hash of the text with its spacing normalised; a second action with
    /// the same text gets `-2`, a third `-3`.
    public var actionKeys: [String] {
        var seen: [String: Int] = [:]
        return actions.map { action in
            var hash = StableHash()
            hash.combine(action.text.value.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            let base = String(hash.hex.prefix(12))
            let count = (seen[base] ?? 0) + 1
            seen[base] = count
            return count == 1 ? base : "\(base)-\(count)"
        }
    }
}
