import Foundation
import KodexModel
import KodexValidation
import Testing
import TestSupport

/// Holds the sample codex to the bar its issue set: the six situations of the method,
/// in Hungarian, with every step fully written.
@Suite struct SampleCodexTests {
    static let loaded: LoadedCodex? = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("codex").path
        return try? CodexLoader().load(directory: folder)
    }()

    private var codex: Codex {
        get throws { try #require(Self.loaded).codex }
    }

    @Test func hasNoFindingsAtAll() throws {
        let loaded = try #require(Self.loaded)
        #expect(Validator().validate(loaded).diagnostics.map(\.message) == [])
    }

    @Test func isHungarianAndCoversTheSixSituationKinds() throws {
        let codex = try codex
        #expect(codex.manifest.locale == .hu)
        #expect(Set(codex.situations.compactMap(\.knownKind)) == Set(SituationKind.standard))
        #expect(Set(codex.manifest.channels.map(\.id.value)) == ["szemelyes", "telefon", "email"])
    }

    @Test func everyProcessHasFourToTenSteps() throws {
        for situation in try codex.situations {
            for process in situation.processes {
                #expect((4...10).contains(process.steps.count), "\(process.id.value) has \(process.steps.count) steps")
            }
        }
    }

    @Test func everyStepHasActionsTouchpointsAndPhrases() throws {
        for (_, _, step) in try codex.allSteps {
            #expect(!step.actions.isEmpty, "\(step.id.value) has no actions")
            #expect(!step.touchpoints.isEmpty && step.touchpoints.allSatisfy { $0.impression != nil },
                    "\(step.id.value) lacks touchpoints with impressions")
            #expect(!step.say.isEmpty && !step.avoid.isEmpty, "\(step.id.value) lacks phrases")
        }
    }

    @Test func branchesWhereConversationsFork() throws {
        let branching = try codex.allSteps.filter { !$0.step.branches.isEmpty }.map { "\($0.situation.id.value)/\($0.step.id.value)" }
        #expect(branching.contains("problemat-megoldo-ugyfel/megoldaskereses"))
        #expect(branching.contains("panaszos-ugyfel/kivizsgalas"))
    }

    @Test func onlyASupervisorClosesAComplaint() throws {
        let closing = try codex.allSteps.filter { $0.situation.knownKind == .complaint && $0.step.end != nil }
        #expect(!closing.isEmpty)
        #expect(closing.allSatisfy { $0.step.role?.value == "csoportvezeto" })
    }

    @Test func helpdeskTemplatesAcknowledgeUpdateAndClose() throws {
        let ids = Set(try codex.templates.map(\.id.value))
        #expect(ids.isSuperset(of: ["bejelentes-visszaigazolas", "statuszvaltozas", "lezaras"]))
    }
}

extension Codex {
    /// Every step with its situation, for tests that filter over the whole codex.
    var allSteps: [(situation: Situation, process: KodexModel.Process, step: Step)] {
        var steps: [(Situation, KodexModel.Process, Step)] = []
        forEachStep { steps.append(($0, $1, $2)) }
        return steps
    }
}

@Suite struct GoldenDiffTests {
    @Test func mismatchIsShownAsAUnifiedDiffWithContext() {
        let expected = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n"
        let actual = "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\neight\n"
        #expect(unifiedDiff(expected: expected, actual: actual, name: "x.txt") == """
            --- golden/x.txt
            +++ actual
            @@ -1,8 +1,9 @@
             one
             two
             three
            -four
            +FOUR
             five
             six
             seven
            +eight
             

            """)
    }
}
