import Foundation
import KodexSupport

/// Where a runner reads its input and writes its output, so tests can drive it.
public struct RunConsole {
    /// Reads one line, or `nil` at the end of input.
    public var readLine: () -> String?
    /// Writes text as it is.
    public var write: (String) -> Void

    /// Creates a console from two closures.
    public init(readLine: @escaping () -> String?, write: @escaping (String) -> Void) {
        self.readLine = readLine
        self.write = write
    }

    /// Standard input and output.
    public static var standard: RunConsole {
        RunConsole(readLine: { Swift.readLine(strippingNewline: true) },
                   write: { StandardStream.output.write($0) })
    }
}
