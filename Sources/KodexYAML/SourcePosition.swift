/// A place in a source file, as a 1-based line and column.
///
/// The column counts Unicode scalars (characters as libyaml counts them), not bytes
/// and not display cells: `é` is one column, a tab is one column.
public struct SourcePosition: Sendable, Hashable, Comparable {
    // Stored in 32 bits: every node of a codex's tree holds two positions, and a file is
    // far below four billion lines (its size is limited).
    private var storedLine: Int32
    private var storedColumn: Int32

    /// The 1-based line number; CRLF, CR and LF each end one line.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    /// The 1-based column, counted in Unicode scalars.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    /// Creates a position from a 1-based line and column.
    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// The extent of a node in a source file: where it starts and where it ends.
///
/// `end` points just past the last character, as libyaml's end marks do, so a
/// one-line span underlines the columns `start.column ..< end.column`.
///
/// The file is stored as a number into ``SourceFiles``, so a span is plain data: the
/// tree of a large codex holds millions of spans, and a path string in each would cost
/// a reference count on every copy.
public struct SourceSpan: Sendable, Hashable, Comparable {
    /// The number of the file in ``SourceFiles``.
    public let fileID: Int32
    /// The first character of the node.
    public var start: SourcePosition
    /// Just past the last character of the node.
    public var end: SourcePosition

    /// Creates a span inside `file`.
    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.init(fileID: SourceFiles.shared.id(of: file), start: start, end: end)
    }

    /// Creates a span inside the file numbered `fileID`.
    public init(fileID: Int32, start: SourcePosition, end: SourcePosition) {
        self.fileID = fileID
        self.start = start
        self.end = end
    }

    /// The path of the file, as the user named it.
    public var file: String { SourceFiles.shared.path(of: fileID) }

    /// A span that stands for a whole file, without a place in it; its line is 0.
    public static func file(_ path: String) -> SourceSpan {
        SourceSpan(file: path, start: SourcePosition(line: 0, column: 0), end: SourcePosition(line: 0, column: 0))
    }

    /// Whether the span stands for its whole file rather than a place in it.
    public var isWholeFile: Bool { start.line == 0 }

    public static func < (lhs: SourceSpan, rhs: SourceSpan) -> Bool {
        if lhs.fileID != rhs.fileID { return lhs.file < rhs.file }
        return (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
