/// An Ultravisor return code (rc) of Retrieve Attestation Measurement, docs/formats.md §9.6.
///
/// A struct over the raw value rather than an enum: the firmware may return codes this tool has
/// no name for, and those must still reach the user with their number.
public struct UVReturnCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let invalid = Self(rawValue: 0x0000)
    public static let executed = Self(rawValue: 0x0001)
    public static let invalidCommand = Self(rawValue: 0x0002)
    public static let invalidRequestSize = Self(rawValue: 0x0005)
    public static let rBitSet = Self(rawValue: 0x0030)
    public static let addressTranslationException = Self(rawValue: 0x0031)
    public static let invalidAddress = Self(rawValue: 0x0032)
    public static let moreData = Self(rawValue: 0x0100)
    public static let invalidContinuationToken = Self(rawValue: 0x0101)
    public static let userDataTooLong = Self(rawValue: 0x0102)
    public static let requestAccessException = Self(rawValue: 0x0103)
    public static let measurementAccessException = Self(rawValue: 0x0104)
    public static let additionalDataAccessException = Self(rawValue: 0x0105)
    public static let unsupportedVersion = Self(rawValue: 0x0106)
    public static let invalidLength = Self(rawValue: 0x0107)
    public static let invalidKeySlotCount = Self(rawValue: 0x0108)
    public static let invalidEncryptedSize = Self(rawValue: 0x0109)
    public static let unsupportedFlag = Self(rawValue: 0x010A)
    public static let unsupportedAlgorithm = Self(rawValue: 0x010B)
    public static let cannotDecrypt = Self(rawValue: 0x010C)
    public static let measurementAreaTooSmall = Self(rawValue: 0x010D)
    public static let additionalDataAreaTooSmall = Self(rawValue: 0x010E)

    /// Success as pvattest counts it: executed, or "more data" (which attestation never needs,
    /// docs/formats.md §14.6).
    public var isSuccess: Bool { self == .executed || self == .moreData }

    /// What the code means, chosen by rc alone (the rrc is shown but not interpreted).
    public var text: String {
        let stopUsingGuest = "corrupted host or guest-kernel bug; stop using the guest"
        switch self {
        case .invalid: return "invalid rc (should not happen)"
        case .executed: return "executed"
        case .invalidCommand: return "invalid UV command (e.g. attestation facility not installed)"
        case .invalidRequestSize: return "request has an invalid size"
        case .rBitSet: return "home address space control has R-bit set (\(stopUsingGuest))"
        case .addressTranslationException: return "address translation exception (\(stopUsingGuest))"
        case .invalidAddress: return "virtual address translates to an invalid address (\(stopUsingGuest))"
        case .moreData: return "more data available"
        case .invalidContinuationToken: return "invalid continuation token (kernel always sends 0; should not happen)"
        case .userDataTooLong: return "user-data length greater than 256"
        case .requestAccessException: return "access exception on the ARCB"
        case .measurementAccessException: return "access exception on the measurement area"
        case .additionalDataAccessException: return "access exception on the additional-data area"
        case .unsupportedVersion: return "unsupported attestation-request version"
        case .invalidLength: return "invalid ARCB length for the given version"
        case .invalidKeySlotCount: return "number of key slots is 0 or larger than the UV supports for this version"
        case .invalidEncryptedSize:
            return "size of encrypted area does not match measurement-key length plus optional items (nonce)"
        case .unsupportedFlag: return "unsupported plaintext attestation flag set"
        case .unsupportedAlgorithm: return "unsupported measurement algorithm"
        case .cannotDecrypt: return "cannot decrypt the ARCB — most likely no key slot for this host's key"
        case .measurementAreaTooSmall: return "measurement buffer too small"
        case .additionalDataAreaTooSmall: return "additional-data buffer too small for the requested additional data"
        default: return "unexpected error-code"
        }
    }
}

/// What one Ultravisor call returned: the return code and the return-reason code (rrc).
public struct UltravisorStatus: Hashable, Sendable, CustomStringConvertible {
    public let returnCode: UVReturnCode
    public let reasonCode: UInt16

    public init(returnCode: UVReturnCode, reasonCode: UInt16 = 0) {
        self.returnCode = returnCode
        self.reasonCode = reasonCode
    }

    /// pvattest's wording: `Ultravisor: 'TEXT' (0xRC,0xRRC)`, both as four lower-case hex digits.
    public var description: String {
        "Ultravisor: '\(returnCode.text)' (\(hex4(returnCode.rawValue)),\(hex4(reasonCode)))"
    }
}

private func hex4(_ value: UInt16) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
}
