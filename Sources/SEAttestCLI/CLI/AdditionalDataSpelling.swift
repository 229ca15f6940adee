import SECore

/// How the command line and the result documents spell each kind of additional data: pvattest's
/// `--add-data` values and its result keys. The formats library knows only the kinds.
extension AdditionalDataKind {
    /// The kind an `--add-data` value names; nil for any other spelling.
    init?(addDataValue: String) {
        guard let kind = Self.allCases.first(where: { $0.addDataValue == addDataValue }) else { return nil }
        self = kind
    }

    /// The `--add-data` value.
    var addDataValue: String {
        switch self {
        case .imagePHKH: "phkh-img"
        case .attestationPHKH: "phkh-att"
        case .secretStoreHash: "secret-store-hash"
        case .firmwareState: "firmware-state"
        }
    }

    /// The key in the YAML and JSON results of `verify` and `inspect`.
    var resultKey: String {
        switch self {
        case .imagePHKH: "image_phkh"
        case .attestationPHKH: "attestation_phkh"
        case .secretStoreHash: "secret_store_hash"
        case .firmwareState: "firmware_state"
        }
    }
}

extension AttestationFlags {
    /// The `--add-data` values of the set additional-data flags, in bit order.
    var addDataValues: [String] { additionalDataKinds.map(\.addDataValue) }
}
