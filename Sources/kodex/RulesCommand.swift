import ArgumentParser
import KodexValidation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every validation rule with its default severity.")

    func run() throws {
        var output = ""
        var category: RuleDescription.Category?
        for rule in Validator.rules.map(\.description) {
            if rule.category != category {
                output += (category == nil ? "" : "\n") + "\(rule.category.rawValue)\n"
                category = rule.category
            }
            let id = rule.id.padding(28)
            output += "  \(rule.code)  \(id) \(rule.defaultSeverity.rawValue.padding(8)) \(rule.summary)\n"
        }
        write(output)
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
