internal import CSEOpenSSL
internal import CSEOpenSSLShims

/// Decides whether IBM issued a host-key document and has not revoked it, with pvattest's rules
/// (FORMATS.md §12), so that `create` never encrypts a request to a host key from a fake host.
///
/// Built once per run: loads the trust anchors and CRLs, picks the IBM Z signing key among the
/// `--cert` certificates and verifies its chain. `verify(_:path:)` then checks each document.
/// `verify` only reads the OpenSSL objects it holds and shares CRL downloads behind a lock, so
/// one verifier checks many host-key documents in parallel.
public final class HostKeyVerifier: @unchecked Sendable {
    /// The contents of one file from the command line, with the name errors should show.
    public struct File: Sendable {
        public let path: String
        public let bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// pvattest's minimum: OpenSSL security level 2.
    static let minimumSecurityBits = 112

    private let signingKey: Certificate
    private let signingKeyPath: String
    /// CRLs issued under the signing key's name (or one of IBM's variants of it), unfiltered.
    private let signingKeyCRLs: [CertificateRevocationList]
    private let offline: Bool
    private let downloads: CRLDownloads
    private let time: Int?

    /// - Parameters:
    ///   - certificates: the `--cert` files: the IBM Z signing key and its intermediate CA(s);
    ///     CRLs inside them are used too.
    ///   - crls: the `--crl` files (PEM with any number of CRLs, or one DER CRL).
    ///   - rootCA: the `--root-ca` file (every certificate in it is a trust anchor, CRLs in it are
    ///     used); nil means the system trust store.
    ///   - offline: never download; otherwise, as pvattest does, CRLs are also fetched from
    ///     distribution points even when a local one exists (which may be older and miss a
    ///     revocation); a failed download matters only when no usable CRL is at hand. Unlike
    ///     pvattest, only URLs named by something already verified are contacted: the `--cert`
    ///     certificates in the signing key's chain once it verifies without CRLs, and each
    ///     host-key document once its signature verifies. A stray certificate in the list, or a
    ///     forged document, never makes se-attest contact a URL it names.
    ///   - fetcher: where downloaded CRLs come from (the network in the tool).
    ///   - time: the verification time in Unix seconds; nil means now (tests fix it).
    public init(certificates: [File], crls: [File] = [], rootCA: File? = nil, offline: Bool,
                fetcher: any CRLFetching, time: Int? = nil) throws(HostKeyVerificationError) {
        self.offline = offline
        downloads = CRLDownloads(fetcher: fetcher)
        self.time = time

        var anchors: [Certificate] = []
        var localCRLs: [CertificateRevocationList] = []
        if let rootCA {
            do {
                anchors = try Certificate.loadAll(from: rootCA.bytes)
            } catch {
                throw HostKeyVerificationError(.unreadableRootCA, path: rootCA.path,
                    "cannot load the root CA certificate from '\(rootCA.path)': \(error.message)", underlying: error.underlying)
            }
            localCRLs += CertificateRevocationList.embedded(in: rootCA.bytes)
        }
        for file in crls {
            do {
                localCRLs += try CertificateRevocationList.loadAll(from: file.bytes)
            } catch {
                throw HostKeyVerificationError(.unreadableCRL, path: file.path,
                    "cannot load a CRL from '\(file.path)': \(error.message)", underlying: error.underlying)
            }
        }
        var given: [(certificate: Certificate, path: String)] = []
        for file in certificates {
            let embedded = CertificateRevocationList.embedded(in: file.bytes)
            localCRLs += embedded
            do {
                given += try Certificate.loadAll(from: file.bytes).map { ($0, file.path) }
            } catch where !embedded.isEmpty {
                continue   // a CRL-only PEM file: no certificates, as for pvattest
            } catch {
                throw HostKeyVerificationError(.unreadableCertificate, path: file.path,
                    "cannot load a certificate from '\(file.path)': \(error.message)", underlying: error.underlying)
            }
        }

        let signing = given.filter { $0.certificate.isIBMZSigningKey }
        guard let chosen = signing.first else {
            throw HostKeyVerificationError(.noSigningKey, path: nil,
                "specify one IBM Z signing key: none of the --cert certificates has its subject "
                + "(C=US, ST=New York, L=Poughkeepsie or Armonk, O and CN=International Business Machines "
                + "Corporation, OU ending in 'Key Signing Service')")
        }
        guard signing.count == 1 else {
            var paths: [String] = []
            for entry in signing where !paths.contains(entry.path) { paths.append(entry.path) }
            throw HostKeyVerificationError(.severalSigningKeys, path: signing[1].path,
                "specify only one IBM Z signing key (\(signing.count) given, in "
                + paths.map { "'\($0)'" }.joined(separator: ", ") + ")")
        }
        signingKey = chosen.certificate
        signingKeyPath = chosen.path
        let intermediates = given.filter { !$0.certificate.isSame(as: chosen.certificate) }

        var downloadNotes: [String] = []
        if !offline {
            let chain = try Self.verifyChain(signingKey: chosen, intermediates: intermediates, anchors: anchors,
                                             rootCAPath: rootCA?.path, crls: nil, offline: offline,
                                             downloadNotes: [], time: time)
            for certificate in chain {
                localCRLs += downloads.crls(for: certificate, notes: &downloadNotes)
            }
        }

        try Self.verifyChain(signingKey: chosen, intermediates: intermediates, anchors: anchors,
                             rootCAPath: rootCA?.path, crls: localCRLs, offline: offline,
                             downloadNotes: downloadNotes, time: time)

        var found: [CertificateRevocationList] = []
        if let subject = chosen.certificate.subjectName {
            for name in X509Name.signingKeyCRLIssuers(of: subject) {
                found = localCRLs.filter { $0.hasIssuer(name.name) }
                if !found.isEmpty { break }
            }
        }
        signingKeyCRLs = found
    }

    /// Checks one host-key document; throws naming `path` at the first failing check.
    public func verify(_ document: Certificate, path: String) throws(HostKeyVerificationError) {
        func failure(_ reason: HostKeyVerificationError.Reason, _ text: String, _ underlying: [String] = []) -> HostKeyVerificationError {
            HostKeyVerificationError(reason, path: path, "host-key document '\(path)': \(text)", underlying: underlying)
        }
        let bits = document.securityBits
        guard bits >= Self.minimumSecurityBits else {
            throw failure(.weakKey, "its key has \(bits) bits of security, \(Self.minimumSecurityBits) are needed")
        }
        switch document.validity(at: time) {
        case .before: throw failure(.notYetValid, "not valid before \(document.notBefore)")
        case .after: throw failure(.expired, "expired on \(document.notAfter)")
        case .within: break
        }
        guard document.authorityKeyIdentifierMatches(signingKey) else {
            throw failure(.authorityKeyIdentifierMismatch,
                          "its authority key identifier does not name the IBM Z signing key '\(signingKeyPath)'")
        }
        guard document.isSigned(by: signingKey) else {
            throw failure(.badSignature, "not signed by the IBM Z signing key '\(signingKeyPath)'")
        }
        var notes: [String] = []
        let downloaded = offline ? [] : downloads.crls(for: document, notes: &notes)
        let crls = (signingKeyCRLs + downloaded).filter { $0.isCurrent(at: time) && $0.isSigned(by: signingKey) }
        guard !crls.isEmpty else {
            let how = offline ? "give it with --crl" : "none could be downloaded; give it with --crl"
            throw failure(.noValidCRL, "no valid CRL of the IBM Z signing key '\(signingKeyPath)' (\(how))", notes)
        }
        if let serial = document.serialNumber, crls.contains(where: { $0.lists(serial: serial) }) {
            throw failure(.revoked, "revoked by the IBM Z signing key's CRL")
        }
        do {
            _ = try document.publicKey()
        } catch {
            throw failure(.notP521, "its key is \(document.publicKeyDescription), but the Ultravisor needs EC P-521",
                          error.underlying)
        }
    }

    // MARK: - The signing key's chain

    /// Verifies the signing key's chain, with revocation checks against `crls`, or none when nil
    /// (to learn which chain is built before any CRL is fetched). Returns the `--cert`
    /// certificates that are part of the chain, in chain order (signing key first).
    @discardableResult
    private static func verifyChain(signingKey: (certificate: Certificate, path: String),
                                    intermediates: [(certificate: Certificate, path: String)],
                                    anchors: [Certificate], rootCAPath: String?,
                                    crls: [CertificateRevocationList]?, offline: Bool,
                                    downloadNotes: [String], time: Int?) throws(HostKeyVerificationError) -> [Certificate] {
        func internalFailure(_ what: String) -> HostKeyVerificationError {
            let error = CryptoError.openssl(.openssl, what)
            return HostKeyVerificationError(.chainNotVerified(openSSLError: X509_V_ERR_UNSPECIFIED, level: 0),
                path: signingKey.path, "IBM Z signing key '\(signingKey.path)' could not be verified: \(what)",
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
        let reason = plainReason(code, offline: offline, systemStore: anchors.isEmpty, certificate: known)
        let openSSL = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
        throw HostKeyVerificationError(.chainNotVerified(openSSLError: code, level: level), path: path,
            "IBM Z signing key '\(signingKey.path)' could not be verified\(location) (chain level \(level)): \(reason)",
            underlying: ["OpenSSL verify error \(code) at depth \(level): \(openSSL)"] + downloadNotes)
    }

    /// OpenSSL's verify errors in the words of this domain.
    private static func plainReason(_ code: Int32, offline: Bool, systemStore: Bool, certificate: Certificate?) -> String {
        switch code {
        case X509_V_ERR_UNABLE_TO_GET_CRL:
            return offline ? "no CRL of its issuer was given (use --crl)"
                : "no CRL of its issuer was given or could be downloaded (use --crl)"
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
            return "its issuer is neither among the --cert certificates nor a trusted root CA"
                + (systemStore ? " (the system trust store was used; give the root CA with --root-ca)" : "")
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
