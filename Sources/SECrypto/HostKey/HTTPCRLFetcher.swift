/// Downloads CRLs over HTTP and HTTPS with se-attest's HTTP client (HTTP/HTTPClient.swift says
/// why that client). CRLs are signed, so the transport needs no trust of its own.
public struct HTTPCRLFetcher: CRLFetching {
    /// Seconds allowed for one URL, redirects included (pvattest: 3).
    public var timeoutSeconds: Int { client.timeoutSeconds }
    /// A PEM file of CA certificates for HTTPS servers instead of the system trust store (tests).
    public var tlsTrustFile: String? { client.tlsTrustFile }

    private let client: HTTPClient

    public init(timeoutSeconds: Int = 3, tlsTrustFile: String? = nil) {
        client = HTTPClient(userAgent: "se-attest-crl", timeoutSeconds: timeoutSeconds, tlsTrustFile: tlsTrustFile,
                            maxRedirects: 10, maxResponseSize: 32 * 1024 * 1024)
    }

    public func fetch(_ url: String) throws(CryptoError) -> [UInt8] {
        try client.send(url)
    }
}
