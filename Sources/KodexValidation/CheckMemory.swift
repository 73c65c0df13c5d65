import KodexModel
import KodexSupport
import Synchronization

/// A check that looks at one situation at a time, beside what the codex shares: its
/// findings about a situation depend on that situation and the shared elements alone.
///
/// Such a check can keep its findings from one check of a codex to the next (see
/// ``CheckMemory``): after an edit of one situation only that situation is checked again.
protocol SituationCheck: ValidationCheck {
    /// Reports the findings about what is not a situation: the manifest, expectations,
    /// rules, tools, banned phrases, templates.
    func checkShared(_ context: CheckContext)
    /// Reports the findings about `situation`, the codex's situation at `index`.
    func check(_ situation: Situation, at index: Int, _ context: CheckContext)
}

extension SituationCheck {
    func checkShared(_ context: CheckContext) {}

    func check(_ context: CheckContext) {
        checkShared(context)
        for (index, situation) in context.codex.situations.enumerated() { check(situation, at: index, context) }
    }
}

/// What the checks found about each situation at the last check of a codex, kept so that
/// the next check of the same codex (`kodex serve`, `kodex check --watch`) checks again
/// only the situations that changed.
///
/// Findings are reused only while everything the codex shares (the manifest, expectations,
/// rules, tools, banned phrases, templates, questions) is equal to what it was, and only for
/// a situation equal to the one they were found in, down to each text's place in its file;
/// a report made with a memory is the report made without one.
public final class CheckMemory: Sendable {
    struct Remembered: Sendable {
        /// The codex without its situations and file list.
        var shared: Codex
        /// Each situation, by id.
        var situations: [String: Situation]
        /// Each situation check's findings, by check id and situation id.
        var findings: [String: [String: [CheckContext.Finding]]]
    }

    private let remembered = Mutex<Remembered?>(nil)
    private let reused = Mutex(0)

    /// Creates an empty memory.
    public init() {}

    /// How many situations' findings the last check took from the memory.
    public var situationsReused: Int { reused.withLock { $0 } }

    /// The codex without what belongs to its situations.
    static func shared(_ codex: Codex) -> Codex {
        var shared = codex
        shared.situations = []
        shared.files = []
        return shared
    }

    /// For each situation of `codex`, whether the memory holds findings about an equal one.
    func unchanged(in codex: Codex) -> (Remembered?, [Bool]) {
        guard let last = remembered.withLock({ $0 }) else { return (nil, codex.situations.map { _ in false }) }
        let ids = codex.situations.map(\.id.value)
        // Two situations of one id cannot be told apart by it: nothing is reused.
        guard Set(ids).count == ids.count, Self.shared(codex) == last.shared else {
            return (nil, codex.situations.map { _ in false })
        }
        let unchanged = concurrentMap(codex.situations.count) { index in
            last.situations[ids[index]] == codex.situations[index]
        }
        return (last, unchanged)
    }

    func remember(_ codex: Codex, findings: [String: [String: [CheckContext.Finding]]], reused count: Int) {
        var situations: [String: Situation] = [:]
        for situation in codex.situations { situations[situation.id.value] = situation }
        remembered.withLock { $0 = Remembered(shared: Self.shared(codex), situations: situations, findings: findings) }
        reused.withLock { $0 = count }
    }
}
