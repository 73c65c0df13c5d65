import ArgumentParser
import KodexValidation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a validation rule, with examples that trigger it and that pass.")

    @Argument(help: "The rule's code or id, such as K005 or unknown-key.")
    var rule: String

    func run() throws {
        guard let found = Validator.rule(named: rule) else {
            printError("no rule `\(rule)`; `kodex rules` lists them")
            throw ExitCode(2)
        }
        write(Explanation.render(found.description))
    }
}
