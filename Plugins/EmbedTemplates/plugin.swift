import Foundation
import PackagePlugin

/// Compiles the files under `templates/` into the target as Swift string literals, so
/// the `kodex` binary carries its default templates wherever it is copied and the
/// repository keeps one copy of them.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) templates",
                executable: try context.tool(named: "kodex-embed").url,
                arguments: [templates.path(), output.path()],
                inputFiles: inputs.sorted { $0.path() < $1.path() },
                outputFiles: [output]),
        ]
    }
}
