import KodexModel
import KodexValidation
import Testing
import TestSupport

/// A check that reports errors alone finds the same errors, in the same order, as a check
/// that reports everything.
@Suite struct ErrorsOnlyTests {
    /// A finding as the errors-only check must give it: its notes may differ, since a note
    /// on lost text counts the held-back findings of the checks that ran.
    private struct Found: Equatable, CustomStringConvertible {
        var rule: String
        var place: String
        var message: String
        var description: String { "\(rule) \(place) \(message)" }
    }

    private func errors(_ loaded: LoadedCodex, _ scope: Validator.Scope) -> [Found] {
        Validator(reporting: scope).validate(loaded).diagnostics
            .filter { $0.severity == .error }
            .map { Found(rule: $0.rule, place: $0.span.map { "\($0.file):\($0.start.line):\($0.start.column)" } ?? "-", message: $0.message) }
    }

    private func expectSameErrors(_ example: CheckExample, _ name: String) throws {
        // The folder stays while the checks run: they read the files the loader could not.
        let (loaded, folder) = try load(example)
        withExtendedLifetime(folder) {
            #expect(errors(loaded, .errors) == errors(loaded, .everything), "\(name)")
            #expect(Validator(reporting: .errors).validate(loaded).warningCount == 0, "\(name)")
        }
    }

    @Test(arguments: Validator.checks.map(\.description.id))
    func everyExampleOfACheckHasTheSameErrors(_ id: String) throws {
        let check = try #require(Validator.check(named: id))
        for (number, example) in (check.description.triggering + check.description.passing).enumerated() {
            try expectSameErrors(example, "\(id) example \(number + 1)")
        }
    }

    @Test(arguments: SingleMistakeTests.mistakes)
    func everySingleMistakeInTheSampleHasTheSameErrors(_ mistake: Mistake) throws {
        let (folder, _) = try SingleMistakeTests.codex(with: mistake)
        let loaded = try CodexLoader().load(directory: folder.path)
        withExtendedLifetime(folder) {
            #expect(errors(loaded, .errors) == errors(loaded, .everything))
        }
    }

    @Test func aWarningRaisedToAnErrorIsReported() throws {
        let example = CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + "  severity: {unused-element: error}\n"),
            ("a.yaml", "tools:\n  - {id: crm, title: CRM}\n"),
        ])
        try expectSameErrors(example, "unused-element raised")
        let (report, _) = try validate(example)
        #expect(report.diagnostics.map(\.rule) == ["unused-element"])
    }

    @Test func aWarningThatHoldsBackAnErrorIsReportedAsOne() throws {
        // tools.yaml is covered by no pattern, and the step's tool is defined there: the
        // warning about the file holds back an error, so it becomes one.
        let (loaded, folder) = try load(uncoveredToolsExample())
        withExtendedLifetime(folder) {
            let found = errors(loaded, .errors)
            #expect(found.map(\.rule) == ["uncovered-file"])
            #expect(found == errors(loaded, .everything))
        }
    }
}
