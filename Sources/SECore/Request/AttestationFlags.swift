/// Plaintext attestation flags (PAF) of an ARCB, docs/formats.md §5.1.
///
/// IBM numbers bits from the most significant end (MSB0): bit n is `1 << (63 - n)`.
/// Each additional-data flag makes the Ultravisor append a fixed-size item, in bit order.
public struct AttestationFlags: OptionSet, Hashable, Sendable {
    /// The flags word as the ARCB holds it (MSB0 bit numbering).
    public let rawValue: UInt64
    /// Any word, including bits this tool has no name for.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// MSB0 bit `n` of a 64-bit word.
    public init(msb0Bit n: Int) { self.init(rawValue: n >= 0 && n < 64 ? 1 << UInt64(63 - n) : 0) }

    /// Bit 1: the encrypted area carries a nonce that enters the measurement (always set by create).
    public static let nonce = AttestationFlags(msb0Bit: 1)
    /// Bit 2 (`phkh-img`): hash of the host key that unpacked the SE image.
    public static let imagePHKH = AttestationFlags(msb0Bit: 2)
    /// Bit 3 (`phkh-att`): hash of the host key that decrypted this request.
    public static let attestationPHKH = AttestationFlags(msb0Bit: 3)
    /// Bit 4 (`secret-store-hash`): SHA-512 over the add-secret request tags and the lock state.
    public static let secretStoreHash = AttestationFlags(msb0Bit: 4)
    /// Bit 5 (`firmware-state`): 320 opaque bytes that IBM's firmware service judges.
    public static let firmwareState = AttestationFlags(msb0Bit: 5)

    /// The kinds of additional data these flags ask for, in the order the Ultravisor writes them.
    public var additionalDataKinds: [AdditionalDataKind] {
        AdditionalDataKind.allCases.filter { contains($0.flag) }
    }

    /// Bytes of additional data the Ultravisor returns for these flags (448 with all four).
    public var additionalDataSize: Int {
        additionalDataKinds.reduce(0) { $0 + $1.size }
    }
}

/// One kind of additional data: the flag that asks for it and its fixed size. The cases are in
/// flag-bit order, which is the order the Ultravisor concatenates them in.
public enum AdditionalDataKind: CaseIterable, Hashable, Sendable {
    /// Hash of the host key that unpacked the SE image.
    case imagePHKH
    /// Hash of the host key that decrypted the request.
    case attestationPHKH
    /// SHA-512 over the add-secret request tags and the lock state.
    case secretStoreHash
    /// Opaque firmware state that IBM's firmware service judges.
    case firmwareState

    /// The flag that asks the Ultravisor for this item.
    public var flag: AttestationFlags {
        switch self {
        case .imagePHKH: .imagePHKH
        case .attestationPHKH: .attestationPHKH
        case .secretStoreHash: .secretStoreHash
        case .firmwareState: .firmwareState
        }
    }

    /// The item's fixed size in bytes.
    public var size: Int {
        switch self {
        case .imagePHKH, .attestationPHKH: 32
        case .secretStoreHash: 64
        case .firmwareState: 320
        }
    }

    /// What messages call the item.
    public var name: String {
        switch self {
        case .imagePHKH: "Image PHKH"
        case .attestationPHKH: "Attestation PHKH"
        case .secretStoreHash: "Secret store hash"
        case .firmwareState: "Firmware state"
        }
    }
}
