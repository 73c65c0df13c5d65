import Foundation
import KodexChecklist
import KodexModel
import KodexQuiz
import KodexValidation

/// What `kodex quiz take` was asked for.
public struct ExamRequest: Sendable {
    /// The situation's id; nil for an exam on the whole codex.
    public var situation: String?
    /// The codex folder.
    public var codexDirectory = "."
    /// Who takes the exam; nil is `$KODEX_AGENT`, else the login name.
    public var agent: String?
    /// Line by line, for screen readers and pipes.
    public var plain = false
    /// Colour in the full screen.
    public var color = false
    /// Ask the questions not yet reviewed too, for a trainer trying the exam out.
    public var drafts = false
    /// Where the exam journals are kept.
    public var store = ExamStore.standard()
    /// The process environment.
    public var environment = ProcessInfo.processInfo.environment

    /// Creates a request for the whole codex in the current folder.
    public init() {}
}

/// `kodex quiz take`: an exam in the terminal, one question at a time, each answer in the
/// journal before the next question; a stopped exam is taken up again by the next run.
public enum ExamRunner {
    /// Runs the exam; returns the exit status.
    public static func run(_ request: ExamRequest, console: RunConsole = .standard) -> Int32 {
        let loaded: LoadedCodex
        do { loaded = try CodexLoader().load(directory: request.codexDirectory) } catch {
            console.error(error.message)
            return 2
        }
        let codex = loaded.codex
        let text = ExamText(locale: codex.manifest.locale)
        if Validator(reporting: .errors).validate(loaded).errorCount > 0 {
            console.error(text.codexHasErrors, in: codex.manifest.locale)
            return 1
        }
        // The situation by its id or words of its title, as `kodex run` takes it.
        var situation: Situation?
        if let query = request.situation {
            guard case .found(let found) = SituationFilter.find(query, in: codex.situations, locale: codex.manifest.locale) else {
                console.error(text.noSituation(query), in: codex.manifest.locale)
                return 2
            }
            situation = found
        }
        let title = situation.map { $0.title?.value ?? $0.id.value }
        let questions = examQuestions(of: codex, situation: situation?.id.value, includeDrafts: request.drafts)
        guard !questions.isEmpty else {
            console.error(text.noQuestions, in: codex.manifest.locale)
            return 2
        }
        let agent = AgentName.resolve(request.agent, environment: request.environment)
        let session: ExamSession
        let resumed: Bool
        do {
            (session, resumed) = try ExamSession.startOrResume(agent: agent, situation: situation?.id.value, codex: codex,
                                                               questions: questions, store: request.store)
        } catch {
            console.error(error.message, in: codex.manifest.locale)
            return 2
        }
        let heading = text.heading(title: title ?? codex.manifest.title?.value ?? "", agent: agent, count: session.progress.total)
        let full = TerminalSize.allowsFullScreen(plainAsked: request.plain, environment: request.environment)
        var screen: RawTerminal?
        if full { screen = try? RawTerminal() }
        var asker: any ExamAsker = screen.map { FullScreenAsker(terminal: $0, text: text, heading: heading, color: request.color) }
            ?? PlainAsker(console: console, text: text)
        if screen == nil {
            console.write(heading + "\n")
            if resumed { console.write(text.resumed(session.progress) + "\n") }
        }
        // A resumed exam says so over its first question only.
        var announce = resumed
        while let question = session.next {
            defer { announce = false }
            guard let given = asker.ask(question, progress: session.progress, resumed: announce) else {
                session.pause()
                screen?.restore()
                // In plain mode the prompt's line is still open.
                console.write((screen == nil ? "\n" : "") + text.paused(session.progress) + "\n")
                return 0
            }
            do {
                try session.answer(question, given: given)
            } catch {
                screen?.restore()
                console.error(error.message, in: codex.manifest.locale)
                return 2
            }
        }
        screen?.restore()
        console.write(text.summary(session, passMark: codex.manifest.qualification.passMark(for: situation?.id.value)))
        return 0
    }
}

/// Asks one question and returns the answer given, or nil when the exam is to stop.
protocol ExamAsker {
    mutating func ask(_ question: BankQuestion, progress: (answered: Int, total: Int), resumed: Bool) -> [String]?
}

/// Line by line: the answers numbered, a number typed, or the items' numbers in order.
struct PlainAsker: ExamAsker {
    let console: RunConsole
    let text: ExamText

    func ask(_ question: BankQuestion, progress: (answered: Int, total: Int), resumed: Bool) -> [String]? {
        console.write("\n" + text.counter(progress) + " " + question.ask + "\n")
        let options = question.choicesAsked
        for (index, option) in options.enumerated() { console.write("  \(index + 1). \(option)\n") }
        while true {
            console.write((question.isOrdering ? text.orderPrompt(options.count) : text.choicePrompt(options.count)) + ": ")
            guard let line = console.readLine() else { return nil }
            let numbers = line.split(whereSeparator: { $0 == " " || $0 == "," }).map { Int($0) }
            if question.isOrdering {
                if numbers.count == options.count, numbers.allSatisfy({ $0.map { (1...options.count).contains($0) } == true }),
                   Set(numbers.compactMap { $0 }).count == options.count {
                    return numbers.compactMap { $0 }.map { options[$0 - 1] }
                }
            } else if numbers.count == 1, let number = numbers[0], (1...options.count).contains(number) {
                return [options[number - 1]]
            }
            console.write(text.invalid(options.count, ordering: question.isOrdering) + "\n")
        }
    }
}

/// The full screen: arrows move, Enter chooses; for an order, Enter takes the item under
/// the cursor next and Backspace gives back the last one taken. Digits only move the
/// cursor, and a paste is ignored, so nothing is answered by a stray key.
struct FullScreenAsker: ExamAsker {
    let terminal: RawTerminal
    let text: ExamText
    let heading: String
    let color: Bool

    func ask(_ question: BankQuestion, progress: (answered: Int, total: Int), resumed: Bool) -> [String]? {
        let options = question.choicesAsked
        var cursor = 0
        var taken: [Int] = []
        var notice = resumed && progress.answered > 0 ? text.resumed(progress) : ""
        while true {
            draw(question, options: options, cursor: cursor, taken: taken, progress: progress, notice: notice)
            guard let key = terminal.readKey(timeout: 1000) else {
                if terminationRequested { return nil }
                continue
            }
            notice = ""
            switch key {
            case .up: cursor = (cursor + options.count - 1) % options.count
            case .down, .tab: cursor = (cursor + 1) % options.count
            case .character(let character) where character.isNumber:
                if let number = character.wholeNumberValue, (1...options.count).contains(number) { cursor = number - 1 }
            case .enter:
                if question.isOrdering {
                    if !taken.contains(cursor) { taken.append(cursor) }
                    if taken.count == options.count { return taken.map { options[$0] } }
                    cursor = (0..<options.count).first { !taken.contains($0) } ?? cursor
                } else {
                    return [options[cursor]]
                }
            case .backspace:
                if !taken.isEmpty { taken.removeLast() }
            case .escape, .character("q"), .control(0x03), .control(0x04):
                return nil
            case .paste:
                notice = text.pasteIgnored
            default:
                break
            }
        }
    }

    /// Draws the question to fit the terminal: the heading and counter on one line, the key
    /// bar cut to the width, a question taller than half the screen cut with `…`, and the
    /// answers shown as many as fit around the cursor, so nothing scrolls the screen.
    private func draw(_ question: BankQuestion, options: [String], cursor: Int, taken: [Int],
                      progress: (answered: Int, total: Int), notice: String) {
        let size = terminal.size
        let width = max(20, size.columns - 2)
        let bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : "", dim = color ? "\u{1B}[2m" : ""
        let head = [bold + TextLayout.cut(text.counter(progress) + " " + heading, to: width) + reset]
        var footer = [dim + TextLayout.cut(question.isOrdering ? text.orderKeys : text.choiceKeys, to: width) + reset]
        if !notice.isEmpty { footer += TextLayout.wrap(notice, width: width) }
        let room = max(4, size.rows - head.count - footer.count)
        var asked = TextLayout.wrap(question.ask, width: width)
        if asked.count > room / 2 {
            asked = Array(asked.prefix(max(1, room / 2 - 1))) + ["…"]
        }
        let blocks = options.enumerated().map { index, option -> [String] in
            let mark = index == cursor ? "›" : " "
            let place = taken.firstIndex(of: index).map { "[\($0 + 1)]" } ?? (question.isOrdering ? "[ ]" : "")
            let prefix = "\(mark) \(index + 1). " + (place.isEmpty ? "" : place + " ")
            let wrapped = TextLayout.wrap(option, width: width, first: prefix, rest: String(repeating: " ", count: TextLayout.width(prefix)))
            return index == cursor ? wrapped.map { bold + $0 + reset } : wrapped
        }
        // Blank lines around the question only when everything fits with them.
        let all = blocks.reduce(0) { $0 + $1.count }
        let spacious = asked.count + all + 3 <= room
        var body = (spacious ? [""] : []) + asked + (spacious ? [""] : [])
        let left = room - body.count - (spacious ? 1 : 0)
        if all > left {
            // A window of answers holding the cursor's, with marks for those above and below.
            var first = cursor
            var used = blocks[cursor].count
            var last = cursor
            while last + 1 < blocks.count, used + blocks[last + 1].count <= left - 2 { last += 1; used += blocks[last].count }
            while first > 0, used + blocks[first - 1].count <= left - 2 { first -= 1; used += blocks[first].count }
            if first > 0 { body.append(dim + "  ↑ …" + reset) }
            body += blocks[first...last].flatMap { $0 }
            if last + 1 < blocks.count { body.append(dim + "  ↓ …" + reset) }
        } else {
            body += blocks.flatMap { $0 }
        }
        if spacious { body.append("") }
        terminal.emit("\u{1B}[H\u{1B}[2J" + (head + body + footer).joined(separator: "\r\n"))
    }
}

extension BankQuestion {
    /// What the exam shows to choose from, in the order shown: the answers as the bank
    /// orders them, or the items of an ordering question not in their right order but in
    /// one fixed by the question, so that a resumed exam shows the same.
    var choicesAsked: [String] {
        guard isOrdering else { return answers.map(\.text) }
        let shown = order.sorted { QuestionGenerator.rank(id, $0) < QuestionGenerator.rank(id, $1) }
        return shown == order && order.count > 1 ? Array(order.dropFirst()) + [order[0]] : shown
    }
}

extension RunConsole {
    /// Writes an error line to standard error, in `locale`'s words.
    func error(_ message: String, in locale: Manifest.Locale = .en) {
        RunLauncher.standardError(locale.failure(message))
    }
}
