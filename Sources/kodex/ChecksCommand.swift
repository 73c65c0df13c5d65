import ArgumentParser
import KodexValidation

struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List every validation check with its default severity.",
        // The command was once `rules`, a word the codex's behavioural rules now have alone.
        aliases: ["rules"])

    func run() throws {
        var output = ""
        var category: CheckDescription.Category?
        for check in Validator.checks.map(\.description) {
            if check.category != category {
                output += (category == nil ? "" : "\n") + "\(check.category.rawValue)\n"
                category = check.category
            }
            let id = check.id.padding(28)
            output += "  \(check.code)  \(id) \(check.defaultSeverity.rawValue.padding(8)) \(check.summary)\n"
        }
        write(output)
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
