import Foundation
import KodexModel
import KodexValidation
import Testing
import TestSupport

/// Writes an example's files into a fresh folder and checks them.
func validate(_ example: CheckExample) throws -> (report: ValidationReport, folder: TemporaryFolder) {
    let (loaded, folder) = try load(example)
    return (Validator().validate(loaded), folder)
}

/// Writes an example's files into a fresh folder and reads them.
func load(_ example: CheckExample) throws -> (loaded: LoadedCodex, folder: TemporaryFolder) {
    let folder = try TemporaryFolder()
    for file in example.completeFiles {
        try folder.write(file.path, file.content)
    }
    return (try CodexLoader().load(directory: folder.path), folder)
}

/// A situation whose step uses the tool `crm`, defined in `tools.yaml`, which no pattern
/// includes: the references to it are held back behind the finding about the file.
func uncoveredToolsExample(validation: String = "") -> CheckExample {
    let situation = """
        situation:
          id: s
          title: S
          kind: enquiry
          expectations: []
          processes:
            - id: p
              title: P
              steps:
                - id: a
                  title: A
                  goal: G
                  effect: E
                  touchpoints: [{detail: D, impression: I}]
                  actions: [{do: Look the customer up}]
                  tools: [crm]
                  end: done

        """
    return CheckExample(files: [("codex.yaml", CheckExample.baseManifest + validation + "include: [a.yaml]\n"),
                                ("a.yaml", situation), ("tools.yaml", "tools:\n  - {id: crm, title: CRM}\n")])
}
