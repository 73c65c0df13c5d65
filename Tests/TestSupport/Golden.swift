import Foundation
import Testing

/// Compares `actual` with the golden file `Golden/<name>` in the folder of the test
/// file that calls it; with `KODEX_RECORD_GOLDEN=1` it writes the file instead.
public func expectGolden(_ actual: String, _ name: String, filePath: String = #filePath,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden/" + name)
    if ProcessInfo.processInfo.environment["KODEX_RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing golden file \(name); run with KODEX_RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == String(decoding: data, as: UTF8.self),
            "output differs from golden file \(name); run with KODEX_RECORD_GOLDEN=1 to re-record",
            sourceLocation: sourceLocation)
}
