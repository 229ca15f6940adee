/// Why a byte string is not the structure it claims to be.
///
/// Every reader in SECore throws this instead of trapping, so the CLI can name the file and
/// the problem in one line. Tests match on `code`; `message` is for people.
public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, for a caller that reacts differently (e.g. to a truncated file).
    public enum Code: Hashable, Sendable {
        /// Fewer bytes than a field or structure needs.
        case truncated
        /// A magic value does not match.
        case badMagic
        /// A version field holds a version this tool does not know.
        case unsupportedVersion
        /// A size or offset field points outside the bytes present, or lies about a length.
        case badLength
        /// A required part is missing (for example the measurement of a response).
        case missing
        /// A value is outside its allowed set or range.
        case invalidValue
    }

    /// The category a caller can match on.
    public let code: Code
    /// For people: the structure, the field and what is wrong with it; no file name.
    public let message: String

    /// For readers of byte formats, including a caller's own.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message alone.
    public var description: String { message }
}
