import SECrypto

/// The CRL loaders: `--crl` files (PEM blocks or one DER CRL) and the CRLs that travel inside
/// chained PEM certificate files.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCRL(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    _ = try? CertificateRevocationList.loadAll(from: bytes)
    _ = CertificateRevocationList.embedded(in: bytes)
    return 0
}
