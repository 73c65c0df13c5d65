import ArgumentParser
import Foundation
import KodexSupport

// Parsed by hand rather than with `Kodex.main()` so that a usage error exits with 2,
// as `kodex check` documents, instead of ArgumentParser's 64.
do {
    var command = try Kodex.parseAsRoot()
    try command.run()
} catch {
    let code = Kodex.exitCode(for: error)
    let message = Kodex.fullMessage(for: error)
    if code == .success {
        if !message.isEmpty { print(message) }
        exit(0)
    }
    if !message.isEmpty {
        StandardStream.error.write(message + "\n")
    }
    exit(code == .validationFailure ? 2 : code.rawValue)
}
