import Foundation
import KodexSupport
import Testing
import TestSupport


/// The `kodex` binary built beside this test bundle.
let kodexBinary: String = {
    if let override = ProcessInfo.processInfo.environment["KODEX_BINARY"] { return override }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("kodex").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/kodex").path
}()

/// Runs `kodex` with the fixtures folder as working directory; the start-up cache goes to
/// a temporary folder rather than the real home folder.
func kodex(_ arguments: String..., environment: [String: String] = [:]) throws -> RunResult {
    var variables = ["XDG_CACHE_HOME": FileManager.default.temporaryDirectory.path + "/kodex-test-cache"]
    for (key, value) in environment { variables[key] = value }
    return try run(kodexBinary, arguments, environment: variables)
}

func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
    try runProcess(executable, arguments, environment: environment, directory: CLITests.fixtures)
}
