import SECrypto

/// The loaders of what `create` and `perform --simulate` read from files: host-key documents
/// and other certificates (PEM or DER, with every field the tool prints) and host private keys.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCertificate(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    for certificate in (try? Certificate.loadAll(from: bytes)) ?? [] {
        _ = (certificate.subject, certificate.issuer, certificate.notBefore, certificate.notAfter, certificate.serialHex)
        _ = try? certificate.publicKey()
    }
    _ = try? P521PrivateKey(encoded: bytes)
    return 0
}
