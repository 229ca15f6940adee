internal import CSEOpenSSL
internal import CSEOpenSSLShims
import SECore

/// OpenSSL plumbing shared by the P-521 key types.
enum P521 {
    static let groupName = "P-521"
    /// 04 ‖ X(66) ‖ Y(66): the SEC1 uncompressed point OpenSSL imports.
    static let uncompressedPointSize = 1 + 2 * P521PublicKey.fieldSize

    /// Rejects every key that is not EC on the P-521 curve, naming what it is instead.
    static func requireP521(_ pkey: OpaquePointer) throws(CryptoError) {
        guard EVP_PKEY_is_a(pkey, "EC") == 1, curve(of: pkey) == NID_secp521r1 else {
            throw CryptoError(.invalidKey, "is not an EC P-521 key (found \(describe(pkey)))")
        }
    }

    /// "RSA 4096-bit", "EC P-256", ...: enough for a user to see which key was given by mistake.
    static func describe(_ pkey: OpaquePointer) -> String {
        let type = EVP_PKEY_get0_type_name(pkey).map { String(cString: $0) } ?? "unknown key type"
        guard let nid = curve(of: pkey) else { return "\(type) \(EVP_PKEY_get_bits(pkey))-bit" }
        let name = EC_curve_nid2nist(nid) ?? OBJ_nid2sn(nid)
        return "\(type) \(name.map { String(cString: $0) } ?? "unknown curve")"
    }

    /// The curve's NID; OpenSSL names groups by their SEC name ("secp521r1"), not the NIST one.
    private static func curve(of pkey: OpaquePointer) -> Int32? {
        guard let name = groupName(of: pkey) else { return nil }
        let nid = OBJ_sn2nid(name)
        return nid != NID_undef ? nid : EC_curve_nist2nid(name)
    }

    private static func groupName(of pkey: OpaquePointer) -> String? {
        var name = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_group_name(pkey, &name, name.count, &length) == 1, length < name.count else {
            ERR_clear_error()
            return nil
        }
        return String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The 160-byte coordinate block (docs/formats.md §2.1) of an EC key's public point.
    static func coordinateBlock(of pkey: OpaquePointer) throws(CryptoError) -> [UInt8] {
        var block: [UInt8] = []
        block.reserveCapacity(P521PublicKey.coordinateBlockSize)
        for parameter in [OSSL_PKEY_PARAM_EC_PUB_X, OSSL_PKEY_PARAM_EC_PUB_Y] {
            var number: OpaquePointer?
            guard EVP_PKEY_get_bn_param(pkey, parameter, &number) == 1, let number else {
                throw .openssl("cannot read the EC public point")
            }
            defer { BN_free(number) }
            var coordinate = [UInt8](repeating: 0, count: P521PublicKey.coordinateSize)
            guard BN_bn2binpad(number, &coordinate, Int32(coordinate.count)) == Int32(coordinate.count) else {
                throw .openssl("the EC public point does not fit the coordinate block")
            }
            block += coordinate
        }
        return block
    }

    /// The coordinate block of a SEC1 uncompressed point (04 ‖ X ‖ Y), nil for any other encoding.
    static func coordinateBlock(uncompressedPoint point: [UInt8]) -> [UInt8]? {
        guard point.count == uncompressedPointSize, point.first == 0x04 else { return nil }
        let padding = [UInt8](repeating: 0, count: P521PublicKey.coordinateSize - P521PublicKey.fieldSize)
        let x = point[1...P521PublicKey.fieldSize], y = point[(1 + P521PublicKey.fieldSize)...]
        return padding + x + padding + y
    }

    /// The SEC1 uncompressed point of a coordinate block whose padding is zero.
    static func uncompressedPoint(coordinateBlock block: [UInt8]) -> [UInt8] {
        let padding = P521PublicKey.coordinateSize - P521PublicKey.fieldSize
        return [0x04] + block[padding..<P521PublicKey.coordinateSize] + block[(P521PublicKey.coordinateSize + padding)...]
    }

    /// An EC key's public point, uncompressed: in one call to OpenSSL (one field inversion, where
    /// reading X and Y as numbers costs one each), from the coordinates if the key prefers
    /// another form.
    static func uncompressedPoint(of pkey: OpaquePointer) throws(CryptoError) -> [UInt8] {
        var point = [UInt8](repeating: 0, count: uncompressedPointSize)
        var length = 0
        if EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, &point, point.count, &length) == 1,
           coordinateBlock(uncompressedPoint: Array(point.prefix(length))) != nil {
            return point
        }
        ERR_clear_error()
        return uncompressedPoint(coordinateBlock: try coordinateBlock(of: pkey))
    }

    /// Builds an EVP_PKEY from an uncompressed point and, for a key pair, the scalar as a
    /// native-endian 66-byte integer (OSSL_PARAM's BIGNUM encoding). Every string and buffer the
    /// OSSL_PARAM array points to is borrowed only inside this call.
    static func importKey(publicPoint: [UInt8], nativeScalar: SecretBytes?) throws(CryptoError) -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else { throw .openssl("cannot create an EC key context") }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_fromdata_init(context) == 1 else { throw .openssl("cannot initialise the EC key import") }
        var pkey: OpaquePointer?
        let selection = nativeScalar == nil ? cse_evp_pkey_public_key : cse_evp_pkey_keypair
        let result = OSSL_PKEY_PARAM_GROUP_NAME.withCString { groupKey in
            groupName.withCString { group in
                OSSL_PKEY_PARAM_PUB_KEY.withCString { pointKey in
                    OSSL_PKEY_PARAM_PRIV_KEY.withCString { scalarKey in
                        publicPoint.withUnsafeBytes { point in
                            (nativeScalar ?? SecretBytes(count: 0)).withUnsafeBytes { scalar in
                                var parameters = [
                                    OSSL_PARAM_construct_utf8_string(groupKey, UnsafeMutablePointer(mutating: group), 0),
                                    OSSL_PARAM_construct_octet_string(pointKey, UnsafeMutableRawPointer(mutating: point.baseAddress), point.count),
                                ]
                                if nativeScalar != nil {
                                    parameters.append(OSSL_PARAM_construct_BN(
                                        scalarKey, UnsafeMutablePointer(mutating: scalar.baseAddress?.assumingMemoryBound(to: UInt8.self)), scalar.count))
                                }
                                parameters.append(OSSL_PARAM_construct_end())
                                return EVP_PKEY_fromdata(context, &pkey, selection, &parameters)
                            }
                        }
                    }
                }
            }
        }
        guard result == 1, let pkey else { throw .openssl(.invalidKey, "is not a valid EC P-521 key") }
        return pkey
    }

    /// The P-521 group, made once and only read: checking a point against it needs no key
    /// context, whose creation costs ten times the check.
    nonisolated(unsafe) private static let group = EC_GROUP_new_by_curve_name(NID_secp521r1)

    /// The point of a coordinate block with zero padding (every P521PublicKey holds that of its
    /// own point) is on the P-521 curve, with coordinates below the field prime, and so not the
    /// identity. P-521 has cofactor 1, so every such point lies in the prime-order group: this
    /// is all an ECDH peer needs (no invalid-curve or small-subgroup point gets through),
    /// without the scalar multiplication of the full check.
    static func checkPointOnCurve(coordinateBlock block: [UInt8]) throws(CryptoError) {
        let failure = CryptoError(.invalidKey, "the EC public key is not a point on the P-521 curve")
        guard let group, let prime = EC_GROUP_get0_field(group), let point = EC_POINT_new(group) else {
            throw .openssl("cannot create the P-521 group")
        }
        defer { EC_POINT_free(point) }
        let padding = P521PublicKey.coordinateSize - P521PublicKey.fieldSize
        let coordinates = [0, P521PublicKey.coordinateSize].map { start in
            block[(start + padding)..<(start + P521PublicKey.coordinateSize)].withUnsafeBufferPointer {
                BN_bin2bn($0.baseAddress, Int32($0.count), nil)
            }
        }
        defer { coordinates.forEach { BN_free($0) } }
        guard let x = coordinates[0], let y = coordinates[1] else { throw .openssl("cannot allocate a BIGNUM") }
        guard BN_cmp(x, prime) < 0, BN_cmp(y, prime) < 0, EC_POINT_set_affine_coordinates(group, point, x, y, nil) == 1 else {
            ERR_clear_error()
            throw failure
        }
    }

    /// Full public-key validation (point on the curve, not the identity, correct order).
    static func checkPublicKey(_ pkey: OpaquePointer) throws(CryptoError) {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { throw .openssl("cannot create an EC key context") }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_public_check(context) == 1 else {
            throw .openssl(.invalidKey, "the EC public key is not a point on the P-521 curve")
        }
    }
}
