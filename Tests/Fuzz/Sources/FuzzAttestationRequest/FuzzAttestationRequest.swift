import SECore
import SECrypto

/// The ARCB parser and decryptor (parse, then open with the vectors' ARPK `rep(17,32)`), and
/// the add-secret request parser over the same bytes. Random bytes almost never carry a valid
/// GCM tag, so every ARCB that parses is also sealed again under that ARPK and must then open
/// to exactly its plaintext, whatever its sizes and flags.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAttestationRequest(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    _ = try? AddSecretRequest(parsing: bytes)
    guard let request = try? AttestationRequest(parsing: bytes) else { return 0 }
    let sealed = request.sealed
    guard request.keySlots.count <= Int(request.header.keySlotCount),
          sealed.authenticatedData.count + sealed.ciphertext.count + sealed.tag.count == bytes.count
    else { fatalError("a parsed ARCB does not add up: \(request.header)") }
    let arpk = SecretBytes(copying: [UInt8](repeating: 0x17, count: 32))
    let opener = AttestationRequestOpener(arpk: arpk)
    if let secrets = try? opener.open(request), secrets.measurementKey.count != request.algorithm.keySize {
        fatalError("the measurement key has \(secrets.measurementKey.count) bytes")
    }

    let plaintext = Array(sealed.ciphertext)
    guard let resealed = try? AESGCM.seal(SecretBytes(copying: plaintext), key: arpk, iv: request.iv,
                                          authenticating: sealed.authenticatedData),
          let again = try? AttestationRequest(parsing: Array(sealed.authenticatedData) + resealed.ciphertext + resealed.tag)
    else { fatalError("an ARCB sealed again does not parse") }
    let secrets: AttestationSecrets
    do {
        secrets = try opener.open(again)
    } catch {
        fatalError("an ARCB sealed again does not open: \(error.message)")
    }
    let keySize = request.algorithm.keySize
    let nonce = plaintext.count == keySize + AttestationRequest.nonceSize ? Array(plaintext[keySize...]) : nil
    guard secrets.measurementKey.withUnsafeBytes({ Array($0) }) == Array(plaintext.prefix(keySize)),
          secrets.nonce?.withUnsafeBytes({ Array($0) }) == nonce
    else { fatalError("an ARCB sealed again opens to other secrets") }
    return 0
}
