import KodexModel
import KodexValidation
import Testing
import TestSupport

/// Runs every rule's own examples: the descriptions double as the rules' tests.
@Suite struct CheckExampleTests {
    static let ruleIDs = Validator.checks.map(\.description.id)

    @Test(arguments: ruleIDs)
    func triggeringExamplesTriggerTheRule(_ id: String) throws {
        let rule = try #require(Validator.check(named: id))
        for (number, example) in rule.description.triggering.enumerated() {
            let (report, _) = try validate(example)
            #expect(report.diagnostics.contains { $0.rule == id },
                    "triggering example \(number + 1) of \(id) found: \(report.diagnostics.map(\.rule))")
        }
    }

    @Test(arguments: ruleIDs)
    func passingExamplesDoNotTriggerTheRule(_ id: String) throws {
        let rule = try #require(Validator.check(named: id))
        #expect(!rule.description.passing.isEmpty)
        for (number, example) in rule.description.passing.enumerated() {
            let (report, _) = try validate(example)
            let own = report.diagnostics.filter { $0.rule == id }
            #expect(own.isEmpty, "passing example \(number + 1) of \(id) found: \(own.map(\.message))")
        }
    }

    @Test(arguments: ruleIDs)
    func triggeringExamplesRenderAsRecorded(_ id: String) throws {
        let rule = try #require(Validator.check(named: id))
        var output = ""
        for example in rule.description.triggering {
            let (report, folder) = try validate(example)
            let own = ValidationReport(diagnostics: report.diagnostics.filter { $0.rule == id }, silencedCount: 0)
            output += HumanRenderer(color: false).render(own, fileCount: example.completeFiles.count)
                .replacingOccurrences(of: folder.path, with: "example")
            output += "---\n"
        }
        expectGolden(output, "rules/\(id).txt")
    }

    @Test func cleanExampleHasNoFindingsAtAll() throws {
        let (report, _) = try validate(.clean)
        #expect(report.diagnostics.map(\.message) == [])
    }

    @Test func everyRuleButUnreadableFileHasATriggeringExample() {
        let without = Validator.checks.map(\.description).filter { $0.triggering.isEmpty }.map(\.id)
        // A FIFO or a missing permission cannot be written as example text; LoaderTests covers them.
        #expect(without == [CheckID.unreadableFile])
    }

    @Test func ruleIDsAndCodesAreUnique() {
        let descriptions = Validator.checks.map(\.description)
        #expect(Set(descriptions.map(\.id)).count == descriptions.count)
        #expect(Set(descriptions.map(\.code)).count == descriptions.count)
    }

    @Test func everyRuleHasSummaryAndExplanation() {
        for rule in Validator.checks.map(\.description) {
            #expect(!rule.summary.isEmpty && !rule.explanation.isEmpty, "\(rule.id) lacks text")
            #expect(rule.summary.first?.isUppercase == false, "\(rule.id) summary starts with a capital")
            #expect(rule.summary.last != ".", "\(rule.id) summary ends with a period")
        }
    }

    @Test func ruleIsFoundByCodeInAnyCase() {
        #expect(Validator.check(named: "k005")?.description.id == "unknown-key")
        #expect(Validator.check(named: "unknown-key")?.description.code == "K005")
        #expect(Validator.check(named: "nope") == nil)
    }
}
