internal import CSEOpenSSL

/// A certificate revocation list: how the IBM Z PKI withdraws a host key or a signing key before
/// its certificate expires.
///
/// Sendable because it is never modified after loading: one download serves host-key documents
/// checked in parallel (OpenSSL locks the one thing it does lazily, sorting the revoked list).
public final class CertificateRevocationList: @unchecked Sendable {
    /// Owned X509_CRL*; never modified after loading.
    let crl: OpaquePointer

    init(adopting crl: OpaquePointer) {
        self.crl = crl
    }

    deinit { X509_CRL_free(crl) }

    /// Every CRL in `bytes`: any number of PEM "X509 CRL" blocks (other blocks are skipped), or
    /// exactly one DER CRL. Zero CRLs is an error, so a file that is not a CRL is reported.
    public static func loadAll(from bytes: [UInt8]) throws(CryptoError) -> [CertificateRevocationList] {
        let pem = pemCRLs(in: bytes)
        if !pem.isEmpty { return pem }
        let der: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_X509_CRL(nil, &cursor, buffer.count)
        }
        guard let der else {
            throw .openssl(.decodingFailed, "not a CRL in PEM or DER format")
        }
        ERR_clear_error()
        return [CertificateRevocationList(adopting: der)]
    }

    /// The CRLs that travel inside a PEM certificate file (IBM ships chained files); none otherwise.
    public static func embedded(in bytes: [UInt8]) -> [CertificateRevocationList] {
        pemCRLs(in: bytes)
    }

    private static func pemCRLs(in bytes: [UInt8]) -> [CertificateRevocationList] {
        var crls: [CertificateRevocationList] = []
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0, raw.count <= Int(Int32.max),
                  let bio = BIO_new_mem_buf(base, Int32(raw.count)) else { return }
            defer { BIO_free(bio) }
            // PEM_read_bio_X509_CRL skips blocks of other types and stops at the end of the input.
            while let crl = PEM_read_bio_X509_CRL(bio, nil, nil, nil) {
                crls.append(CertificateRevocationList(adopting: crl))
            }
        }
        ERR_clear_error()
        return crls
    }

    /// True when `serial` is listed (a "remove from CRL" entry counts too, as in pvattest).
    func lists(serial: UnsafePointer<ASN1_INTEGER>) -> Bool {
        var entry: OpaquePointer?
        return X509_CRL_get0_by_serial(crl, &entry, serial) != 0
    }
}

/// The checks pvattest makes before it trusts a CRL.
extension CertificateRevocationList {
    /// Whether `time` (Unix seconds, nil = now) lies in [lastUpdate, nextUpdate); a CRL without
    /// nextUpdate never counts.
    func isCurrent(at time: Int?) -> Bool {
        guard let next = X509_CRL_get0_nextUpdate(crl) else { return false }
        return ValidityPeriod.position(of: time, from: X509_CRL_get0_lastUpdate(crl), until: next) == .within
    }

    /// Whether `issuer` made this CRL: its authority key identifier (when present) names the
    /// issuer's key and the signature verifies with it. Names are not compared.
    func isSigned(by issuer: Certificate) -> Bool {
        var crit: Int32 = 0
        if let raw = X509_CRL_get_ext_d2i(crl, NID_authority_key_identifier, &crit, nil) {
            let akid = raw.assumingMemoryBound(to: AUTHORITY_KEYID.self)
            defer { AUTHORITY_KEYID_free(akid) }
            guard X509_check_akid(issuer.x509, akid) == X509_V_OK else { return false }
        } else if crit != -1 {
            ERR_clear_error()
            return false
        }
        guard let key = X509_get0_pubkey(issuer.x509) else { ERR_clear_error(); return false }
        let result = X509_CRL_verify(crl, key)
        ERR_clear_error()
        return result == 1
    }

    /// Whether the CRL's issuer is `name` (OpenSSL's canonical comparison: RDN order matters).
    func hasIssuer(_ name: OpaquePointer?) -> Bool {
        guard let name, let issuer = X509_CRL_get_issuer(crl) else { return false }
        return X509_NAME_cmp(issuer, name) == 0
    }
}
