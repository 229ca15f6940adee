import SECore
import SECrypto

/// The private-key readers: the RSA seal key (its ASN.1-template quick path, then OpenSSL's
/// generic decoder) and the simulator's P-521 host key, PEM or DER; a key that loads is used.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrivateKeys(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    if let key = try? RSAPrivateKey(encoded: SecretBytes(copying: bytes)) {
        _ = try? key.derivedSecret(label: Array("fuzz".utf8))
    }
    _ = try? P521PrivateKey(encoded: bytes)
    return 0
}
