internal import CSEOpenSSL
internal import CSEOpenSSLShims
import SECore

/// An EC P-521 public key (host key or customer key), with the two encodings the Ultravisor
/// uses computed once: the 160-byte coordinate block (docs/formats.md §2.1) and its SHA-256, the phkh (docs/formats.md §2.2).
public final class P521PublicKey: @unchecked Sendable {
    /// Size of one coordinate field of the block: 80 bytes, of which a P-521 value uses 66.
    public static let coordinateSize = 80
    public static let coordinateBlockSize = 2 * coordinateSize
    /// Bytes of a P-521 field element (ceil(521 / 8)); the rest of each 80-byte field is zero.
    static let fieldSize = 66

    /// Owned EVP_PKEY (EC, P-521, public part at least); immutable, so sharing is safe.
    let pkey: OpaquePointer
    /// X ‖ Y, each big-endian and left-padded with zeros to 80 bytes.
    public let coordinateBlock: [UInt8]
    /// SHA-256 of `coordinateBlock`: how key slots, additional data and sysfs name a host key.
    public let phkh: [UInt8]

    /// Adopts a key from OpenSSL (taking a reference of its own); rejects anything but EC P-521.
    /// `encodedPoint` is the SEC1 encoding OpenSSL made the key from, when the caller has it: an
    /// uncompressed one gives the coordinate block without asking OpenSSL to compute it again.
    init(evpPKey: OpaquePointer, encodedPoint: [UInt8]? = nil) throws(CryptoError) {
        try P521.requireP521(evpPKey)
        guard EVP_PKEY_up_ref(evpPKey) == 1 else { throw .openssl("cannot reference the EC key") }
        pkey = evpPKey
        do {
            if let block = encodedPoint.flatMap(P521.coordinateBlock(uncompressedPoint:)) {
                coordinateBlock = block
            } else {
                coordinateBlock = try P521.coordinateBlock(of: evpPKey)
            }
            phkh = try SHA256.hash(coordinateBlock)
        } catch {
            EVP_PKEY_free(evpPKey)
            throw error
        }
    }

    /// Parses the Ultravisor's 160-byte form, as found in an ARCB, add-secret request or SE header.
    public convenience init(coordinateBlock block: [UInt8]) throws(CryptoError) {
        guard block.count == Self.coordinateBlockSize else {
            throw CryptoError(.invalidKey, "an EC public-key coordinate block must be \(Self.coordinateBlockSize) bytes (found \(block.count))")
        }
        let padding = Self.coordinateSize - Self.fieldSize
        let x = block[0..<Self.coordinateSize], y = block[Self.coordinateSize...]
        guard x.prefix(padding).allSatisfy({ $0 == 0 }), y.prefix(padding).allSatisfy({ $0 == 0 }) else {
            throw CryptoError(.invalidKey, "the EC public-key coordinate block does not hold P-521 coordinates (non-zero padding)")
        }
        try self.init(uncompressedPoint: P521.uncompressedPoint(coordinateBlock: block))
        try P521.checkPublicKey(pkey)
    }

    /// Imports a SEC1 uncompressed point (04 ‖ X ‖ Y); OpenSSL refuses one off the curve, as it
    /// does when it decodes the point from a certificate.
    convenience init(uncompressedPoint point: [UInt8]) throws(CryptoError) {
        let pkey = try P521.importKey(publicPoint: point, nativeScalar: nil)
        defer { EVP_PKEY_free(pkey) }
        try self.init(evpPKey: pkey, encodedPoint: point)
    }

    deinit { EVP_PKEY_free(pkey) }
}

extension P521PublicKey: Equatable {
    public static func == (lhs: P521PublicKey, rhs: P521PublicKey) -> Bool {
        lhs.coordinateBlock == rhs.coordinateBlock
    }
}
