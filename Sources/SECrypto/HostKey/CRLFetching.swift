/// Where CRLs named by distribution points come from: the network in the tool, files or a
/// loopback server in tests.
public protocol CRLFetching: Sendable {
    /// The body found at `url`. Throws the fetcher's own error (a network error, a missing file)
    /// when there is none; its description is shown with `-v`, and the verifier then tries the
    /// certificate's next distribution point.
    func fetch(_ url: String) throws -> [UInt8]
}
