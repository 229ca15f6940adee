/// An Ultravisor return code (rc) of Retrieve Attestation Measurement, docs/formats.md §9.6.
///
/// A struct over the raw value rather than an enum: the firmware may return codes this tool has
/// no name for, and those must still reach the user with their number.
public struct UVReturnCode: RawRepresentable, Hashable, Sendable {
    /// The rc as the Ultravisor returned it.
    public let rawValue: UInt16
    /// Any code, including those this tool has no name for.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Never a real answer: the Ultravisor always sets a code.
    public static let invalid = Self(rawValue: 0x0000)
    /// Success: every output area holds what was asked for.
    public static let executed = Self(rawValue: 0x0001)
    /// The machine has no attestation facility.
    public static let invalidCommand = Self(rawValue: 0x0002)
    /// The kernel passed a control block of the wrong size.
    public static let invalidRequestSize = Self(rawValue: 0x0005)
    /// The home address-space control has its R bit set (host or guest-kernel bug): stop using the guest.
    public static let rBitSet = Self(rawValue: 0x0030)
    /// The Ultravisor could not translate a guest address: stop using the guest.
    public static let addressTranslationException = Self(rawValue: 0x0031)
    /// A guest address translates to an invalid one: stop using the guest.
    public static let invalidAddress = Self(rawValue: 0x0032)
    /// Counted as success, as pvattest counts it (docs/formats.md §14.6).
    public static let moreData = Self(rawValue: 0x0100)
    /// The kernel always sends token 0, so this should not happen.
    public static let invalidContinuationToken = Self(rawValue: 0x0101)
    /// More than 256 bytes of user data.
    public static let userDataTooLong = Self(rawValue: 0x0102)
    /// The Ultravisor could not read the ARCB.
    public static let requestAccessException = Self(rawValue: 0x0103)
    /// The Ultravisor could not write the measurement area.
    public static let measurementAccessException = Self(rawValue: 0x0104)
    /// The Ultravisor could not write the additional-data area.
    public static let additionalDataAccessException = Self(rawValue: 0x0105)
    /// The ARCB's version is not one this machine knows.
    public static let unsupportedVersion = Self(rawValue: 0x0106)
    /// The ARCB's length does not fit its version.
    public static let invalidLength = Self(rawValue: 0x0107)
    /// No key slots, or more than this machine supports.
    public static let invalidKeySlotCount = Self(rawValue: 0x0108)
    /// The encrypted part is not the size the measurement key and the flags' items make.
    public static let invalidEncryptedSize = Self(rawValue: 0x0109)
    /// A plaintext flag this machine does not support (docs/formats.md §5.1).
    public static let unsupportedFlag = Self(rawValue: 0x010A)
    /// A measurement algorithm this machine does not support (docs/formats.md §5.2).
    public static let unsupportedAlgorithm = Self(rawValue: 0x010B)
    /// No key slot opens with this machine's host key: the request was made for other hosts.
    public static let cannotDecrypt = Self(rawValue: 0x010C)
    /// The measurement area is smaller than the algorithm's measurement.
    public static let measurementAreaTooSmall = Self(rawValue: 0x010D)
    /// The additional-data area is smaller than the flags' items need.
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
    /// Whether the call succeeded, and if not, why (`text`).
    public let returnCode: UVReturnCode
    /// The return-reason code: shown, not interpreted (its meanings are firmware-internal).
    public let reasonCode: UInt16

    /// For devices: the real one reads both codes from the kernel, the simulator sets the rc.
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
