import Foundation
import KodexModel
import KodexSynthetic

// Temporary phase timer while the harness is being built.
let size = SyntheticCodex.Size(rawValue: CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : "S") ?? .s
if CommandLine.arguments.count > 3 {
    let clock = ContinuousClock()
    let start = clock.now
    let loaded = try CodexLoader().load(directory: CommandLine.arguments[1])
    print("load", clock.now - start, loaded.diagnostics.count)
} else {
    try SyntheticCodex(size).write(to: CommandLine.arguments[1])
}
