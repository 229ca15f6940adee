/// Decides whether IBM issued a host-key document and has not revoked it, with pvattest's rules
/// (docs/formats.md §12), so that a request is never encrypted to a host key from a fake host.
///
/// Built once per run: loads the trust anchors and CRLs, picks the IBM Z signing key among the
/// given certificates (`SigningKeySubjectRule`) and verifies its chain (`SigningChainRule`).
/// `verify(_:path:)` then holds each document to the document rules, in order; an error names
/// the `HostKeyRule` that failed. `verify` only reads the OpenSSL objects it holds and shares
/// CRL downloads behind a lock, so one verifier checks many host-key documents in parallel.
public final class HostKeyVerifier: Sendable {
    /// The contents of one input file, with the name errors should show.
    public struct File: Sendable {
        /// How errors name the input (a path, or any label the caller chooses).
        public let path: String
        /// The input's contents: PEM or DER.
        public let bytes: [UInt8]

        /// The verifier reads no file itself: the caller reads it and names it.
        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// The signing key, once its chain verified.
    public let signingKey: VerifiedSigningKey
    /// The rules each document is held to, in order.
    public let documentRules: [any HostKeyDocumentRule]

    /// - Parameters:
    ///   - certificates: the IBM Z signing key and its intermediate CA(s); CRLs inside these
    ///     files are used too.
    ///   - crls: CRL files (PEM with any number of CRLs, or one DER CRL).
    ///   - rootCA: every certificate in it is a trust anchor, CRLs in it are used; nil means the
    ///     system trust store.
    ///   - offline: never download; otherwise, as pvattest does, CRLs are also fetched from
    ///     distribution points even when a local one exists (which may be older and miss a
    ///     revocation); a failed download matters only when no usable CRL is at hand. Unlike
    ///     pvattest, only URLs named by something already verified are contacted: the given
    ///     certificates in the signing key's chain once it verifies without CRLs, and each
    ///     host-key document once its signature verifies. A stray certificate in the list, or a
    ///     forged document, never makes se-attest contact a URL it names.
    ///   - fetcher: where downloaded CRLs come from (the network in the tool).
    ///   - time: the verification time in Unix seconds; nil means now (tests fix it).
    ///   - documentRules: what `verify` holds each document to, in order.
    public init(certificates: [File], crls: [File] = [], rootCA: File? = nil, offline: Bool,
                fetcher: any CRLFetching, time: Int? = nil,
                documentRules: [any HostKeyDocumentRule] = HostKeyDocumentRules.pvattest) throws(HostKeyVerificationError) {
        self.documentRules = documentRules
        let downloads = CRLDownloads(fetcher: fetcher)

        var anchors: [Certificate] = []
        var localCRLs: [CertificateRevocationList] = []
        if let rootCA {
            do {
                anchors = try Certificate.loadAll(from: rootCA.bytes)
            } catch {
                throw HostKeyVerificationError(.unreadableRootCA, path: rootCA.path,
                    .text("cannot load the root CA certificate from '\(rootCA.path)': \(error.message)"), underlying: error.underlying)
            }
            localCRLs += CertificateRevocationList.embedded(in: rootCA.bytes)
        }
        for file in crls {
            do {
                localCRLs += try CertificateRevocationList.loadAll(from: file.bytes)
            } catch {
                throw HostKeyVerificationError(.unreadableCRL, path: file.path,
                    .text("cannot load a CRL from '\(file.path)': \(error.message)"), underlying: error.underlying)
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
                    .text("cannot load a certificate from '\(file.path)': \(error.message)"), underlying: error.underlying)
            }
        }

        let (chosen, intermediates) = try SigningKeySubjectRule.select(from: given)
        let chain = SigningChainRule(signingKey: chosen, intermediates: intermediates, anchors: anchors,
                                     rootCAPath: rootCA?.path, offline: offline, time: time)

        var downloadNotes: [String] = []
        if !offline {
            for certificate in try chain.verify(crls: nil) {
                localCRLs += downloads.crls(for: certificate, notes: &downloadNotes)
            }
        }

        try chain.verify(crls: localCRLs, downloadNotes: downloadNotes)

        var found: [CertificateRevocationList] = []
        if let subject = chosen.certificate.subjectName {
            for name in X509Name.signingKeyCRLIssuers(of: subject) {
                found = localCRLs.filter { $0.hasIssuer(name.name) }
                if !found.isEmpty { break }
            }
        }
        signingKey = VerifiedSigningKey(certificate: chosen.certificate, path: chosen.path, time: time, offline: offline,
                                        crls: found, downloads: downloads)
    }

    /// Holds one host-key document to the document rules; throws naming `path` and the rule at
    /// the first that fails.
    public func verify(_ document: Certificate, path: String) throws(HostKeyVerificationError) {
        for rule in documentRules {
            try rule.check(document, path: path, signedBy: signingKey)
        }
    }
}
