import Foundation
@testable import KodexChanges
import KodexModel
import KodexYAML
import Testing
import TestSupport

/// The comparison skips the steps that are the same on both sides; it finds the same
/// changes as walking every step.
@Suite struct UnchangedStepsTests {
    private static let span = SourceSpan(file: "a.yaml", start: SourcePosition(line: 1, column: 1),
                                         end: SourcePosition(line: 1, column: 9))

    private func text(_ value: String, line: Int = 1) -> Located<String> {
        Located(value, at: SourceSpan(file: "a.yaml", start: SourcePosition(line: line, column: 1),
                                      end: SourcePosition(line: line, column: 9)))
    }

    /// A step with every field the comparison reads filled in.
    private func fullStep() -> Step {
        var step = Step(id: text("lepes"), span: Self.span)
        step.title = text("Cím")
        step.goal = text("Cél")
        step.effect = text("Hatás")
        step.actions = [Action(text: text("Teendő"), required: true)]
        step.touchpoints = [Touchpoint(detail: text("Részlet"), impression: text("Benyomás"))]
        step.rules = [text("szabaly")]
        step.tools = [text("crm")]
        step.say = [text("Mondja ezt")]
        step.avoid = [text("Ne ezt")]
        step.timeTarget = TimeTarget(seconds: 60, workingDays: nil, text: text("1 perc"), what: text("válasz"))
        step.role = text("ugyintezo")
        step.messages = [text("sablon")]
        step.next = text("masik")
        step.branches = [Branch(condition: text("ha igen"), target: text("harmadik"), span: Self.span)]
        step.end = text("lezárva")
        return step
    }

    @Test func theStepComparisonKnowsEveryFieldOfAStep() {
        // A new field of Step must be read by Element(_:) and compared by sameStep alike.
        let labels = Mirror(reflecting: fullStep()).children.compactMap(\.label)
        #expect(labels == ["id", "title", "goal", "effect", "actions", "touchpoints", "rules", "tools", "say", "avoid",
                           "timeTarget", "role", "messages", "next", "branches", "end", "silences", "span"])
    }

    @Test func aStepWithTheSameContentElsewhereInItsFileIsTheSame() {
        var moved = fullStep()
        moved.span = SourceSpan(file: "b.yaml", start: SourcePosition(line: 40, column: 3), end: SourcePosition(line: 60, column: 1))
        moved.title = text("Cím", line: 41)
        moved.silences = [Silence(rule: text("unused-element"), reason: text("miért"))]
        #expect(Element.sameStep(fullStep(), moved))
    }

    @Test func aStepDifferingInAnyFieldTheComparisonReadsIsNotTheSame() {
        let changes: [(String, (inout Step) -> Void)] = [
            ("id", { $0.id = text("mas") }), ("title", { $0.title = nil }), ("goal", { $0.goal = text("Más cél") }),
            ("effect", { $0.effect = text("Más") }), ("action text", { $0.actions[0].text = text("Más teendő") }),
            ("action required", { $0.actions[0].required = false }), ("actions", { $0.actions.append($0.actions[0]) }),
            ("touchpoint detail", { $0.touchpoints[0].detail = text("Más") }),
            ("touchpoint impression", { $0.touchpoints[0].impression = nil }), ("rules", { $0.rules = [] }),
            ("tools", { $0.tools = [text("helpdesk")] }), ("say", { $0.say = [text("Mást")] }), ("avoid", { $0.avoid = [] }),
            ("time seconds", { $0.timeTarget?.seconds = 120 }), ("time text", { $0.timeTarget?.text = text("60 mp") }),
            ("time working days", { $0.timeTarget?.workingDays = 1 }), ("time what", { $0.timeTarget?.what = nil }),
            ("no time", { $0.timeTarget = nil }), ("role", { $0.role = nil }), ("messages", { $0.messages = [text("mas")] }),
            ("next", { $0.next = text("harmadik") }), ("branch condition", { $0.branches[0].condition = text("ha nem") }),
            ("branch target", { $0.branches[0].target = text("masik") }), ("branches", { $0.branches = [] }),
            ("end", { $0.end = nil }),
        ]
        for (name, change) in changes {
            var changed = fullStep()
            change(&changed)
            #expect(!Element.sameStep(fullStep(), changed), "\(name)")
        }
    }

    @Test func randomEditsOfTheSampleFindTheSameChangesWithAndWithoutSkipping() throws {
        let old = try CodexLoader().load(directory: sampleCodex).codex
        var random = SeededRandom(seed: 0x5354_4550)
        for round in 0..<300 {
            var new = old
            for _ in 0..<Int.random(in: 1...3, using: &random) { edit(&new, &random) }
            let skipping = CodexComparer.compare(old, new, from: "a", to: "b", unchangedFiles: ([], []), skippingUnchangedSteps: true)
            let walking = CodexComparer.compare(old, new, from: "a", to: "b", unchangedFiles: ([], []), skippingUnchangedSteps: false)
            #expect(skipping.json == walking.json, "round \(round)")
        }
    }

    /// One edit of a random step, or of a tool every step names it by.
    private func edit(_ codex: inout Codex, _ random: inout SeededRandom) {
        let situation = Int.random(in: 0..<codex.situations.count, using: &random)
        guard !codex.situations[situation].processes.isEmpty else { return }
        let process = Int.random(in: 0..<codex.situations[situation].processes.count, using: &random)
        let steps = codex.situations[situation].processes[process].steps
        guard !steps.isEmpty else { return }
        let index = Int.random(in: 0..<steps.count, using: &random)
        var step = steps[index]
        switch Int.random(in: 0..<12, using: &random) {
        case 0: step.title = text((step.title?.value ?? "") + " új")
        case 1: step.goal = text("Más cél")
        case 2: step.tools.append(text(codex.tools.first?.id.value ?? "crm"))
        case 3: if !step.actions.isEmpty { step.actions[0].required.toggle() }
        case 4: step.timeTarget = step.timeTarget == nil ? TimeTarget(seconds: 300, workingDays: nil, text: text("5 perc"), what: nil) : nil
        case 5: if !step.branches.isEmpty { step.branches[0].condition = text("más feltétel") }
        case 6: step.next = steps.randomElement(using: &random).map { text($0.id.value) }
        case 7:
            // A step moved to another place in its process.
            var moved = steps
            moved.swapAt(index, Int.random(in: 0..<steps.count, using: &random))
            codex.situations[situation].processes[process].steps = moved
            return
        case 8: step.id = text(step.id.value + "-uj")
        case 9:
            // A tool renamed, with every reference to it.
            guard let tool = codex.tools.indices.randomElement(using: &random) else { return }
            let was = codex.tools[tool].id.value
            codex.tools[tool].id = text(was + "-uj")
            for s in codex.situations.indices {
                for p in codex.situations[s].processes.indices {
                    for t in codex.situations[s].processes[p].steps.indices {
                        codex.situations[s].processes[p].steps[t].tools = codex.situations[s].processes[p].steps[t].tools
                            .map { $0.value == was ? text(was + "-uj") : $0 }
                    }
                }
            }
            return
        case 10: step.effect = step.effect.map { text("  " + $0.value.replacingOccurrences(of: " ", with: "\n ") + " ") }
        default: step.span = Self.span
        }
        codex.situations[situation].processes[process].steps[index] = step
    }
}
