internal import CSEOpenSSL
import SECore

/// An X.509 certificate (host-key document, signing key, CA), read-only.
public final class Certificate: @unchecked Sendable {
    /// Owned X509*; the host-key-document verifier hands it to X509_STORE and friends.
    let x509: OpaquePointer

    /// Takes ownership of `x509`.
    init(adopting x509: OpaquePointer) {
        self.x509 = x509
    }

    deinit { X509_free(x509) }

    /// Every certificate in a file: a DER file holds one; a PEM file may hold several, mixed
    /// with other PEM blocks (CRLs in the `*.chained.crt` files), which are skipped.
    public static func loadAll(from bytes: [UInt8]) throws(CryptoError) -> [Certificate] {
        if !bytes.isEmpty {
            // A DER certificate starts with a SEQUENCE; anything else is tried as PEM only.
            if bytes[0] == 0x30, let der = try loadDER(bytes) { return [der] }
            ERR_clear_error()
            let certificates = try loadPEM(bytes)
            guard certificates.isEmpty else { return certificates }
            if ByteSearch.contains("-----BEGIN ", in: bytes) {
                throw CryptoError(.decodingFailed, "contains no certificate")
            }
        }
        throw CryptoError(.decodingFailed, "is neither a PEM nor a DER certificate")
    }

    /// One DER certificate spanning the whole input, nil if the input is not DER at all.
    private static func loadDER(_ bytes: [UInt8]) throws(CryptoError) -> Certificate? {
        let result: (OpaquePointer?, Int) = bytes.withUnsafeBytes { raw in
            guard let start = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return (nil, 0) }
            var cursor: UnsafePointer<UInt8>? = UnsafePointer(start)
            let x509 = d2i_X509(nil, &cursor, Int(clamping: raw.count))
            return (x509, cursor.map { $0 - UnsafePointer(start) } ?? 0)
        }
        guard let x509 = result.0 else { return nil }
        let certificate = Certificate(adopting: x509)
        guard result.1 == bytes.count else {
            throw CryptoError(.decodingFailed, "has \(bytes.count - result.1) unexpected bytes after the DER certificate")
        }
        return certificate
    }

    private static func loadPEM(_ bytes: [UInt8]) throws(CryptoError) -> [Certificate] {
        let (certificates, failed): ([Certificate], Bool) = bytes.withUnsafeBytes { raw in
            // The BIO borrows `raw`: it is created, drained and freed inside this closure.
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(clamping: raw.count)) else { return ([], true) }
            defer { BIO_free(bio) }
            var certificates: [Certificate] = []
            while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) {
                certificates.append(Certificate(adopting: x509))
            }
            // Reading stops with "no start line" at the end of the input; anything else is damage.
            let reason = ERR_GET_REASON(ERR_peek_last_error())
            return (certificates, reason != PEM_R_NO_START_LINE)
        }
        if failed { throw .openssl(.decodingFailed, "contains a damaged PEM certificate") }
        ERR_clear_error()
        return certificates
    }

    /// Subject in RFC 2253 form on one line (most specific component first).
    public var subject: String { X509Name.text(X509_get_subject_name(x509)) }
    /// Issuer in RFC 2253 form on one line, as `subject`.
    public var issuer: String { X509Name.text(X509_get_issuer_name(x509)) }
    /// Validity bounds as OpenSSL prints them ("Mar 21 14:52:39 2024 GMT").
    public var notBefore: String { Self.text(of: X509_get0_notBefore(x509)) }
    /// The end of the validity period, in the form of `notBefore`.
    public var notAfter: String { Self.text(of: X509_get0_notAfter(x509)) }

    /// Serial number as lower-case hex without leading zero bytes ("00" for zero).
    public var serialHex: String {
        guard let serial = X509_get0_serialNumber(x509), let number = ASN1_INTEGER_to_BN(serial, nil) else {
            ERR_clear_error()
            return ""
        }
        defer { BN_free(number) }
        var bytes = [UInt8](repeating: 0, count: Int((BN_num_bits(number) + 7) / 8))
        guard BN_bn2bin(number, &bytes) == Int32(bytes.count) else { return "" }
        return bytes.isEmpty ? "00" : Hex.encode(bytes)
    }

    /// The certificate's key, which for a host-key document must be EC P-521.
    public func publicKey() throws(CryptoError) -> P521PublicKey {
        guard let pkey = X509_get0_pubkey(x509) else { throw .openssl(.invalidKey, "has no readable public key") }
        // The key was decoded from this bit string, which holds the point as the certificate encodes it.
        let encoded = X509_get0_pubkey_bitstr(x509).map { bits in
            [UInt8](UnsafeBufferPointer(start: ASN1_STRING_get0_data(bits), count: Int(max(0, ASN1_STRING_length(bits)))))
        }
        return try P521PublicKey(evpPKey: pkey, encodedPoint: encoded)
    }

    private static func text(of time: UnsafePointer<ASN1_TIME>?) -> String {
        guard let time else { return "" }
        return MemoryBIO.text { bio in ASN1_TIME_print(bio, time) == 1 }
    }
}
