import Foundation
import KodexModel
import KodexValidation
import Testing

/// A fresh folder for one test, removed when the test's scope ends.
final class TemporaryFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path + "/kodex-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ relative: String, _ content: String) throws {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: full))
    }
}

/// Writes an example's files into a fresh folder and checks them.
func validate(_ example: RuleExample) throws -> (report: ValidationReport, folder: TemporaryFolder) {
    let folder = try TemporaryFolder()
    for file in example.completeFiles {
        try folder.write(file.path, file.content)
    }
    let loaded = try CodexLoader().load(directory: folder.path)
    return (Validator().validate(loaded), folder)
}

/// Compares `actual` with the golden file `name` beside this test file; with
/// `KODEX_RECORD_GOLDEN=1` in the environment it writes the file instead.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/" + name)
    if ProcessInfo.processInfo.environment["KODEX_RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing golden file \(name); run with KODEX_RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    #expect(actual == expected, "output differs from golden file \(name)", sourceLocation: sourceLocation)
}
