/// Why a text is not the document it should be (not JSON, too deeply nested, a duplicate key).
/// Messages say where (the byte offset) but name no file: the caller knows where the text came from.
public struct DocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// For people: what is wrong and at which byte offset.
    public let message: String

    /// For readers of documents; the message must not name a file.
    public init(_ message: String) {
        self.message = message
    }

    /// The message alone.
    public var description: String { message }
}
