/// Why the handbook could not be published; nothing was written when it is thrown
/// before the writing step.
public struct PublishError: Error, Sendable, CustomStringConvertible {
    /// A lowercase message without a trailing period, naming the file involved.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
