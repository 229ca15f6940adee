import SECrypto

/// The loader of host-key documents and the other certificates `create` reads (PEM or DER, one
/// or several), with every field the tool prints and the public key it uses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCertificate(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    for certificate in (try? Certificate.loadAll(from: bytes)) ?? [] {
        _ = (certificate.subject, certificate.issuer, certificate.notBefore, certificate.notAfter, certificate.serialHex)
        _ = try? certificate.publicKey()
    }
    return 0
}
