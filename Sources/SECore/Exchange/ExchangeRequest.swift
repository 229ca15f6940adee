/// The request file `create` writes and `perform` reads (exchange format v1, docs/formats.md §8.2,
/// docs/formats.md §8.4): the ARCB plus the output sizes the guest must provide.
public struct ExchangeRequest: Sendable {
    /// The attestation request (ARCB), passed to the Ultravisor unparsed.
    public let arcb: [UInt8]
    /// Bytes of measurement the Ultravisor will write (64 for HMAC-SHA512).
    public let measurementSize: Int
    /// Bytes of additional data the flags ask for (0 for none).
    public let additionalDataSize: Int

    /// Takes the fields as they are; `AttestationCall` checks them against the kernel's limits.
    public init(arcb: [UInt8], measurementSize: Int, additionalDataSize: Int) {
        self.arcb = arcb
        self.measurementSize = measurementSize
        self.additionalDataSize = additionalDataSize
    }

    /// Reads a request file (docs/formats.md §8.4), checking every size and offset before copying;
    /// throws a `FormatError` naming the field.
    public init(parsing file: [UInt8]) throws(FormatError) {
        let header = try ExchangeHeader(parsing: file, kind: "request")
        guard header.arcb.holdsData else {
            throw FormatError(.missing, "the input is not an exchange-format request: it contains no attestation request")
        }
        arcb = try ExchangeHeader.blob(header.arcb, named: "attestation request", limit: ExchangeLimits.maxRequestSize, in: file)
        measurementSize = Int(header.measurement.size)
        additionalDataSize = Int(header.additionalData.size)
        guard measurementSize >= 1 else {
            throw FormatError(.invalidValue, "the expected measurement size is too small (0 bytes)")
        }
        guard measurementSize <= ExchangeLimits.maxMeasurementSize else {
            throw FormatError(.badLength, "the expected measurement size is too large (\(measurementSize) bytes, at most \(ExchangeLimits.maxMeasurementSize))")
        }
        guard additionalDataSize <= ExchangeLimits.maxAdditionalDataSize else {
            throw FormatError(.badLength, "the expected additional-data size is too large (\(additionalDataSize) bytes, at most \(ExchangeLimits.maxAdditionalDataSize))")
        }
        for (entry, name) in [(header.measurement, "measurement"), (header.additionalData, "additional data")] where entry.holdsData {
            _ = try ExchangeHeader.blob(entry, named: name, limit: Int.max, in: file)
        }
    }

    /// The request file as `create` writes it: header, then the ARCB; the output sizes are entries
    /// without data.
    public var bytes: [UInt8] {
        let header = ExchangeHeader(
            totalSize: UInt32(truncatingIfNeeded: ExchangeHeader.size + arcb.count),
            arcb: .init(size: UInt32(truncatingIfNeeded: arcb.count), offset: UInt32(ExchangeHeader.size)),
            measurement: .init(size: UInt32(truncatingIfNeeded: measurementSize), offset: 0),
            additionalData: additionalDataSize > 0 ? .init(size: UInt32(truncatingIfNeeded: additionalDataSize), offset: 0) : .absent,
            userData: .absent, cuid: .absent)
        return header.bytes + arcb
    }
}
