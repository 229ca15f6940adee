/// Why a text is not the document it should be (not JSON, too deeply nested, a duplicate key).
/// Messages say where (the byte offset) but name no file: the caller knows where the text came from.
public struct DocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
