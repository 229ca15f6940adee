import SECrypto

/// The loader of host-key documents and the other certificates `create` reads (PEM or DER, one
/// or several), with every field the tool prints and the public key it uses; and the host-key
/// document's quick path, which must never take an input OpenSSL's loader refuses nor read
/// another key or count from it (docs/architecture.md §2.3).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCertificate(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let loaded = (try? Certificate.loadAll(from: bytes)) ?? []
    for certificate in loaded {
        _ = (certificate.subject, certificate.issuer, certificate.notBefore, certificate.notAfter, certificate.serialHex)
        _ = try? certificate.publicKey()
    }
    if let document = try? HostKeyCertificates(bytes: bytes) {
        guard let key = try? loaded.first?.publicKey(), key == document.key, loaded.count == document.count,
              (try? document.firstCertificate()) != nil else {
            fatalError("the host-key document reads otherwise than through Certificate.loadAll")
        }
    }
    return 0
}
