/// Plaintext attestation flags (PAF) of an ARCB, FORMATS.md §5.1.
///
/// IBM numbers bits from the most significant end (MSB0): bit n is `1 << (63 - n)`.
/// Each additional-data flag makes the Ultravisor append a fixed-size item, in bit order.
public struct AttestationFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt64
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

    /// The additional-data items in the order the Ultravisor writes them.
    public static let additionalDataItems: [AdditionalDataItem] = [
        AdditionalDataItem(flag: .imagePHKH, name: "phkh-img", key: "image_phkh", label: "Image PHKH", size: 32),
        AdditionalDataItem(flag: .attestationPHKH, name: "phkh-att", key: "attestation_phkh", label: "Attestation PHKH", size: 32),
        AdditionalDataItem(flag: .secretStoreHash, name: "secret-store-hash", key: "secret_store_hash", label: "Secret store hash", size: 64),
        AdditionalDataItem(flag: .firmwareState, name: "firmware-state", key: "firmware_state", label: "Firmware state", size: 320),
    ]

    /// The flag for an `--add-data` value (`phkh-img`, `phkh-att`, `secret-store-hash`, `firmware-state`).
    public init?(addDataName: String) {
        guard let item = Self.additionalDataItems.first(where: { $0.name == addDataName }) else { return nil }
        self = item.flag
    }

    /// Bytes of additional data the Ultravisor returns for these flags (448 with all four).
    public var additionalDataSize: Int {
        Self.additionalDataItems.reduce(0) { contains($1.flag) ? $0 + $1.size : $0 }
    }

    /// The `--add-data` names of the set additional-data flags, in bit order.
    public var addDataNames: [String] {
        Self.additionalDataItems.filter { contains($0.flag) }.map(\.name)
    }
}

/// One kind of additional data: its flag, its spellings and its fixed size.
public struct AdditionalDataItem: Sendable {
    public let flag: AttestationFlags
    /// The `--add-data` spelling.
    public let name: String
    /// The key in verify's YAML/JSON result.
    public let key: String
    /// The label in verify's human-readable result.
    public let label: String
    public let size: Int
}
