import SECore
import SECrypto

/// The ARCB parser and decryptor (parse, then open with the vectors' ARPK `rep(17,32)`), and
/// the add-secret request parser over the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAttestationRequest(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    _ = try? AddSecretRequest(parsing: bytes)
    guard let request = try? AttestationRequest(parsing: bytes) else { return 0 }
    guard request.keySlots.count <= Int(request.header.keySlotCount),
          request.sealed.authenticatedData.count + request.sealed.ciphertext.count + request.sealed.tag.count == bytes.count
    else { fatalError("a parsed ARCB does not add up: \(request.header)") }
    let opener = AttestationRequestOpener(arpk: SecretBytes(copying: [UInt8](repeating: 0x17, count: 32)))
    if let secrets = try? opener.open(request), secrets.measurementKey.count != request.algorithm.keySize {
        fatalError("the measurement key has \(secrets.measurementKey.count) bytes")
    }
    return 0
}
