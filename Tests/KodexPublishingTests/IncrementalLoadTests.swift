import Foundation
import KodexModel
import KodexPublishing
import KodexValidation
import Testing
import TestSupport

/// The load cache `kodex serve` and `kodex check --watch` keep: after any series of edits,
/// a load that reuses it must give exactly what a load from scratch gives, down to every
/// finding and every byte of the handbook.
@Suite struct IncrementalLoadTests {
    /// One random edit of one file: a changed title, a syntax error, a deleted or doubled
    /// line, or the file restored as it was.
    private func edit(_ text: String, original: String, using random: inout SeededRandom) -> String {
        var lines = text.components(separatedBy: "\n")
        let line = Int.random(in: 0..<max(1, lines.count - 1), using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            if let index = lines.firstIndex(where: { $0.contains("title: ") }) {
                lines[index] += " \(Int.random(in: 0..<1000, using: &random))"
            }
        case 1: lines.insert("  - id: [broken", at: line)
        case 2: if lines.count > 2 { lines.remove(at: line) }
        case 3: lines.insert(lines[line], at: line)
        case 4: return original
        default: lines.insert("# comment \(Int.random(in: 0..<1000, using: &random))", at: line)
        }
        return lines.joined(separator: "\n")
    }

    /// Everything a load gives that the user sees: the findings as `kodex check` prints
    /// them (checked with `memory` when one is given), and, for a codex without errors,
    /// the HTML handbook's files.
    private func outcome(_ loaded: LoadedCodex, memory: CheckMemory? = nil) throws -> String {
        let report = Validator().validate(loaded, memory: memory)
        var text = HumanRenderer(color: false).render(report, fileCount: loaded.codex.files.count + 1)
        if report.errorCount == 0 {
            for file in try Handbook(codex: loaded.codex, templates: PageTemplateSet()).render([.html], singleFile: false) {
                text += "=== \(file.path)\n" + String(decoding: file.bytes, as: UTF8.self)
            }
        }
        return text
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func loadAndCheckReusingCacheAndMemoryEqualThemFromScratchAfterRandomEdits(_ seed: UInt64) throws {
        let folder = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: repository.path + "/codex", toPath: folder.path)
        let files = try CodexLoader().contentFiles(directory: folder.path) + ["codex.yaml"]
        var originals: [String: String] = [:]
        for file in files { originals[file] = try String(contentsOfFile: folder.path + "/" + file, encoding: .utf8) }
        let cache = LoadCache(), memory = CheckMemory()
        _ = Validator().validate(try CodexLoader().load(directory: folder.path, reusing: cache), memory: memory)
        var random = SeededRandom(seed: seed)
        var reused = 0
        var clean = 0
        for round in 0..<25 {
            // Now and then every file goes back as it was, so that errors do not pile up
            // and rounds without errors compare the handbook too.
            if round % 4 == 0 {
                for (name, text) in originals { try Data(text.utf8).write(to: URL(fileURLWithPath: folder.path + "/" + name)) }
            }
            let file = files[Int.random(in: 0..<files.count, using: &random)]
            let path = folder.path + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try Data(edit(text, original: originals[file] ?? "", using: &random).utf8).write(to: URL(fileURLWithPath: path))
            let incremental = try outcome(try CodexLoader().load(directory: folder.path, reusing: cache), memory: memory)
            reused += memory.situationsReused
            let full = try outcome(try CodexLoader().load(directory: folder.path))
            #expect(incremental == full, "seed \(seed), round \(round), after editing \(file)")
            if !incremental.contains("error[") { clean += 1 }
        }
        #expect(cache.count == files.count - 1, "every content file is cached, the manifest is read each time")
        #expect(clean > 0, "some rounds compare the rendered handbook too")
        #expect(reused > 0, "some rounds take findings from the memory")
    }

    @Test func cacheParsesOnlyTheFileThatChanged() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: repository.path + "/codex", toPath: folder.path)
        let cache = LoadCache()
        let first = try CodexLoader().load(directory: folder.path, reusing: cache)
        let path = folder.path + "/helyzetek/panaszos-ugyfel.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "title: Panaszos ügyfél", with: "title: Elégedetlen ügyfél").utf8)
            .write(to: URL(fileURLWithPath: path))
        let parsedBefore = cache.filesParsed
        #expect(parsedBefore == first.codex.files.count)
        let second = try CodexLoader().load(directory: folder.path, reusing: cache)
        #expect(second.codex.situations.first { $0.id.value == "panaszos-ugyfel" }?.title?.value == "Elégedetlen ügyfél")
        #expect(cache.filesParsed == parsedBefore + 1)
        #expect(second.codex.files == first.codex.files)
    }

    @Test func aCacheForOneFolderLendsNothingToAnother() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: repository.path + "/codex", toPath: folder.path)
        let cache = LoadCache()
        let first = try CodexLoader().load(directory: repository.path + "/codex", reusing: cache)
        let second = try CodexLoader().load(directory: folder.path, reusing: cache)
        #expect(cache.reusedFiles.isEmpty)
        #expect(cache.filesParsed == first.codex.files.count + second.codex.files.count)
        #expect(second.codex.situations.allSatisfy { $0.span.file.hasPrefix(folder.path + "/") })
    }

    @Test func aCacheAcrossFoldersLendsTheFilesWithTheSameBytesAndFindsTheSame() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: repository.path + "/codex", toPath: folder.path)
        let path = folder.path + "/helyzetek/panaszos-ugyfel.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "to: orvoslas", with: "to: nincs-ilyen").utf8).write(to: URL(fileURLWithPath: path))
        let cache = LoadCache(reach: .acrossFolders)
        let sample = try CodexLoader().load(directory: repository.path + "/codex", reusing: cache)
        let lent = try CodexLoader().load(directory: folder.path, reusing: cache)
        #expect(cache.reusedFiles == Set(sample.codex.files).subtracting(["helyzetek/panaszos-ugyfel.yaml"]))
        #expect(cache.filesParsed == sample.codex.files.count + 1)
        // What is found does not depend on where a part was parsed, only on its bytes.
        let full = try CodexLoader().load(directory: folder.path)
        let findings = { (loaded: LoadedCodex) in
            Validator().validate(loaded).diagnostics.map { "\($0.rule) \($0.span?.start.line ?? 0) \($0.message)" }
        }
        #expect(findings(lent) == findings(full))
        #expect(findings(lent).contains { $0.contains("nincs-ilyen") })
    }
}
