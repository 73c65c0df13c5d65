import KodexModel
import KodexValidation
import Testing
import TestSupport

/// Findings that follow from text the codex lost are held back behind the finding that
/// says it was lost, and only while that finding is reported.
@Suite struct HeldBackFindingsTests {
    private func report(validation: String = "") throws -> ValidationReport {
        try validate(uncoveredToolsExample(validation: validation)).report
    }

    private func errors(_ report: ValidationReport) -> [String] {
        report.diagnostics.filter { $0.severity == .error }.map(\.rule)
    }

    @Test func anUncoveredFileHoldsBackTheReferencesToWhatItDefinesAsOneError() throws {
        let found = try report()
        #expect(errors(found) == ["uncovered-file"])
        let uncovered = try #require(found.diagnostics.first { $0.rule == "uncovered-file" })
        #expect(uncovered.notes.contains { $0.message.contains("1 reference unresolved") })
    }

    @Test func withTheUncoveredFileCheckOffTheReferencesItWouldHoldAreErrorsOfTheirOwn() throws {
        let found = try report(validation: "  disable: [uncovered-file]\n")
        #expect(errors(found) == ["unresolved-reference"])
    }

    @Test func withTheUncoveredFileCheckAtSeverityOffTheReferencesAreErrorsToo() throws {
        let found = try report(validation: "  severity: {uncovered-file: off}\n")
        #expect(errors(found) == ["unresolved-reference"])
    }
}
