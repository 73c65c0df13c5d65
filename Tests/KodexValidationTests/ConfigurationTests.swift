import KodexModel
import KodexValidation
import Testing
import TestSupport

@Suite struct ConfigurationTests {
    private let unusedTool = "tools:\n  - {id: crm, title: CRM}\n"

    private func report(manifestExtra: String = "", content: String) throws -> ValidationReport {
        let example = CheckExample(files: [("codex.yaml", CheckExample.baseManifest + manifestExtra), ("a.yaml", content)])
        return try validate(example).report
    }

    @Test func defaultSeverityApplies() throws {
        let found = try report(content: unusedTool)
        #expect(found.diagnostics.map(\.severity) == [.warning])
        #expect(!found.fails(strict: false))
        #expect(found.fails(strict: true))
    }

    @Test func manifestRaisesSeverity() throws {
        let found = try report(manifestExtra: "  severity: {unused-element: error}\n", content: unusedTool)
        #expect(found.diagnostics.map(\.severity) == [.error])
        #expect(found.fails(strict: false))
    }

    @Test func manifestSwitchesRuleOffBySeverity() throws {
        let found = try report(manifestExtra: "  severity: {unused-element: off}\n", content: unusedTool)
        #expect(found.diagnostics.isEmpty)
    }

    @Test func manifestDisablesRule() throws {
        let found = try report(manifestExtra: "  disable: [unused-element]\n", content: unusedTool)
        #expect(found.diagnostics.isEmpty)
    }

    @Test func elementSilencesRuleWithReason() throws {
        let found = try report(content: "tools:\n  - {id: crm, title: CRM, silence: {unused-element: back office only}}\n")
        #expect(found.diagnostics.isEmpty)
        #expect(found.silencedCount == 1)
    }

    @Test func silenceOnSituationCoversItsSteps() throws {
        let found = try report(content: """
            situation:
              id: s
              title: S
              kind: enquiry
              silence: {step-without-action: a greeting needs no checklist}
              processes:
                - id: p
                  title: P
                  steps:
                    - {id: a, title: A, goal: G, effect: E, touchpoints: [{detail: D, impression: I}], end: done}

            """)
        #expect(!found.diagnostics.contains { $0.rule == "step-without-action" })
        #expect(found.silencedCount == 1)
    }

    @Test func silenceOfAnotherRuleDoesNotSilence() throws {
        let found = try report(content: "tools:\n  - {id: crm, title: CRM, silence: {banned-phrase: not relevant}}\n")
        #expect(found.diagnostics.map(\.rule) == ["unused-element"])
    }

    @Test func badSeverityWordIsAWrongType() throws {
        let found = try report(manifestExtra: "  severity: {unused-element: loud}\n", content: unusedTool)
        #expect(found.diagnostics.contains { $0.rule == CheckID.wrongType && $0.message == "`loud` is not a severity" })
    }

    @Test func unknownRequiredKindIsAWrongType() throws {
        let manifest = CheckExample.baseManifest.replacingOccurrences(of: "required_kinds: []", with: "required_kinds: [complain]")
        let found = try validate(CheckExample(files: [("codex.yaml", manifest)])).report
        #expect(found.diagnostics.contains { $0.rule == CheckID.wrongType && $0.help == ["did you mean `complaint`?"] })
    }

    @Test func defaultRequiredKindsAreTheSixOfTheMethod() throws {
        let manifest = CheckExample.baseManifest.replacingOccurrences(of: "validation:\n  required_kinds: []\n", with: "")
        let found = try validate(CheckExample(files: [("codex.yaml", manifest)])).report
        let kinds = found.diagnostics.filter { $0.rule == "required-kind-missing" }.map(\.message)
        #expect(kinds == ["no situation of kind `enquiry`", "no situation of kind `problem`", "no situation of kind `complaint`",
                          "no situation of kind `information`", "no situation of kind `acquisition`",
                          "no situation of kind `follow-up`"])
    }

    @Test func findingsAreSortedByFileAndPlace() throws {
        let example = CheckExample(files: [
            ("b.yaml", "tools:\n  - {id: b1, title: B}\n  - {id: b2, title: B}\n"),
            ("a.yaml", "tools:\n  - {id: a1, title: A}\n"),
        ])
        let found = try validate(example).report
        #expect(found.diagnostics.map(\.message) == ["tool `a1` is never used", "tool `b1` is never used", "tool `b2` is never used"])
    }
}

/// The checks of files that cannot be read stay errors whatever the configuration says:
/// switched off, a broken file would drop out of the codex without a word.
@Suite struct UnreadableFilesStayErrorsTests {
    private func report(validation: String) throws -> ValidationReport {
        let example = CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest + validation),
            ("a.yaml", "tools:\n\t- {id: crm, title: CRM}\n"),
        ])
        return try validate(example).report
    }

    @Test func disablingYAMLSyntaxStillReportsTheBrokenFileFirstAsAnError() throws {
        let found = try report(validation: "  disable: [yaml-syntax]\n")
        #expect(found.diagnostics.first?.rule == "yaml-syntax")
        #expect(found.diagnostics.first?.severity == .error)
        #expect(found.diagnostics.map(\.rule).contains("unknown-rule"))
    }

    @Test func loweringYAMLSyntaxToAWarningStillReportsAnError() throws {
        let found = try report(validation: "  severity: {K001: warning}\n")
        #expect(found.diagnostics.first?.rule == "yaml-syntax")
        #expect(found.diagnostics.first?.severity == .error)
        #expect(found.diagnostics.contains { $0.rule == "unknown-rule" && $0.message.contains("cannot be switched off") })
    }

    @Test func raisingYAMLSyntaxToAnErrorIsNoFinding() throws {
        let found = try report(validation: "  severity: {yaml-syntax: error}\n")
        #expect(!found.diagnostics.contains { $0.rule == "unknown-rule" })
    }
}
