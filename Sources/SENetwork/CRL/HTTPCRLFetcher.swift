import SECrypto

/// Downloads CRLs over HTTP and HTTPS with se-attest's HTTP client. CRLs are signed, so the
/// transport needs no trust of its own: a redirect from https to http is followed.
public struct HTTPCRLFetcher: CRLFetching {
    /// pvattest's time for one URL, redirects included.
    public static let defaultTimeoutSeconds = 3.0
    /// IBM's CRLs are a few KiB; a CA's may reach a few MiB.
    public static let maxCRLSize = 8 << 20

    /// The client every fetch uses; https-to-http redirects allowed, bodies capped at `maxCRLSize`.
    public let client: HTTPClient

    /// `tlsTrustFile` replaces the system trust store for HTTPS mirrors (tests); proxies come from
    /// the environment by default.
    public init(timeoutSeconds: Double = defaultTimeoutSeconds, tlsTrustFile: String? = nil,
                proxies: ProxySettings = .fromEnvironment(), observer: NetworkObserver? = nil) {
        var client = HTTPClient(userAgent: "se-attest-crl", timeoutSeconds: timeoutSeconds, maxBodySize: Self.maxCRLSize,
                                tlsTrustFile: tlsTrustFile, proxies: proxies, observer: observer)
        client.allowsHTTPSDowngrade = true
        self.client = client
    }

    /// The CRL's bytes, unverified (the verifier checks its signature); a failure is the
    /// client's `NetworkError`.
    public func fetch(_ url: String) throws(NetworkError) -> [UInt8] {
        try client.send(url)
    }
}
