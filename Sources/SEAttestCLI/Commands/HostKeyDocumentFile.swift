import SECore
import SECrypto
import SENetwork

/// A host-key document given on the command line: its path (for messages) and its P-521 key.
struct HostKeyDocumentFile: Sendable {
    let path: String
    let certificate: Certificate
    let key: P521PublicKey
    /// The file held more than one certificate (the first is used, as pvattest does).
    let hasSeveralCertificates: Bool

    /// Reads the PEM or DER documents on all cores (one P-521 key check each), then reports
    /// them in command-line order.
    static func loadAll(_ paths: [String], diagnostics: Diagnostics) throws(CLIError) -> [HostKeyDocumentFile] {
        let documents = try Parallel.map(paths) { (path) throws(CLIError) in try load(path) }
        for document in documents {
            if document.hasSeveralCertificates {
                diagnostics.warning("the host-key document \(CLIError.quote(document.path)) contains more than one certificate; the first one is used")
            }
            diagnostics.info("Use host-key document at \(CLIError.quote(document.path))")
            diagnostics.debug("host-key document \(CLIError.quote(document.path)): host-key hash 0x\(Hex.encode(document.key.phkh))")
        }
        return documents
    }

    /// Refuses two documents with the same host key (the same file twice, or two certificates
    /// of one key): the request would carry two identical key slots, which only hides a mistake
    /// in the host list, and `check` could not name the one document that matches.
    static func requireDistinctKeys(_ documents: [HostKeyDocumentFile]) throws(CLIError) {
        var firstPath: [[UInt8]: String] = [:]
        for document in documents {
            guard let earlier = firstPath[document.key.phkh] else {
                firstPath[document.key.phkh] = document.path
                continue
            }
            let path = CLIError.quote(document.path)
            throw CLIError(earlier == document.path
                ? "host-key document \(path) is given twice"
                : "host-key document \(path) holds the same host key as \(CLIError.quote(earlier))")
        }
    }

    private static func load(_ path: String) throws(CLIError) -> HostKeyDocumentFile {
        let bytes = try InputFile.read(path, what: "host-key document")
        do throws(CryptoError) {
            let certificates = try Certificate.loadAll(from: bytes)
            guard let first = certificates.first else {
                throw CryptoError(.decodingFailed, "contains no certificate")
            }
            return HostKeyDocumentFile(path: path, certificate: first, key: try first.publicKey(),
                                       hasSeveralCertificates: certificates.count > 1)
        } catch {
            throw CLIError("host-key document \(CLIError.quote(path)): \(error.message)", details: error.underlying)
        }
    }

    /// Checks every document against IBM's signing chain and CRLs (host-key verification issue).
    static func verify(
        _ documents: [HostKeyDocumentFile], certificates: [String], crls: [String], rootCA: String?, offline: Bool,
        diagnostics: Diagnostics
    ) throws(CLIError) {
        func read(_ paths: [String], what: String) throws(CLIError) -> [HostKeyVerifier.File] {
            try paths.map { (path) throws(CLIError) in HostKeyVerifier.File(path: path, bytes: try InputFile.read(path, what: what)) }
        }
        let certificateFiles = try read(certificates, what: "certificate")
        let crlFiles = try read(crls, what: "CRL")
        let rootCAFile = try rootCA.map { (path) throws(CLIError) in try read([path], what: "root CA certificate")[0] }
        do throws(HostKeyVerificationError) {
            let verifier = try HostKeyVerifier(certificates: certificateFiles, crls: crlFiles, rootCA: rootCAFile, offline: offline,
                                               fetcher: HTTPCRLFetcher(observer: diagnostics.downloadObserver))
            _ = try Parallel.map(documents) { (document) throws(HostKeyVerificationError) in
                try verifier.verify(document.certificate, path: document.path)
            }
            for document in documents {
                diagnostics.info("Host-key document \(CLIError.quote(document.path)) verified")
            }
        } catch {
            throw CLIError(error.message, details: error.underlying)
        }
    }
}
