internal import CSEOpenSSL
public import SECore

/// Where request secrets (ARPK, IV, measurement key, nonce) come from; tests inject fixed bytes
/// to reproduce golden requests, production uses `SystemRandomSource`.
public protocol RandomSource {
    /// Fills all of `buffer` or throws: a request must never carry predictable secrets.
    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError)
}

/// OpenSSL's CSPRNG (seeded from the operating system), as pvattest uses (docs/formats.md §2.6).
public struct SystemRandomSource: RandomSource, Sendable {
    /// Stateless: OpenSSL keeps the generator.
    public init() {}

    /// Throws when OpenSSL's generator fails (e.g. not seeded); never returns weak bytes.
    public func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        guard buffer.count > 0 else { return }
        guard let count = Int32(exactly: buffer.count),
              RAND_bytes(buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), count) == 1
        else { throw .openssl("the random number generator failed") }
    }
}

extension RandomSource {
    /// `count` random bytes held as a secret from the start.
    public func secret(count: Int) throws(CryptoError) -> SecretBytes {
        let secret = SecretBytes(count: count)
        try secret.withUnsafeMutableBytes { (raw) throws(CryptoError) in try fill(raw) }
        return secret
    }

    /// `count` random bytes that are public (the request IV).
    public func bytes(count: Int) throws(CryptoError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withMutableBytes { (raw) throws(CryptoError) in try fill(raw) }
        return bytes
    }
}
