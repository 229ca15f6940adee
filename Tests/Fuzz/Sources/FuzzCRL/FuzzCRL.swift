import SECrypto

/// The CRL loaders: `--crl` files (PEM blocks or one DER CRL) and the CRLs that travel inside
/// chained PEM certificate files, with the issuer name the tool prints.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCRL(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    for crl in ((try? CertificateRevocationList.loadAll(from: bytes)) ?? []) + CertificateRevocationList.embedded(in: bytes) {
        _ = crl.issuer
    }
    return 0
}
