import KodexModel
import KodexPublishing
import KodexSupport

/// One object an export writes: a macro, a trigger, a canned response, a BPMN model.
public struct ExportedObject: Sendable, Hashable {
    /// What kind of object it is in the target, such as `macro`.
    public var kind: String
    /// The codex element it comes from, such as a template's or situation's id.
    public var id: String
    /// The file, relative to the output folder.
    public var path: String
    /// A digest of the file's content, for telling a later export what changed.
    public var digest: String

    /// Creates an entry.
    public init(kind: String, id: String, path: String, digest: String) {
        self.kind = kind
        self.id = id
        self.path = path
        self.digest = digest
    }
}

/// The files of one export, with the objects they hold.
struct ExportFiles {
    var files: [OutputFile] = []
    var objects: [ExportedObject] = []

    mutating func add(kind: String, id: String, path: String, text: String) {
        var hash = StableHash()
        hash.combine(text)
        files.append(OutputFile(path: path, text: text))
        objects.append(ExportedObject(kind: kind, id: id, path: path, digest: hash.hex))
    }
}

extension ExportFiles {
    /// A file per message template of the codex, `FOLDER/ID.json`, holding the request
    /// body `body` makes of the template as the helpdesk shows it.
    static func perTemplate(_ codex: Codex, _ target: HelpdeskTarget, kind: String, folder: String,
                            _ body: (MessageTemplate, HelpdeskMessage) -> JSONValue) -> ExportFiles {
        var files = ExportFiles()
        for template in codex.templates {
            let id = template.id.value
            files.add(kind: kind, id: id, path: "\(folder)/\(id).json",
                      text: body(template, HelpdeskMessage(template: template, target: target)).pretty)
        }
        return files
    }
}
