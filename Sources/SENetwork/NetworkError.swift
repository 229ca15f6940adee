/// Why a download failed, as a case a caller can switch on (a CRL mirror that answers 404 is
/// tried differently from one that sent a broken reply) and a message naming what went wrong.
public struct NetworkError: Error, Sendable, CustomStringConvertible {
    /// What failed, so that a caller can retry, try another URL or give up.
    public enum Kind: Hashable, Sendable {
        /// Not an http:// or https:// URL se-attest can request.
        case invalidURL
        /// No TCP connection: the name did not resolve, or every address refused.
        case connect
        /// The TLS handshake failed, e.g. the server's certificate did not verify.
        case tls
        /// The proxy from the environment refused or broke the tunnel.
        case proxy
        /// The call's one deadline passed (connect, handshake, request, headers and body together).
        case timeout
        /// The headers or the body exceed their cap.
        case tooLarge
        /// The connection ended before the body was complete (e.g. shorter than Content-Length).
        case truncated
        /// The reply is not well-formed HTTP/1.x.
        case malformedReply
        /// The server answered with a status other than 200 (after redirects).
        case httpStatus(Int)
        /// More redirects than allowed, or one without a usable Location.
        case redirect
        /// A redirect from https to http where the caller refuses a downgrade.
        case insecureRedirect
        /// The body arrived whole but is not what the caller expected.
        case unexpectedReply
    }

    /// The category a caller can match on.
    public let kind: Kind
    /// For people: names the URL's problem, never a proxy's credentials.
    public let message: String
    /// OpenSSL's reasons for a TLS failure, oldest first (shown with `-v`).
    public let underlying: [String]

    /// For the client and the services built on it.
    public init(_ kind: Kind, _ message: String, underlying: [String] = []) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    /// The message alone; `underlying` is for a caller that wants detail.
    public var description: String { message }
}
