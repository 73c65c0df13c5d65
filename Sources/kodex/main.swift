import ArgumentParser
import Foundation

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
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
    exit(code == .validationFailure ? 2 : code.rawValue)
}
