/// The additional data of a response split into its items, docs/formats.md §6.2.
///
/// The Ultravisor concatenates the items of the set flags in bit order with no lengths, so
/// the flags of the (authenticated) request decide the split; leftover bytes are kept as
/// `unrecognized` rather than rejected.
public struct AdditionalData: Sendable {
    /// The items present, in bit order, with their bytes.
    public let fields: [(kind: AdditionalDataKind, value: [UInt8])]
    public let unrecognized: [UInt8]?

    public init(splitting data: [UInt8], flags: AttestationFlags) throws(FormatError) {
        var rest = data[...]
        var fields: [(kind: AdditionalDataKind, value: [UInt8])] = []
        for kind in flags.additionalDataKinds {
            guard rest.count >= kind.size else {
                throw FormatError(.truncated, "the attestation flags indicate that the additional data contains the \(kind.name) (\(kind.size) bytes), but only \(rest.count) bytes are left")
            }
            fields.append((kind, Array(rest.prefix(kind.size))))
            rest = rest.dropFirst(kind.size)
        }
        self.fields = fields
        unrecognized = rest.isEmpty ? nil : Array(rest)
    }

    public func value(for flag: AttestationFlags) -> [UInt8]? {
        fields.first { $0.kind.flag == flag }?.value
    }

    public var imagePHKH: [UInt8]? { value(for: .imagePHKH) }
    public var attestationPHKH: [UInt8]? { value(for: .attestationPHKH) }
    public var secretStoreHash: [UInt8]? { value(for: .secretStoreHash) }
    public var firmwareState: [UInt8]? { value(for: .firmwareState) }
}
