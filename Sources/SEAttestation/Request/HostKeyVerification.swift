public import SECrypto

/// Whether host-key documents are checked before a request is encrypted to them.
public enum HostKeyVerification: Sendable {
    /// Not checked: for test keys only, since a request to a key from a fake host is not protected.
    case none
    /// Each document is checked against IBM's signing chain and CRLs with `HostKeyVerifier`'s rules.
    case signingChain(SigningChain)

    /// Checks `documents` as this verification says (nothing for `.none`), on all cores; the first
    /// failure in document order is thrown.
    public func verify(_ documents: [HostKeyDocument]) throws(AttestationError) {
        if case .signingChain(let chain) = self { try chain.verify(documents) }
    }

    /// The inputs of a `HostKeyVerifier`: see its initializer.
    public struct SigningChain: Sendable {
        /// The IBM Z signing key's certificate and its intermediate CAs.
        public var certificates: [HostKeyVerifier.File]
        /// CRLs the caller already has; CRLs are still fetched unless `offline` (a local one may be old).
        public var crls: [HostKeyVerifier.File]
        /// The trust anchors; nil means the system's trust store.
        public var rootCA: HostKeyVerifier.File?
        /// Never download a CRL: only the given ones count.
        public var offline: Bool
        /// Where downloaded CRLs come from (`HTTPCRLFetcher`, or a cache or stub of the caller's).
        public var fetcher: any CRLFetching
        /// The verification time in Unix seconds; nil means now.
        public var time: Int?

        /// Nothing is read or fetched until `verify`.
        public init(certificates: [HostKeyVerifier.File], crls: [HostKeyVerifier.File] = [], rootCA: HostKeyVerifier.File? = nil,
                    offline: Bool, fetcher: any CRLFetching, time: Int? = nil) {
            self.certificates = certificates
            self.crls = crls
            self.rootCA = rootCA
            self.offline = offline
            self.fetcher = fetcher
            self.time = time
        }

        func verify(_ documents: [HostKeyDocument]) throws(AttestationError) {
            let verifier: HostKeyVerifier
            do throws(HostKeyVerificationError) {
                verifier = try HostKeyVerifier(certificates: certificates, crls: crls, rootCA: rootCA, offline: offline,
                                               fetcher: fetcher, time: time)
            } catch {
                throw Self.notVerified(error)
            }
            _ = try Parallel.map(documents) { (document) throws(AttestationError) in
                let certificate = try document.certificate
                do throws(HostKeyVerificationError) {
                    try verifier.verify(certificate, path: document.name)
                } catch {
                    throw Self.notVerified(error)
                }
            }
        }

        private static func notVerified(_ error: HostKeyVerificationError) -> AttestationError {
            AttestationError(.hostKeyNotVerified(error), error.message, underlying: error.underlying)
        }
    }
}
