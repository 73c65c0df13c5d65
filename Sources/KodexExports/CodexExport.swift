import Foundation
import KodexModel
import KodexPublishing
import KodexStartup
import KodexSupport
import KodexValidation

/// What `kodex export` writes for.
public enum ExportTarget: String, Sendable, CaseIterable {
    /// Zendesk macros, triggers and an SLA policy.
    case zendesk
    /// Freshdesk canned responses.
    case freshdesk
    /// Help Scout saved replies.
    case helpscout
    /// BPMN 2.0 process models.
    case bpmn

    /// The helpdesk it is, when it is one.
    public var helpdesk: HelpdeskKind? {
        switch self {
        case .zendesk: .zendesk
        case .freshdesk: .freshdesk
        case .helpscout: .helpScout
        case .bpmn: nil
        }
    }
}

/// One export of a codex into a folder of its own: load, check (a codex with errors is
/// refused and nothing is written), make the target's files, and write them with the
/// handbook's writer, which never touches a file Kodex did not write. The folder also gets
/// `kodex-export.json`, the list of what was exported from which codex version, so the next
/// export can say what to update in the helpdesk.
public struct CodexExport: Sendable {
    /// The name of the list of exported objects in the output folder.
    public static let listName = "kodex-export.json"

    /// The codex folder.
    public var codexDirectory: String
    /// The output folder.
    public var outputDirectory: String
    /// What to export for.
    public var target: ExportTarget
    /// For BPMN, the one situation to export; every situation when `nil`.
    public var situation: String?

    /// Creates an export.
    public init(codexDirectory: String, outputDirectory: String, target: ExportTarget, situation: String? = nil) {
        self.codexDirectory = codexDirectory
        self.outputDirectory = outputDirectory
        self.target = target
        self.situation = situation
    }

    /// Why an export wrote nothing.
    public enum Failure: Error {
        /// The codex could not be read at all.
        case unreadable(LoadFailure)
        /// The codex has errors.
        case invalid(ValidationReport, fileCount: Int, Manifest.Locale)
        /// The manifest does not enable the helpdesk.
        case notEnabled(HelpdeskKind, Manifest.Locale)
        /// No situation has the id asked for.
        case unknownSituation(String, suggestion: String?, Manifest.Locale)
        /// The files could not be written.
        case write(PublishError, Manifest.Locale)

        /// The message, in the codex's language.
        public var message: String {
            switch self {
            case .unreadable(let failure): failure.message
            case .invalid: ""
            case .notEnabled(let kind, let locale):
                locale == .hu
                    ? "a kódex nem kapcsolja be a(z) \(kind.title) exportot: vegye fel a `helpdesk: {\(kind.rawValue): …}` részt a `codex.yaml` fájlba (lásd FORMAT.md)"
                    : "the codex does not enable \(kind.title): add `helpdesk: {\(kind.rawValue): …}` to `codex.yaml` (see FORMAT.md)"
            case .unknownSituation(let id, let suggestion, let locale):
                locale == .hu
                    ? "nincs `\(id)` azonosítójú helyzet" + (suggestion.map { "; erre gondolt: `\($0)`?" } ?? "")
                    : "no situation has the id `\(id)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
            case .write(let error, let locale): error.message(in: locale)
            }
        }
    }

    /// Runs the export.
    public func run() throws(Failure) -> ExportResult {
        let loaded: LoadedCodex
        do { loaded = try CodexLoader().load(directory: codexDirectory) } catch { throw .unreadable(error) }
        let codex = loaded.codex
        let locale = codex.manifest.locale
        let report = Validator().validate(loaded)
        if report.errorCount > 0 { throw .invalid(report, fileCount: codex.files.count + 1, locale) }
        let words = ExportWords(locale: locale)
        var made: ExportFiles
        switch target {
        case .bpmn:
            var situations = codex.situations
            if let situation {
                situations = situations.filter { $0.id.value == situation }
                if situations.isEmpty {
                    throw .unknownSituation(situation, suggestion: Suggestion.closest(to: situation, in: codex.situations.map(\.id.value)), locale)
                }
            }
            made = BPMNExport(codex: codex, words: words).files(situations: situations)
        case .zendesk, .freshdesk, .helpscout:
            guard let kind = target.helpdesk, let settings = codex.manifest.helpdesk.target(kind) else {
                throw .notEnabled(target.helpdesk ?? .zendesk, locale)
            }
            switch kind {
            case .zendesk: made = ZendeskExport(codex: codex, target: settings, words: words).files()
            case .freshdesk: made = FreshdeskExport(codex: codex, target: settings).files()
            case .helpScout: made = HelpScoutExport(codex: codex, target: settings).files()
            }
        }
        let previous = Self.previousObjects(in: outputDirectory)
        let list = listFile(made.objects, codex: codex, digest: CodexFingerprint.of(directory: codexDirectory))
        let summary: WriteSummary
        do throws(PublishError) {
            summary = try OutputWriter(directory: outputDirectory).write(made.files + [OutputFile(path: Self.listName, text: list)])
        } catch {
            throw .write(error, locale)
        }
        return ExportResult(summary: summary, report: report, objects: made.objects,
                            changes: previous.map { ExportChanges(from: $0, to: made.objects) }, locale: locale)
    }

    private func listFile(_ objects: [ExportedObject], codex: Codex, digest: String?) -> String {
        var about: [(String, JSONValue)] = [
            ("title", .string(codex.manifest.title?.value ?? "")),
            ("organisation", .string(codex.manifest.organisation?.value ?? "")),
        ]
        if let version = codex.manifest.version { about.append(("version", .string(version.value))) }
        if let digest { about.append(("digest", .string(digest))) }
        return JSONValue.object([
            ("kodex_export", .integer(1)),
            ("target", .string(target.rawValue)),
            ("codex", .object(about)),
            ("objects", .array(objects.map { object in
                .object([("kind", .string(object.kind)), ("id", .string(object.id)),
                         ("file", .string(object.path)), ("digest", .string(object.digest))])
            })),
        ]).pretty
    }

    /// The objects an earlier export listed in `directory`, when it holds such a list.
    static func previousObjects(in directory: String) -> [ExportedObject]? {
        let path = directory + "/" + listName
        // Read only a regular file: a link in its place is not an earlier export's.
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let objects = root["objects"] as? [[String: Any]] else {
            return nil
        }
        return objects.compactMap { object in
            guard let kind = object["kind"] as? String, let id = object["id"] as? String,
                  let file = object["file"] as? String, let digest = object["digest"] as? String else { return nil }
            return ExportedObject(kind: kind, id: id, path: file, digest: digest)
        }
    }
}

/// What an export wrote.
public struct ExportResult: Sendable {
    /// The files written, unchanged and removed.
    public var summary: WriteSummary
    /// The check's findings: warnings only, since errors refuse the export.
    public var report: ValidationReport
    /// The objects exported.
    public var objects: [ExportedObject]
    /// What changed since the export the folder held before; `nil` for a first export.
    public var changes: ExportChanges?
    /// The codex's language.
    public var locale: Manifest.Locale
}

/// The objects added, changed and removed since an earlier export: what to create, update
/// and delete in the helpdesk.
public struct ExportChanges: Sendable, Hashable {
    /// Objects the earlier export did not have.
    public var added: [ExportedObject]
    /// Objects whose content changed.
    public var changed: [ExportedObject]
    /// Objects no longer exported.
    public var removed: [ExportedObject]

    /// Compares two lists of objects by kind and id.
    public init(from earlier: [ExportedObject], to later: [ExportedObject]) {
        let before = Dictionary(earlier.map { ("\($0.kind)/\($0.id)", $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(later.map { "\($0.kind)/\($0.id)" })
        added = later.filter { before["\($0.kind)/\($0.id)"] == nil }
        changed = later.filter { object in before["\(object.kind)/\(object.id)"].map { $0.digest != object.digest } ?? false }
        removed = earlier.filter { !after.contains("\($0.kind)/\($0.id)") }
    }

    /// Whether nothing changed.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
}
