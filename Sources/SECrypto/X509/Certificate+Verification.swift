internal import CSEOpenSSL
internal import CSEOpenSSLShims

/// What host-key-document verification asks of a certificate.
extension Certificate {
    /// The URIs of the CRL distribution points, in certificate order (full names only).
    public var crlDistributionPoints: [String] {
        var crit: Int32 = 0
        guard let raw = X509_get_ext_d2i(x509, NID_crl_distribution_points, &crit, nil) else {
            ERR_clear_error()
            return []
        }
        let points = OpaquePointer(raw)
        defer { CRL_DIST_POINTS_free(points) }
        var uris: [String] = []
        for index in 0..<cse_sk_DIST_POINT_num(points) {
            guard let point = cse_sk_DIST_POINT_value(points, index),
                  let name = point.pointee.distpoint, name.pointee.type == 0,
                  let fullName = name.pointee.name.fullname else { continue }
            for nameIndex in 0..<cse_sk_GENERAL_NAME_num(fullName) {
                guard let general = cse_sk_GENERAL_NAME_value(fullName, nameIndex),
                      general.pointee.type == GEN_URI,
                      let uri = general.pointee.d.uniformResourceIdentifier else { continue }
                uris.append(String(decoding: X509Name.bytes(of: uri), as: UTF8.self))
            }
        }
        return uris
    }

    /// Whether the subject follows pvattest's rules for the IBM Z signing key.
    var isIBMZSigningKey: Bool {
        guard let subject = X509_get_subject_name(x509) else { return false }
        return X509Name.isIBMZSigningKeySubject(subject)
    }

    var subjectName: OpaquePointer? { X509_get_subject_name(x509) }

    /// The same certificate (DER-identical).
    func isSame(as other: Certificate) -> Bool { X509_cmp(x509, other.x509) == 0 }

    /// Bits of security of the public key (OpenSSL's estimate), 0 when unknown.
    var securityBits: Int {
        guard let key = X509_get0_pubkey(x509) else { return 0 }
        return Int(EVP_PKEY_get_security_bits(key))
    }

    /// "EC P-256", "RSA 2048-bit": for saying why a key is not usable.
    var publicKeyDescription: String {
        X509_get0_pubkey(x509).map(P521.describe) ?? "unreadable"
    }

    /// Where `time` (Unix seconds; nil = now) lies relative to [notBefore, notAfter).
    func validity(at time: Int?) -> ValidityPeriod.Position {
        ValidityPeriod.position(of: time, from: X509_get0_notBefore(x509), until: X509_get0_notAfter(x509))
    }

    /// False when the certificate carries an authority key identifier that does not name `issuer`;
    /// true when it matches or has none (real IBM host-key documents come without one).
    func authorityKeyIdentifierMatches(_ issuer: Certificate) -> Bool {
        var crit: Int32 = 0
        let raw = X509_get_ext_d2i(x509, NID_authority_key_identifier, &crit, nil)
        guard let raw else {
            ERR_clear_error()
            return crit == -1   // -1: absent; otherwise present but undecodable or repeated
        }
        let akid = raw.assumingMemoryBound(to: AUTHORITY_KEYID.self)
        defer { AUTHORITY_KEYID_free(akid) }
        return X509_check_akid(issuer.x509, akid) == X509_V_OK
    }

    /// Whether `issuer`'s public key verifies this certificate's signature.
    func isSigned(by issuer: Certificate) -> Bool {
        guard let key = X509_get0_pubkey(issuer.x509) else { ERR_clear_error(); return false }
        let result = X509_verify(x509, key)
        ERR_clear_error()
        return result == 1
    }

    var serialNumber: UnsafePointer<ASN1_INTEGER>? { X509_get0_serialNumber(x509) }
}

/// Comparing the verification time with certificate and CRL validity periods.
enum ValidityPeriod {
    enum Position { case before, within, after }

    /// `time` (Unix seconds, nil = now) against [start, end); an unreadable bound counts as outside.
    static func position(of time: Int?, from start: UnsafePointer<ASN1_TIME>?, until end: UnsafePointer<ASN1_TIME>?) -> Position {
        // X509_cmp_time: -1 when the bound is earlier than or equal to the time, 1 when later, 0 on error.
        guard let start, compare(start, with: time) == -1 else { return .before }
        guard let end, compare(end, with: time) == 1 else { return .after }
        return .within
    }

    private static func compare(_ bound: UnsafePointer<ASN1_TIME>, with time: Int?) -> Int32 {
        guard let time else { return X509_cmp_time(bound, nil) }
        var when = time_t(time)
        return X509_cmp_time(bound, &when)
    }
}
