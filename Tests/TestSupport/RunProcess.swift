import Foundation
import KodexSupport

/// What a program printed and how it ended.
package typealias RunResult = ChildResult

/// Starts a program for a test: the environment is this process's, without
/// `NO_COLOR`, plus `environment`, so that a test sees what a user's terminal would.
package func startProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                         directory: URL? = nil, captureOutput: Bool = true) throws -> ChildProcess {
    var variables = ProcessInfo.processInfo.environment
    variables.removeValue(forKey: "NO_COLOR")
    for (key, value) in environment { variables[key] = value }
    return try ChildProcess(executable, arguments, environment: variables, directory: directory?.path,
                            captureOutput: captureOutput)
}

/// Runs a program to its end and collects its output.
///
/// Standard input is `input`, or empty. A program still running after `timeout`
/// seconds is killed and the call throws, so a hang fails one test instead of
/// stalling the suite.
package func runProcess(_ executable: String, _ arguments: [String], input: String? = nil,
                       environment: [String: String] = [:], directory: URL? = nil,
                       timeout: Double = 180) throws -> RunResult {
    let child = try startProcess(executable, arguments, environment: environment, directory: directory)
    try child.write(input ?? "")
    child.closeInput()
    return try child.finish(timeout: timeout)
}
