internal import CSEOpenSSL
internal import CSEOpenSSLShims

/// The signing key's chain as OpenSSL verifies it with pvattest's settings: X.509 strict, CRL
/// check of every link (once CRLs are at hand), trusted-first, self-signature checks, at most
/// two intermediates, security level 2, the given root CAs (or the system trust store) as
/// anchors; and pvattest's extra rule that a trust anchor stands above the signing key.
struct SigningChainRule {
    let signingKey: (certificate: Certificate, path: String)
    let intermediates: [(certificate: Certificate, path: String)]
    let anchors: [Certificate]
    let rootCAPath: String?
    let offline: Bool
    let time: Int?

    /// Verifies the signing key's chain, with revocation checks against `crls`, or none when nil
    /// (to learn which chain is built before any CRL is fetched). Returns the given
    /// certificates that are part of the chain, in chain order (signing key first).
    @discardableResult
    func verify(crls: [CertificateRevocationList]?, downloadNotes: [String] = []) throws(HostKeyVerificationError) -> [Certificate] {
        func internalFailure(_ what: String) -> HostKeyVerificationError {
            let error = CryptoError.openssl(.openssl, what)
            return HostKeyVerificationError(.chainNotVerified(openSSLError: X509_V_ERR_UNSPECIFIED, level: 0),
                path: signingKey.path, .text("IBM Z signing key '\(signingKey.path)' could not be verified: \(what)"),
                underlying: error.underlying)
        }
        guard let store = X509_STORE_new() else { throw internalFailure("out of memory") }
        defer { X509_STORE_free(store) }
        if anchors.isEmpty {
            guard X509_STORE_set_default_paths(store) == 1 else { throw internalFailure("cannot load the system trust store") }
        }
        // Since OpenSSL 1.1.1 adding what the store already holds succeeds: 0 is a real failure.
        for anchor in anchors where X509_STORE_add_cert(store, anchor.x509) != 1 {
            throw internalFailure("cannot add a root CA certificate to the certificate store")
        }
        for crl in crls ?? [] where X509_STORE_add_crl(store, crl.crl) != 1 {
            throw internalFailure("cannot add a CRL to the certificate store")
        }

        guard let untrusted = cse_sk_X509_new_null() else { throw internalFailure("out of memory") }
        defer { cse_sk_X509_free(untrusted) }
        for intermediate in intermediates {
            guard cse_sk_X509_push(untrusted, intermediate.certificate.x509) > 0 else { throw internalFailure("out of memory") }
        }
        guard let context = X509_STORE_CTX_new() else { throw internalFailure("out of memory") }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, signingKey.certificate.x509, untrusted) == 1,
              let parameters = X509_STORE_CTX_get0_param(context) else {
            throw internalFailure("cannot set up certificate verification")
        }
        let revocation = crls == nil ? 0 : X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL
        let flags = X509_V_FLAG_X509_STRICT | revocation
            | X509_V_FLAG_TRUSTED_FIRST | X509_V_FLAG_CHECK_SS_SIGNATURE | X509_V_FLAG_POLICY_CHECK
        guard X509_VERIFY_PARAM_set_flags(parameters, UInt(flags)) == 1 else {
            throw internalFailure("cannot set the verification flags")
        }
        X509_VERIFY_PARAM_set_depth(parameters, 2)
        X509_VERIFY_PARAM_set_auth_level(parameters, 2)
        guard X509_VERIFY_PARAM_set_purpose(parameters, X509_PURPOSE_ANY) == 1 else {
            throw internalFailure("cannot set the verification purpose")
        }
        if let time { X509_VERIFY_PARAM_set_time(parameters, time_t(time)) }

        let verified = X509_verify_cert(context) == 1
        ERR_clear_error()
        var code = X509_STORE_CTX_get_error(context)
        var level = Int(X509_STORE_CTX_get_error_depth(context))
        var failing = X509_STORE_CTX_get_current_cert(context)
        if verified {
            // pvattest's extra rule: a trust anchor above the signing key, never the key alone.
            if let chain = X509_STORE_CTX_get0_chain(context), cse_sk_X509_num(chain) >= 2 {
                let given = [signingKey] + intermediates
                return (0..<cse_sk_X509_num(chain)).compactMap { index in
                    let link = cse_sk_X509_value(chain, index)
                    return given.first { X509_cmp($0.certificate.x509, link) == 0 }?.certificate
                }
            }
            code = X509_V_ERR_APPLICATION_VERIFICATION
            level = 0
            failing = nil
        }

        let isSigningKey = failing.map { X509_cmp($0, signingKey.certificate.x509) == 0 } ?? true
        var known: Certificate? = signingKey.certificate
        var location = ""
        var path = signingKey.path
        if !isSigningKey, let failing {
            known = nil
            if let intermediate = intermediates.first(where: { X509_cmp($0.certificate.x509, failing) == 0 }) {
                location = ": intermediate CA '\(intermediate.path)'"
                path = intermediate.path
                known = intermediate.certificate
            } else if let anchor = anchors.first(where: { X509_cmp($0.x509, failing) == 0 }), let rootCAPath {
                location = ": root CA '\(rootCAPath)'"
                path = rootCAPath
                known = anchor
            } else {
                location = ": certificate '\(X509Name.text(X509_get_subject_name(failing)))'"
            }
        }
        let failure = Self.failure(code, offline: offline, systemStore: anchors.isEmpty, certificate: known)
        let openSSL = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
        throw HostKeyVerificationError(.chainNotVerified(openSSLError: code, level: level), path: path,
            .chain(signingKey: signingKey.path, location: location, level: level, failure: failure),
            underlying: ["OpenSSL verify error \(code) at depth \(level): \(openSSL)"] + downloadNotes)
    }

    /// OpenSSL's verify errors in the words of this domain.
    private static func failure(_ code: Int32, offline: Bool, systemStore: Bool,
                                certificate: Certificate?) -> HostKeyVerificationError.ChainFailure {
        switch code {
        case X509_V_ERR_UNABLE_TO_GET_CRL: .noIssuerCRL(downloadTried: !offline)
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: .unknownIssuer(systemTrustStore: systemStore)
        default: .text(text(code, certificate: certificate))
        }
    }

    /// The other verify errors: words that depend on no input wording.
    private static func text(_ code: Int32, certificate: Certificate?) -> String {
        switch code {
        case X509_V_ERR_CERT_REVOKED: return "revoked by its issuer's CRL"
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return "expired" + (certificate.map { " on \($0.notAfter)" } ?? "")
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return "not valid before" + (certificate.map { " \($0.notBefore)" } ?? " its validity period")
        case X509_V_ERR_CRL_HAS_EXPIRED: return "its issuer's CRL is out of date"
        case X509_V_ERR_CRL_NOT_YET_VALID: return "its issuer's CRL is not valid yet"
        case X509_V_ERR_AKID_SKID_MISMATCH, X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH:
            return "its authority key identifier does not match its issuer's key"
        case X509_V_ERR_CERT_SIGNATURE_FAILURE, X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
            return "its signature does not verify with its issuer's key"
        case X509_V_ERR_CRL_SIGNATURE_FAILURE, X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE:
            return "its issuer's CRL has a bad signature"
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
            return "it is self-signed but not a trusted root CA"
        case X509_V_ERR_CERT_CHAIN_TOO_LONG:
            return "the chain is longer than root CA, two intermediate CAs and the signing key"
        case X509_V_ERR_EE_KEY_TOO_SMALL, X509_V_ERR_CA_KEY_TOO_SMALL, X509_V_ERR_CA_MD_TOO_WEAK:
            return "its key or signature has fewer than 112 bits of security"
        case X509_V_ERR_INVALID_CA: return "it issued a certificate but is not a valid CA certificate"
        case X509_V_ERR_APPLICATION_VERIFICATION:
            return "it is itself a trust anchor; a root CA and an intermediate CA must vouch for it"
        default:
            return X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "OpenSSL verify error \(code)"
        }
    }
}
