import ArgumentParser
import KodexValidation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a validation check, with examples that trigger it and that pass.")

    @Argument(help: "The check's code or id, such as K005 or unknown-key.")
    var check: String

    func run() throws {
        guard let found = Validator.check(named: check) else {
            printError("no check `\(check)`; `kodex checks` lists them")
            throw ExitCode(2)
        }
        write(Explanation.render(found.description))
    }
}
