/// The response file `perform` writes and `verify`/`check` read (exchange format v1,
/// docs/formats.md §8.3, §8.5). It comes from the guest, so every entry is bounds-checked.
public struct ExchangeResponse: Sendable {
    /// The attestation request the guest answered, as sent: not measured itself, but its secrets
    /// key the measurement.
    public let arcb: [UInt8]
    /// The Ultravisor's measurement (64 bytes for HMAC-SHA512, docs/formats.md §6.1); unverified as read.
    public let measurement: [UInt8]
    /// The items the request's flags asked for, undivided (docs/formats.md §6.2); nil when the file has none.
    public let additionalData: [UInt8]?
    /// The user data the guest bound (at most 256 bytes); nil when the file has none.
    public let userData: [UInt8]?
    /// Configuration unique ID of the guest, 16 bytes.
    public let cuid: [UInt8]

    /// Takes the fields as they are, e.g. from an Ultravisor call; nothing is checked.
    public init(arcb: [UInt8], measurement: [UInt8], additionalData: [UInt8]?, userData: [UInt8]?, cuid: [UInt8]) {
        self.arcb = arcb
        self.measurement = measurement
        self.additionalData = additionalData
        self.userData = userData
        self.cuid = cuid
    }

    /// Reads a response file (docs/formats.md §8.5): the ARCB, measurement and CUID are required,
    /// every entry is bounds-checked and size-capped before it is copied.
    public init(parsing file: [UInt8]) throws(FormatError) {
        let header = try ExchangeHeader(parsing: file, kind: "response")
        let prefix = "the input is not an exchange-format response:"
        guard header.arcb.holdsData else {
            throw FormatError(.missing, "\(prefix) it contains no attestation request")
        }
        guard header.measurement.holdsData else {
            throw FormatError(.missing, "\(prefix) it contains no attestation response (measurement missing)")
        }
        guard header.cuid.holdsData else {
            throw FormatError(.missing, "\(prefix) it contains no attestation response (CUID missing)")
        }
        guard header.cuid.size == ExchangeLimits.cuidSize else {
            throw FormatError(.badLength, "\(prefix) the CUID has an invalid size: expected \(ExchangeLimits.cuidSize), is \(header.cuid.size)")
        }
        arcb = try ExchangeHeader.blob(header.arcb, named: "attestation request", limit: ExchangeLimits.maxRequestSize, in: file)
        measurement = try ExchangeHeader.blob(header.measurement, named: "measurement", limit: ExchangeLimits.maxMeasurementSize, in: file)
        additionalData = header.additionalData.holdsData
            ? try ExchangeHeader.blob(header.additionalData, named: "additional data", limit: ExchangeLimits.maxAdditionalDataSize, in: file)
            : nil
        userData = header.userData.holdsData
            ? try ExchangeHeader.blob(header.userData, named: "user data", limit: ExchangeLimits.maxUserDataSize, in: file)
            : nil
        cuid = try ExchangeHeader.blob(header.cuid, named: "CUID", limit: ExchangeLimits.cuidSize, in: file)
    }

    /// Blobs packed back to back after the header in pvattest's order; a present but empty
    /// blob keeps its offset with size 0, as pvattest writes it.
    public var bytes: [UInt8] {
        var body: [UInt8] = []
        func place(_ blob: [UInt8]?) -> ExchangeHeader.Entry {
            guard let blob else { return .absent }
            let entry = ExchangeHeader.Entry(size: UInt32(truncatingIfNeeded: blob.count), offset: UInt32(truncatingIfNeeded: ExchangeHeader.size + body.count))
            body += blob
            return entry
        }
        let arcbEntry = place(arcb)
        let measurementEntry = place(measurement)
        let additionalEntry = place(additionalData)
        let userEntry = place(userData)
        let cuidEntry = place(cuid)
        let header = ExchangeHeader(
            totalSize: UInt32(truncatingIfNeeded: ExchangeHeader.size + body.count),
            arcb: arcbEntry, measurement: measurementEntry, additionalData: additionalEntry,
            userData: userEntry, cuid: cuidEntry)
        return header.bytes + body
    }
}
