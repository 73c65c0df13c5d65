import KodexModel

/// Reports included files that cannot be read.
struct UnreadableFileCheck: ValidationCheck {
    let description = CheckDescription(
        id: CheckID.unreadableFile, code: "K003", name: "Unreadable file", category: .integrity, defaultSeverity: .error,
        summary: "an included path cannot be read, or is not a regular file",
        explanation: """
            Every path the `include` patterns match must be a regular file Kodex may read. A FIFO, a \
            device or a file without read permission is reported rather than opened, so a check can \
            never hang on it. Fix the permissions or narrow the pattern.
            """,
        // A FIFO or a missing permission cannot be written as example text; the CLI tests cover them.
        triggering: [],
        passing: [.clean])

    func check(_ context: CheckContext) { context.forwardLoadDiagnostics() }
}
