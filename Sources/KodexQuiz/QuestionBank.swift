import KodexModel
import KodexYAML

/// What `kodex quiz generate` does to a bank file.
public struct BankUpdate: Sendable {
    /// The bank file's new text.
    public var text: String
    /// The ids of the questions added.
    public var added: [String]
    /// How many questions the codex already held, as trainers left them.
    public var kept: Int
    /// Generated questions whose subject changed since they were generated: what the
    /// codex asserts differs from what the question was made from.
    public var outdated: [String]
}

/// Why new questions cannot be added at the end of a bank file without rewriting what
/// trainers wrote there.
public enum BankError: Error, Sendable, Equatable {
    /// The file's last top-level key is not a block list `questions:`.
    case notEndingInQuestionList
    /// The questions are not indented by two spaces, as `  - id: …`.
    case otherIndentation
    /// With the new questions after it, the file does not read as one longer list.
    case unreadableOnceAppended

    /// Why, in `locale`.
    public func reason(in locale: Manifest.Locale) -> String {
        let hu = locale == .hu
        switch self {
        case .notEndingInQuestionList:
            return hu ? "a fájl utolsó felső szintű kulcsa nem egy blokklistás `questions:`"
                      : "the last top-level key of the bank file is not `questions:` followed by a block list"
        case .otherIndentation:
            return hu ? "a kérdések nem két szóközzel behúzottak (`  - id: …`)" : "the questions are not indented by two spaces, as `  - id: …`"
        case .unreadableOnceAppended:
            return hu ? "a fájl az új kérdésekkel nem olvasható egyetlen `questions:` listaként"
                      : "the bank file does not read as one `questions:` list once new questions follow it"
        }
    }
}

/// The exam bank: the questions of a codex, kept in YAML files of the codex, which
/// trainers edit. Regenerating keeps every edit and only adds what is new.
public enum QuestionBank {
    /// The default bank file in a codex of `locale`.
    public static func defaultFileName(for locale: Manifest.Locale) -> String {
        locale == .hu ? "kerdesek.yaml" : "questions.yaml"
    }

    /// The bank file after generating the questions of `codex`.
    ///
    /// Questions the codex already holds, in any of its files and with any status
    /// (a dropped question stays dropped), are left exactly as they are; the others are
    /// added at the end of `existing`, the current text of the bank file, or into a new
    /// file when it is nil.
    public static func update(_ codex: Codex, existing: String?) throws(BankError) -> BankUpdate {
        let generated = QuestionGenerator(codex: codex).questions()
        var held: [String: Question] = [:]
        for question in codex.questions where held[question.id.value] == nil { held[question.id.value] = question }
        // The bank file itself may be one the codex does not read (no `include` pattern
        // covers it, or it lies outside the folder): its questions are held all the same.
        let read = existing.flatMap(questionItems(in:))
        let inFile = read?.ids ?? []
        let new = generated.filter { held[$0.id] == nil && !inFile.contains($0.id) }
        let outdated = generated.filter { question in
            guard let old = held[question.id], old.kind != nil, let source = old.source?.value else { return false }
            return source != question.source
        }.map(\.id)
        let text: String
        if let existing, !existing.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            text = new.isEmpty ? existing : try appending(new, to: existing, holding: read?.count)
        } else {
            text = header(codex.manifest.locale) + "questions:\n" + BankYAML.items(new)
        }
        return BankUpdate(text: text, added: new.map(\.id), kept: Set(held.keys).union(inFile).count, outdated: outdated)
    }

    /// The ids of the questions a bank file's text holds, read without the codex.
    /// The ids and the number of the items of a bank file's `questions` list; nil when the
    /// text does not parse. A file without the list holds none.
    private static func questionItems(in text: String) -> (ids: Set<String>, count: Int)? {
        guard let document = try? YAMLParser().parse(Array(text.utf8), path: "bank") else { return nil }
        let items = document.root?.pairs?.value(named: "questions")?.items
        return (Set(items?.compactMap { $0.pairs?.value(named: "id")?.scalar?.text } ?? []), items?.count ?? 0)
    }

    private static func header(_ locale: Manifest.Locale) -> String {
        locale == .hu
            ? """
              # A kódex vizsgakérdései. A `kodex quiz generate` írta őket a kódexből; nézze át
              # mindet: írja át, amit kell, a jót jelölje `status: ready`, a rosszat
              # `status: dropped` (így újrageneráláskor sem tér vissza). Saját kérdést is
              # felvehet, `kind` nélkül. Újrageneráláskor csak az új kérdések kerülnek a végére.

              """
            : """
              # The codex's exam questions. `kodex quiz generate` wrote them from the codex;
              # review each: reword what needs it, mark the good ones `status: ready` and the
              # bad ones `status: dropped` (so they do not come back when regenerating). Add
              # questions of your own without `kind`. Regenerating adds only new questions at the end.

              """
    }

    /// `existing` with `questions` added at its end: its last top-level key must be a
    /// block list `questions:`, as the generator writes it.
    ///
    /// - Parameter held: how many items the list holds now; nil when `existing` does not parse.
    private static func appending(_ questions: [BankQuestion], to existing: String, holding held: Int?) throws(BankError) -> String {
        let lines = existing.split(separator: "\n", omittingEmptySubsequences: false)
        let topLevel = lines.last { line in
            guard let first = line.first else { return false }
            return first != " " && first != "#" && first != "\t" && first != "-"
        }
        let key = topLevel?.trimmingCharacters(in: .whitespaces) ?? ""
        guard key == "questions:" || key.hasPrefix("questions: #") else {
            throw .notEndingInQuestionList
        }
        // An item indented otherwise than the generator's two spaces would make the new
        // items a different list, or no list at all.
        if let item = lines.first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- ") && !$0.hasPrefix("#") }),
           !item.hasPrefix("  - ") || item.hasPrefix("   ") {
            throw .otherIndentation
        }
        let text = existing.hasSuffix("\n") ? existing : existing + "\n"
        let appended = text + BankYAML.items(questions)
        // What was added must read back as that many more questions of the same list.
        guard let held, let after = questionItems(in: appended), after.count == held + questions.count else {
            throw .unreadableOnceAppended
        }
        return appended
    }
}
