/// The additional data of a response split into its items, docs/formats.md §6.2.
///
/// The Ultravisor concatenates the items of the set flags in bit order with no lengths, so
/// the flags of the (authenticated) request decide the split; leftover bytes are kept as
/// `unrecognized` rather than rejected.
public struct AdditionalData: Sendable {
    /// The items present, in bit order, with their bytes.
    public let fields: [(kind: AdditionalDataKind, value: [UInt8])]
    /// Bytes after the last item the flags name; nil when there are none.
    public let unrecognized: [UInt8]?

    /// Throws `truncated`, naming the item, when `data` is too short for the items `flags` ask for.
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

    /// The item `flag` asks for; nil when the flags did not ask for it.
    public func value(for flag: AttestationFlags) -> [UInt8]? {
        fields.first { $0.kind.flag == flag }?.value
    }

    /// The hash of the host key that unpacked the image (32 bytes), if asked for.
    public var imagePHKH: [UInt8]? { value(for: .imagePHKH) }
    /// The hash of the host key that decrypted the request (32 bytes), if asked for.
    public var attestationPHKH: [UInt8]? { value(for: .attestationPHKH) }
    /// The secret-store hash (64 bytes, docs/formats.md §6.3), if asked for.
    public var secretStoreHash: [UInt8]? { value(for: .secretStoreHash) }
    /// The firmware state (320 bytes) that IBM's service judges, if asked for.
    public var firmwareState: [UInt8]? { value(for: .firmwareState) }
}
