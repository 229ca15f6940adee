/// Where CRLs named by distribution points come from: the network in the tool, files or a
/// loopback server in tests.
public protocol CRLFetching: Sendable {
    /// The body found at `url`. Throws (with the reason, shown with `-v`) when there is none;
    /// the verifier then tries the certificate's next distribution point.
    func fetch(_ url: String) throws(CryptoError) -> [UInt8]
}
