import KodexModel
import KodexValidation
import Testing
import TestSupport

/// Findings that follow from text the codex lost are held back behind the finding that
/// says it was lost, and only while that finding is reported.
@Suite struct HeldBackFindingsTests {
    /// A situation whose step uses the tool `crm`, defined in `tools.yaml`, which no
    /// pattern includes.
    private func report(validation: String = "") throws -> ValidationReport {
        let manifest = CheckExample.baseManifest + validation + "include: [a.yaml]\n"
        let situation = """
            situation:
              id: s
              title: S
              kind: enquiry
              expectations: []
              processes:
                - id: p
                  title: P
                  steps:
                    - id: a
                      title: A
                      goal: G
                      effect: E
                      touchpoints: [{detail: D, impression: I}]
                      actions: [{do: Look the customer up}]
                      tools: [crm]
                      end: done

            """
        let example = CheckExample(files: [("codex.yaml", manifest), ("a.yaml", situation),
                                           ("tools.yaml", "tools:\n  - {id: crm, title: CRM}\n")])
        return try validate(example).report
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
