import SEDocuments
import SECrypto

/// IBM's firmware verification service (docs/formats.md §11): judges the 320-byte firmware state
/// an attestation response carries. The firmware policy posts the state and reads the verdict.
public struct FirmwareVerificationService: Sendable {
    /// The service's API version; both are sent the same request body.
    public enum APIVersion: Int, Sendable {
        /// `…/v1/verify`, pvattest's default.
        case v1 = 1
        /// `…/v2/verify`, whose verdict lists the signed hashes it verified.
        case v2 = 2
    }

    /// IBM's production service, as pvattest uses it.
    public static let defaultBaseURL = "https://esupport.ibm.com/eccedge/ent/z"
    /// pvattest's total time for the call, redirects included.
    public static let defaultTimeoutSeconds = 120.0
    /// The service's verdict is a few hundred bytes of JSON.
    public static let maxReplySize = 64 * 1024

    /// Scheme, host and path prefix; the endpoint path is appended (see `url`).
    public let baseURL: String
    /// Which endpoint version is called.
    public let version: APIVersion
    /// One deadline for the whole call, redirects included, in seconds.
    public let timeoutSeconds: Double
    /// A PEM file of CA certificates for the service instead of the system trust store (tests).
    public let tlsTrustFile: String?

    /// Nothing is sent until `verify`.
    public init(baseURL: String = defaultBaseURL, version: APIVersion = .v1, timeoutSeconds: Double = defaultTimeoutSeconds,
                tlsTrustFile: String? = nil) {
        self.baseURL = baseURL
        self.version = version
        self.timeoutSeconds = timeoutSeconds
        self.tlsTrustFile = tlsTrustFile
    }

    /// The endpoint; a base URL ending in `/` gives `//hmrs…`, as with pvattest.
    public var url: String { "\(baseURL)/hmrs/firmware/attestation/v\(version.rawValue)/verify" }

    /// Posts the 320-byte firmware state and reads the service's verdict. An HTTP status other
    /// than 200, a transport failure, the time running out or a reply that is not the service's
    /// JSON throws; "not valid" is a verdict, not an error. The answer decides a policy, so a
    /// redirect from https to http is refused.
    public func verify(firmwareState: [UInt8], proxies: ProxySettings = .fromEnvironment(),
                       observer: NetworkObserver? = nil) throws(NetworkError) -> FirmwareVerdict {
        let client = HTTPClient(userAgent: "se-attest", timeoutSeconds: timeoutSeconds, maxBodySize: Self.maxReplySize,
                                tlsTrustFile: tlsTrustFile, proxies: proxies, observer: observer)
        let reply = try client.send(
            url, body: HTTPClient.Body(bytes: Self.requestBody(firmwareState: firmwareState), contentType: "application/json"),
            headers: [("x-client-id", "X")])
        do {
            return try FirmwareVerdict(parsing: reply)
        } catch {
            let shown = reply.prefix(200).map { (0x20..<0x7F).contains($0) ? Character(Unicode.Scalar($0)) : "." }
            throw NetworkError(.unexpectedReply, "unexpected response from the server (\(error.message)): \(String(shown))")
        }
    }

    /// `{"version":"1.0","payload":"<base64>"}`; pvattest sends version 1.0 to both API versions.
    public static func requestBody(firmwareState: [UInt8]) -> [UInt8] {
        Array("{\"version\":\"1.0\",\"payload\":\"".utf8) + Array(Base64.encode(firmwareState).utf8) + Array("\"}".utf8)
    }
}
