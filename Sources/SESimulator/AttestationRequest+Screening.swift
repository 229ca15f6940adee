import SECore
import SEDevice

extension AttestationRequest {
    /// Plaintext attestation flags the simulated firmware supports: bits 1 (nonce) to 5.
    static let supportedFlags: AttestationFlags = [.nonce, .imagePHKH, .attestationPHKH, .secretStoreHash, .firmwareState]

    /// An ARCB as the Ultravisor checks it before decrypting anything (docs/formats.md §4.5, §9.6),
    /// each check failing with the firmware's return code, in that order.
    ///
    /// The checks read raw fields first because the firmware answers with return codes, not
    /// with the verifier's format errors; only a request that passed them is parsed.
    init(screening bytes: [UInt8]) throws(UltravisorRefusal) {
        func field(_ offset: Int, _ width: Int) throws(UltravisorRefusal) -> UInt64 {
            guard offset + width <= bytes.count else { throw UltravisorRefusal(.invalidLength) }
            return bytes[offset..<(offset + width)].reduce(0) { $0 << 8 | UInt64($1) }
        }
        guard try field(0x08, 4) == UInt64(Self.version) else {
            throw UltravisorRefusal(.unsupportedVersion)
        }
        guard bytes.count >= Self.keySlotsOffset, try field(0x0C, 4) == UInt64(bytes.count) else {
            throw UltravisorRefusal(.invalidLength)
        }
        let slotCount = Int(try field(0x27, 1))
        guard slotCount > 0 else {
            throw UltravisorRefusal(.invalidKeySlotCount)
        }
        let flags = AttestationFlags(rawValue: try field(0x30, 8))
        let algorithm = MeasurementAlgorithm.hmacSHA512
        let encryptedSize = Int(try field(0x2C, 4))
        guard encryptedSize == algorithm.keySize + (flags.contains(.nonce) ? Self.nonceSize : 0) else {
            throw UltravisorRefusal(.invalidEncryptedSize)
        }
        guard Self.supportedFlags.isSuperset(of: flags) else {
            throw UltravisorRefusal(.unsupportedFlag)
        }
        guard try field(0x38, 4) == UInt64(algorithm.rawValue) else {
            throw UltravisorRefusal(.unsupportedAlgorithm)
        }
        guard bytes.count == Self.keySlotsOffset + KeySlot.size * slotCount + encryptedSize + RequestHeader.tagSize else {
            throw UltravisorRefusal(.invalidLength)
        }
        do {
            try self.init(parsing: bytes)
        } catch {
            // Only the reserved first eight bytes are left to differ: the firmware cannot use such a request.
            throw UltravisorRefusal(.cannotDecrypt)
        }
    }
}

/// The simulated firmware's refusal of a request: the return code it answers with.
struct UltravisorRefusal: Error {
    let returnCode: UVReturnCode

    init(_ returnCode: UVReturnCode) {
        self.returnCode = returnCode
    }
}
