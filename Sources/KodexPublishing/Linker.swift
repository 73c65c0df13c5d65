/// Where each part of the handbook lives, as a link from the handbook's root.
///
/// The site gives every situation and glossary a page; the single file and its
/// anchors hold everything on one page.
struct Linker {
    /// The file extension of the pages: `html` or `md`.
    let fileExtension: String
    /// Whether everything is on one page.
    let singlePage: Bool

    func situationPage(_ id: String) -> String { "situations/\(id).\(fileExtension)" }
    func glossaryPage(_ name: String) -> String { "\(name).\(fileExtension)" }
    var indexPage: String { "index.\(fileExtension)" }

    func situation(_ id: String) -> String {
        singlePage ? "#" + Anchor.situation(id) : situationPage(id)
    }

    func step(situation: String, process: String, step: String) -> String {
        let anchor = Anchor.step(situation: situation, process: process, step: step)
        return singlePage ? "#" + anchor : situationPage(situation) + "#" + anchor
    }

    func glossaryEntry(_ name: String, kind: String, id: String) -> String {
        let anchor = Anchor.entry(kind: kind, id: id)
        return singlePage ? "#" + anchor : glossaryPage(name) + "#" + anchor
    }

    func glossary(_ name: String) -> String {
        singlePage ? "#" + name : glossaryPage(name)
    }
}

/// The fragment ids of the handbook, unique across the whole handbook so that the
/// single file can hold every page at once.
enum Anchor {
    static func situation(_ id: String) -> String { "situation-\(id)" }
    static func process(situation: String, process: String) -> String { "p-\(situation)--\(process)" }
    static func step(situation: String, process: String, step: String) -> String { "s-\(situation)--\(process)--\(step)" }
    static func entry(kind: String, id: String) -> String { "\(kind)-\(id)" }
}
