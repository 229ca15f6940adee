internal import CSEOpenSSL
internal import CSEOpenSSLShims
public import SECore

/// An EC P-521 key pair: the ephemeral customer key of a request, or (simulator, tests) a
/// host key. The scalar stays inside OpenSSL; only the derived exchange key comes out.
public final class P521PrivateKey: @unchecked Sendable {
    /// Owned EVP_PKEY holding the key pair; immutable, so sharing is safe.
    let pkey: OpaquePointer
    public let publicKey: P521PublicKey

    private init(adopting pkey: OpaquePointer) throws(CryptoError) {
        self.pkey = pkey
        do {
            try P521.requireP521(pkey)
            // A public-only copy, so the public key object never carries the scalar. OpenSSL
            // checked the point is on the curve when it made or imported it; P-521 has cofactor
            // 1, so the full check of P521PublicKey(coordinateBlock:) would add nothing.
            let point = try P521.uncompressedPoint(of: pkey)
            let publicOnly = try P521.importKey(publicPoint: point, nativeScalar: nil)
            defer { EVP_PKEY_free(publicOnly) }
            publicKey = try P521PublicKey(evpPKey: publicOnly, encodedPoint: point)
        } catch {
            EVP_PKEY_free(pkey)
            throw error
        }
    }

    /// A fresh key pair from OpenSSL's CSPRNG: every request needs a new customer key (docs/formats.md §2.6).
    public convenience init() throws(CryptoError) {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else { throw .openssl("cannot create an EC key context") }
        defer { EVP_PKEY_CTX_free(context) }
        var pkey: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1,
              EVP_PKEY_CTX_set_group_name(context, P521.groupName) == 1,
              EVP_PKEY_generate(context, &pkey) == 1, let pkey
        else { throw .openssl("cannot generate an EC P-521 key") }
        try self.init(adopting: pkey)
    }

    /// The 80-byte form of `pv/keys/private_cust.bin`: the scalar big-endian, left-padded with zeros.
    public convenience init(paddedScalar: SecretBytes) throws(CryptoError) {
        let padding = P521PublicKey.coordinateSize - P521PublicKey.fieldSize
        let valid = paddedScalar.count == P521PublicKey.coordinateSize
            && paddedScalar.withUnsafeBytes { $0.prefix(padding).allSatisfy { $0 == 0 } }
        guard valid else {
            throw CryptoError(.invalidKey, "a padded P-521 private key must be \(P521PublicKey.coordinateSize) bytes starting with \(padding) zero bytes")
        }
        try self.init(adopting: Self.importScalar(paddedScalar))
    }

    /// A PEM ("EC PRIVATE KEY" or PKCS#8 "PRIVATE KEY") or DER private key, unencrypted.
    public convenience init(encoded bytes: [UInt8]) throws(CryptoError) {
        let pkey = PrivateKeyDecoding.decode(bytes)
        guard let pkey else { throw .openssl(.decodingFailed, "is not an unencrypted PEM or DER private key") }
        try self.init(adopting: pkey)
    }

    deinit { EVP_PKEY_free(pkey) }

    /// The key both sides of a key slot derive (docs/formats.md §2.3): SHA-256(ECDH X coordinate (66 bytes) ‖ 00000001).
    public func exchangeKey(with peer: P521PublicKey) throws(CryptoError) -> SecretBytes {
        try P521.checkPointOnCurve(coordinateBlock: peer.coordinateBlock)
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { throw .openssl("cannot create an ECDH context") }
        defer { EVP_PKEY_CTX_free(context) }
        var length = 0
        // The peer was checked above; OpenSSL's own peer validation would add a full public-key
        // check, one more P-521 scalar multiplication per host key for nothing (cofactor 1).
        guard EVP_PKEY_derive_init(context) == 1,
              EVP_PKEY_derive_set_peer_ex(context, peer.pkey, 0) == 1,
              EVP_PKEY_derive(context, nil, &length) == 1,
              length == P521PublicKey.fieldSize
        else { throw .openssl("cannot derive the ECDH shared secret") }
        let shared = SecretBytes(count: length)
        let derived = shared.withUnsafeMutableBytes { raw in
            EVP_PKEY_derive(context, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
        }
        guard derived == 1, length == P521PublicKey.fieldSize else { throw .openssl("cannot derive the ECDH shared secret") }
        return try SHA256.secretHash(shared, [0, 0, 0, 1] as [UInt8])
    }

    /// Imports a padded big-endian scalar, computing its public point (OpenSSL 3.0 does not).
    private static func importScalar(_ padded: SecretBytes) throws(CryptoError) -> OpaquePointer {
        guard let scalar = BN_secure_new() else { throw .openssl("cannot allocate a BIGNUM") }
        defer { BN_clear_free(scalar) }
        guard padded.withUnsafeBytes({ raw in
            BN_bin2bn(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(raw.count), scalar)
        }) != nil else { throw .openssl("cannot read the private key") }

        guard let group = EC_GROUP_new_by_curve_name(NID_secp521r1) else { throw .openssl("cannot create the P-521 group") }
        defer { EC_GROUP_free(group) }
        guard let order = EC_GROUP_get0_order(group) else { throw .openssl("cannot read the P-521 order") }
        guard BN_is_zero(scalar) == 0, BN_cmp(scalar, order) < 0 else {
            throw CryptoError(.invalidKey, "is not a valid P-521 private key (out of range)")
        }

        guard let point = EC_POINT_new(group) else { throw .openssl("cannot allocate an EC point") }
        defer { EC_POINT_free(point) }
        var encodedPoint = [UInt8](repeating: 0, count: P521.uncompressedPointSize)
        guard EC_POINT_mul(group, point, scalar, nil, nil, nil) == 1,
              EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, &encodedPoint, encodedPoint.count, nil) == encodedPoint.count
        else { throw .openssl("cannot compute the public key") }

        let nativeScalar = SecretBytes(count: P521PublicKey.fieldSize)
        guard nativeScalar.withUnsafeMutableBytes({ raw in
            BN_bn2nativepad(scalar, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(raw.count))
        }) == Int32(P521PublicKey.fieldSize) else { throw .openssl("cannot encode the private key") }
        return try P521.importKey(publicPoint: encodedPoint, nativeScalar: nativeScalar)
    }
}
