import Foundation
import KodexModel
import KodexValidation
import Testing
import TestSupport

/// Writes an example's files into a fresh folder and checks them.
func validate(_ example: CheckExample) throws -> (report: ValidationReport, folder: TemporaryFolder) {
    let folder = try TemporaryFolder()
    for file in example.completeFiles {
        try folder.write(file.path, file.content)
    }
    let loaded = try CodexLoader().load(directory: folder.path)
    return (Validator().validate(loaded), folder)
}
