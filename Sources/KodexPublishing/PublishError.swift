import KodexModel

/// Why the handbook could not be published; nothing was written when it is thrown
/// before the writing step.
public struct PublishError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure it is: what a caller can act on without reading the message.
    public enum Reason: Sendable, Hashable {
        /// The output folder is a file, or holds symbolic links or files Kodex did not write.
        case outputFolderRefused
        /// Another `kodex build` holds the output folder's lock.
        case anotherBuildWriting
        /// A file or folder could not be created, written or put in place.
        case cannotWrite
        /// A page template is missing, unreadable, malformed, or names no template.
        case pageTemplate
        /// The PDF could not be printed.
        case pdf
        /// A page could not be rendered.
        case rendering
    }

    /// What kind of failure it is.
    public var reason: Reason
    /// A lowercase message without a trailing period, naming the file involved.
    public var message: String
    /// The message in Hungarian, for the refusals a user meets in everyday use; the
    /// rarer failures of the system underneath are given in English alone.
    public var hungarian: String?

    /// Creates an error.
    public init(_ reason: Reason, _ message: String, hungarian: String? = nil) {
        self.reason = reason
        self.message = message
        self.hungarian = hungarian
    }

    /// The message in the codex's language, where there is one.
    public func message(in locale: Manifest.Locale) -> String {
        locale == .hu ? hungarian ?? message : message
    }

    public var description: String { message }
}
