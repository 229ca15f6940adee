import Foundation
public import SECrypto

/// A `--cert`/`--crl`/`--root-ca` file from the upstream fake IBM PKI (vectors/pv/cert).
public func pki(_ name: String) -> HostKeyVerifier.File {
    HostKeyVerifier.File(path: name, bytes: Fixture.bytes("pv/cert/" + name))
}

/// "Downloads" a CRL by reading the fixture named by the distribution point, as upstream's tests do.
public struct FixtureFetcher: CRLFetching {
    public init() {}

    public func fetch(_ url: String) throws(CryptoError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: Fixture.path("pv/cert/" + url)) else {
            throw CryptoError(.openssl, "no fixture \(url)")
        }
        return [UInt8](data)
    }
}

/// Refuses every download: for checking that a verifier made none.
public struct NoNetwork: CRLFetching {
    public init() {}

    public func fetch(_ url: String) throws(CryptoError) -> [UInt8] {
        throw CryptoError(.openssl, "unexpected download of \(url)")
    }
}

/// Files of the shared scripts/make-test-pki output, as verifier inputs.
extension TestPKI {
    public static func file(_ name: String) -> HostKeyVerifier.File {
        HostKeyVerifier.File(path: name, bytes: shared.bytes(name))
    }
}
