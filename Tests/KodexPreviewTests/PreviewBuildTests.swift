import Foundation
import KodexModel
@testable import KodexPreview
import KodexPublishing
import KodexValidation
import Testing
import TestSupport

/// The preview renders a page when a browser asks for it; whatever is asked, in whatever
/// order, after whatever edits, each file is the file of a whole `kodex build`.
@Suite struct PreviewBuildTests {
    private static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/codex"

    /// A copy of the sample codex to edit.
    private func sampleCopy() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: Self.sample, toPath: folder.path)
        return folder
    }

    /// Every file of a whole HTML build, by its path below the site's root.
    private func wholeBuild(_ folder: String) throws -> [String: [UInt8]] {
        let loaded = try CodexLoader().load(directory: folder)
        var files: [String: [UInt8]] = [:]
        for file in try Handbook(codex: loaded.codex, templates: PageTemplateSet()).render([.html], singleFile: false) {
            files[String(file.path.dropFirst("html/".count))] = file.bytes
        }
        return files
    }

    /// Every file of the preview, each asked for in the order `random` picks.
    private func preview(_ build: PreviewBuild, using random: inout SeededRandom) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for path in build.paths.shuffled(using: &random) { files[path] = try build.file(at: path) }
        return files
    }

    private func built(_ outcome: PreviewBuild.Outcome) throws -> PreviewBuild {
        guard case .built(let build, _) = outcome else { throw PreviewTestError.notBuilt("\(outcome)") }
        return build
    }

    private enum PreviewTestError: Error { case notBuilt(String) }

    @Test func nothingIsRenderedUntilAPageIsAskedForAndThenOnlyThatPage() throws {
        let build = try built(PreviewBuild.make(codexDirectory: Self.sample, templatesDirectory: nil, cache: LoadCache()))
        #expect(build.madeCount == 0)
        let page = try #require(try build.file(at: "situations/panaszos-ugyfel.html"))
        #expect(String(decoding: page, as: UTF8.self).contains("<html"))
        #expect(build.madeCount == 1)
        #expect(try build.file(at: "situations/panaszos-ugyfel.html") == page)
        #expect(build.madeCount == 1, "a page asked for again is served as it was made")
    }

    @Test func pathThatIsNoFileOfTheSiteGivesNothing() throws {
        let build = try built(PreviewBuild.make(codexDirectory: Self.sample, templatesDirectory: nil, cache: LoadCache()))
        #expect(try build.file(at: "situations/nincs-ilyen.html") == nil)
        #expect(try build.file(at: "codex.yaml") == nil)
    }

    @Test func filesAskedForOneByOneInAnyOrderEqualAWholeBuild() throws {
        let build = try built(PreviewBuild.make(codexDirectory: Self.sample, templatesDirectory: nil, cache: LoadCache()))
        var random = SeededRandom(seed: 7)
        let whole = try wholeBuild(Self.sample)
        #expect(Set(build.paths) == Set(whole.keys))
        #expect(try preview(build, using: &random) == whole)
    }

    @Test(arguments: [11 as UInt64, 12])
    func previewAfterRandomEditsEqualsAWholeBuildOfTheSameFiles(_ seed: UInt64) throws {
        let folder = try sampleCopy()
        let files = try CodexLoader().contentFiles(directory: folder.path)
        var originals: [String: String] = [:]
        for file in files { originals[file] = try String(contentsOfFile: folder.path + "/" + file, encoding: .utf8) }
        let cache = LoadCache()
        var random = SeededRandom(seed: seed)
        var compared = 0
        for round in 0..<12 {
            if round % 3 == 0 {
                for (name, text) in originals { try Data(text.utf8).write(to: URL(fileURLWithPath: folder.path + "/" + name)) }
            }
            let file = files[Int.random(in: 0..<files.count, using: &random)]
            var lines = try String(contentsOfFile: folder.path + "/" + file, encoding: .utf8).components(separatedBy: "\n")
            // A title, a goal or an effect reworded: the codex stays valid, so pages compare.
            let editable = lines.indices.filter { lines[$0].contains("title: ") || lines[$0].contains("goal: ") || lines[$0].contains("effect: ") }
            guard let line = editable.randomElement(using: &random) else { continue }
            lines[line] += " \(Int.random(in: 0..<1000, using: &random))"
            try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: folder.path + "/" + file))
            let outcome = PreviewBuild.make(codexDirectory: folder.path, templatesDirectory: nil, cache: cache)
            guard case .built(let build, _) = outcome else { continue }
            #expect(try preview(build, using: &random) == wholeBuild(folder.path), "seed \(seed), round \(round), \(file):\(line + 1)")
            compared += 1
        }
        #expect(compared >= 6, "most rounds give a valid codex whose pages compare")
    }
}
