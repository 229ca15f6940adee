import SEAttestation
import SECore
import SECrypto
import SENetwork

/// Host-key documents and the signing chain named on the command line: the files are read
/// here, loaded and checked by the library, and its errors told in the command line's words.
enum HostKeyDocumentFile {
    /// How host-key verification errors name the options the inputs came from.
    static let wording = HostKeyVerificationError.Wording(
        certificates: "--cert certificates", chainCRLAdvice: "use --crl", documentCRLAdvice: "give it with --crl",
        rootCAAdvice: "give the root CA with --root-ca")

    /// Reads the PEM or DER documents on all cores (one P-521 key check each), then reports
    /// them in command-line order.
    static func loadAll(_ paths: [String], diagnostics: Diagnostics) throws(CLIError) -> [HostKeyDocument] {
        let documents = try Parallel.map(paths) { (path) throws(CLIError) in
            let bytes = try InputFile.read(path, what: "host-key document")
            do throws(AttestationError) {
                return try HostKeyDocument(name: path, bytes: bytes)
            } catch {
                throw CLIError("host-key document \(CLIError.quote(path)): \(error.message)", details: error.underlying)
            }
        }
        for document in documents {
            if document.hasSeveralCertificates {
                diagnostics.warning("the host-key document \(CLIError.quote(document.name)) contains more than one certificate; the first one is used")
            }
            diagnostics.info("Use host-key document at \(CLIError.quote(document.name))")
            diagnostics.debug("host-key document \(CLIError.quote(document.name)): host-key hash 0x\(Hex.encode(document.key.phkh))")
        }
        return documents
    }

    /// Refuses two documents with the same host key, naming both.
    static func requireDistinctKeys(_ documents: [HostKeyDocument]) throws(CLIError) {
        do throws(AttestationError) {
            try HostKeyDocument.requireDistinctKeys(documents)
        } catch {
            throw Self.error(error)
        }
    }

    /// The `--cert`, `--crl` and `--root-ca` files, read, with CRLs downloaded unless `offline`.
    static func signingChain(certificates: [String], crls: [String], rootCA: String?, offline: Bool,
                             diagnostics: Diagnostics) throws(CLIError) -> HostKeyVerification.SigningChain {
        func read(_ paths: [String], what: String) throws(CLIError) -> [HostKeyVerifier.File] {
            try paths.map { (path) throws(CLIError) in HostKeyVerifier.File(path: path, bytes: try InputFile.read(path, what: what)) }
        }
        return HostKeyVerification.SigningChain(
            certificates: try read(certificates, what: "certificate"), crls: try read(crls, what: "CRL"),
            rootCA: try rootCA.map { (path) throws(CLIError) in try read([path], what: "root CA certificate")[0] },
            offline: offline, fetcher: HTTPCRLFetcher(observer: diagnostics.downloadObserver))
    }

    /// A library error about host keys in the command line's words: file names quoted as
    /// everywhere else, verification errors with the options that give what is missing.
    static func error(_ error: AttestationError) -> CLIError {
        switch error.kind {
        case .duplicateHostKey(let first, let second):
            let path = CLIError.quote(second)
            return CLIError(first == second
                ? "host-key document \(path) is given twice"
                : "host-key document \(path) holds the same host key as \(CLIError.quote(first))")
        case .hostKeyNotVerified(let verification):
            return CLIError(verification.message(wording), details: verification.underlying)
        default:
            return CLIError(error.message, details: error.underlying)
        }
    }
}
