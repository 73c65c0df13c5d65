/// The version of Kodex itself: what `kodex --version` prints, and what caches are
/// keyed to, so that an upgrade that adds checks re-checks every codex.
public enum KodexVersion {
    /// The version, as `MAJOR.MINOR.PATCH`.
    public static let current = "0.2.0"
}
