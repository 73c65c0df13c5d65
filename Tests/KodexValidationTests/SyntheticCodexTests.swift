import Foundation
import KodexModel
import KodexSynthetic
import KodexValidation
import Testing
import TestSupport

@Suite struct SyntheticCodexTests {
    @Test func benchmarkCodexIsValidByConstruction() throws {
        let folder = try TemporaryFolder()
        let codex = SyntheticCodex(.s)
        try codex.write(to: folder.path + "/s")
        let loaded = try CodexLoader().load(directory: folder.path + "/s")
        #expect(Validator().validate(loaded).diagnostics.map(\.message) == [])
        #expect(loaded.codex.situations.reduce(0) { $0 + $1.processes.reduce(0) { $0 + $1.steps.count } } == codex.stepCount)
    }

    @Test func generatorIsDeterministic() throws {
        let first = try TemporaryFolder(), second = try TemporaryFolder()
        try SyntheticCodex(situations: 7).write(to: first.path + "/c")
        try SyntheticCodex(situations: 7).write(to: second.path + "/c")
        for name in ["codex.yaml", "shared.yaml", "situations/s6.yaml"] {
            #expect(FileManager.default.contents(atPath: first.path + "/c/" + name)
                    == FileManager.default.contents(atPath: second.path + "/c/" + name))
        }
    }
}
