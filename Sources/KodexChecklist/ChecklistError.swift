import KodexModel

/// Why a command or a recorded event does not fit the session, in words for the agent
/// in the codex's language.
public struct ChecklistError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        case noteNeedsText
        case skipNeedsReason
        case chooseBranch
        case flowGoesNowhere
        case noBranches
        case noSuchBranch(number: Int, count: Int)
        case noSuchAction(number: Int)
        case requiredActionsOpen([Int])
        case firstStep
        case nothingToUndo
        case alreadyEnded
        /// The journal or the codex does not fit: a message for a maintainer, in English.
        case journal(String)
    }

    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(_ reason: Reason) { self.reason = reason }

    /// An error about the journal or the codex, with its message.
    public init(_ message: String) { self.reason = .journal(message) }

    /// The message in English.
    public var message: String { message(in: .en) }

    public var description: String { message }

    /// The message in `locale`.
    public func message(in locale: Manifest.Locale) -> String {
        let hu = locale == .hu
        switch reason {
        case .noteNeedsText: return hu ? "a jegyzethez szöveg kell" : "a note needs text"
        case .skipNeedsReason: return hu ? "a kihagyáshoz ok kell" : "a skip needs a reason"
        case .chooseBranch: return hu ? "válasszon elágazást: b, majd a száma" : "choose a branch: b, then its number"
        case .flowGoesNowhere:
            return hu ? "a folyamat nem mondja meg, hová tovább innen" : "the process does not say where to go from here"
        case .noBranches: return hu ? "ennek a lépésnek nincs elágazása" : "this step has no branches"
        case .noSuchBranch(let number, let count):
            return hu ? "nincs \(number). elágazás; 1 és \(count) között válasszon"
                : "there is no branch \(number); choose from 1 to \(count)"
        case .noSuchAction(let number): return hu ? "nincs \(number). teendő ezen a lépésen" : "this step has no item \(number)"
        case .requiredActionsOpen(let items):
            let list = items.map { String($0 + 1) }.joined(separator: ", ")
            return hu ? "kötelező teendők nyitva: \(list)" : "required items are open: \(list)"
        case .firstStep: return hu ? "ez az első lépés" : "this is the first step"
        case .nothingToUndo: return hu ? "nincs mit visszavonni" : "there is nothing to undo"
        case .alreadyEnded: return hu ? "a munkamenet már véget ért" : "the session has already ended"
        case .journal(let message): return message
        }
    }
}
