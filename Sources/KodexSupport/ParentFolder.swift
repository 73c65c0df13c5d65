/// The folder a path is in, as `NSString.deletingLastPathComponent` gives it (`a/b` → `a`,
/// `/a` → `/`, `a` → empty), written out because Foundation's on Linux crashes on a path
/// of one character, such as the output folder `o`.
public func parentFolder(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    if slash == trimmed.startIndex { return "/" }
    var parent = trimmed[..<slash]
    while parent.count > 1, parent.hasSuffix("/") { parent.removeLast() }
    return String(parent)
}
