import Foundation
import KodexSupport

/// The files `kodex init` writes: a manifest and the six situations of the method as
/// stubs, whose `TODO`s `kodex check` then lists as the consultant's work still to do.
public enum CodexScaffold {
    /// The files of a new codex, by path relative to its folder.
    public static func files(locale: Manifest.Locale, title: String) -> [(path: String, content: String)] {
        let words = Words(locale)
        var files: [(String, String)] = [
            ("codex.yaml", """
                # The codex's settings. The format reference: `kodex schema`, and FORMAT.md in the sample codex.
                kodex: 1
                title: \(quoted(title))
                organisation: TODO
                version: "0.1"
                locale: \(locale.rawValue)
                channels:
                  - {id: in-person, title: \(words.inPerson)}
                  - {id: phone, title: \(words.phone)}
                  - {id: email, title: \(words.email)}
                roles:
                  - {id: agent, title: \(words.agent)}
                  - {id: supervisor, title: \(words.supervisor)}
                include:
                  - "*.yaml"
                  - "situations/*.yaml"

                """),
            ("expectations.yaml", """
                # What customers expect. Situations list the ones at stake; rules and tools meet them.
                expectations: []

                """),
            ("rules.yaml", """
                # Behavioural rules, tools, banned phrases and message templates.
                rules: []
                tools: []
                banned_phrases: []
                templates: []

                """),
        ]
        for kind in SituationKind.standard {
            files.append(("situations/\(kind.rawValue).yaml", """
                situation:
                  id: \(kind.rawValue)
                  title: \(words.title(of: kind))
                  kind: \(kind.rawValue)
                  channels: [in-person, phone, email]
                  processes:
                    - id: \(kind.rawValue)-main
                      title: TODO
                      steps:
                        - id: first-step
                          title: TODO
                          goal: TODO
                          effect: TODO
                          actions:
                            - TODO
                          end: TODO

                """))
        }
        return files
    }

    /// Writes the scaffold into `directory`, creating it when needed.
    ///
    /// - Throws: ``LoadFailure`` naming every file that already exists, before writing
    ///   anything: `kodex init` never overwrites a file.
    public static func write(to directory: String, locale: Manifest.Locale, title: String) throws(LoadFailure) -> [String] {
        let files = files(locale: locale, title: title)
        let manager = FileManager.default
        let existing = files.map { directory + "/" + $0.path }.filter { manager.fileExists(atPath: $0) }
        guard existing.isEmpty else {
            throw LoadFailure(.wouldOverwrite, "not overwriting existing files: \(existing.map { "`\($0)`" }.joined(separator: ", "))")
        }
        var written: [String] = []
        for file in files {
            let path = directory + "/" + file.path
            let folder = parentFolder(of: path)
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw LoadFailure(.cannotWrite, "cannot create `\(folder)`: \(error.localizedDescription)")
            }
            // O_EXCL makes the no-overwrite promise hold even against a file created since the check.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else {
                throw LoadFailure(.cannotWrite, "cannot create `\(path)`: \(String(cString: strerror(errno)))")
            }
            let bytes = Array(file.content.utf8)
            let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard count == bytes.count else {
                throw LoadFailure(.cannotWrite, "cannot write `\(path)`: \(String(cString: strerror(errno)))")
            }
            written.append(path)
        }
        return written
    }

    private static func quoted(_ text: String) -> String {
        JSONValue.quote(text)
    }

    private struct Words {
        let locale: Manifest.Locale
        init(_ locale: Manifest.Locale) { self.locale = locale }
        var inPerson: String { locale == .hu ? "Személyesen" : "In person" }
        var phone: String { locale == .hu ? "Telefon" : "Phone" }
        var email: String { locale == .hu ? "E-mail" : "E-mail" }
        var agent: String { locale == .hu ? "Ügyintéző" : "Agent" }
        var supervisor: String { locale == .hu ? "Csoportvezető" : "Supervisor" }

        func title(of kind: SituationKind) -> String { kind.title(in: locale) }
    }
}
