import SECore

/// What one Retrieve Attestation Measurement call returned: the Ultravisor's status and the
/// output areas as the kernel hands them back to the caller.
public struct UltravisorResult: Hashable, Sendable {
    /// The Ultravisor's return code; a refusal leaves every output area zero.
    public let status: UltravisorStatus
    /// The whole measurement area (`measurementSize` bytes), zero beyond what the Ultravisor wrote.
    public let measurement: [UInt8]
    /// The additional-data area, cut to the length the kernel reports back. Today's kernel
    /// reports the size asked for, not the size written (docs/formats.md §14.4), so a larger
    /// area comes back with trailing zeros.
    public let additionalData: [UInt8]
    /// The configuration unique ID (16 bytes), zero when the Ultravisor wrote none.
    public let cuid: [UInt8]

    /// Lays out what the Ultravisor wrote the way the kernel returns it, so every device answers
    /// in the same shape: each output in a zeroed area of the size `arguments` ask for (what does
    /// not fit is dropped, as a buffer would drop it), the additional data cut to
    /// `reportedAdditionalDataLength` (default: the whole area, as the kernel reports it).
    /// A refusal passes only the status: the areas stay zero.
    public init(
        _ status: UltravisorStatus, for arguments: UltravisorArguments,
        measurement: [UInt8] = [], additionalData: [UInt8] = [], cuid: [UInt8] = [],
        reportedAdditionalDataLength: Int? = nil
    ) {
        self.status = status
        self.measurement = Self.area(arguments.measurementSize, holding: measurement)
        let additionalArea = Self.area(arguments.additionalDataSize, holding: additionalData)
        self.additionalData = Array(additionalArea.prefix(max(0, reportedAdditionalDataLength ?? additionalArea.count)))
        self.cuid = Self.area(ExchangeLimits.cuidSize, holding: cuid)
    }

    private static func area(_ size: Int, holding bytes: [UInt8]) -> [UInt8] {
        Array(bytes.prefix(size)) + [UInt8](repeating: 0, count: max(0, size - bytes.count))
    }
}
