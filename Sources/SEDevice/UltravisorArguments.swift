import SECore

/// What one Retrieve Attestation Measurement call gives the Ultravisor, within the kernel's
/// limits: a value that exists is one the kernel accepts, so no device has to check sizes again
/// and `DevUVDevice` can narrow them to the ABI's integer widths.
public struct UltravisorArguments: Hashable, Sendable {
    /// The attestation request control block, passed unparsed.
    public let arcb: [UInt8]
    /// Bound into the measurement; empty when there is none.
    public let userData: [UInt8]
    /// Bytes of the measurement area.
    public let measurementSize: Int
    /// Bytes of the additional-data area; 0 for none.
    public let additionalDataSize: Int

    /// Refuses sizes the kernel or Ultravisor would refuse, so nothing reaches the device that
    /// cannot succeed.
    public init(arcb: [UInt8], userData: [UInt8] = [], measurementSize: Int, additionalDataSize: Int) throws(UltravisorError) {
        guard userData.count <= ExchangeLimits.maxUserDataSize else {
            throw UltravisorError(.invalidRequest, "the user data has \(userData.count) bytes, at most \(ExchangeLimits.maxUserDataSize) are allowed")
        }
        guard (1...ExchangeLimits.maxRequestSize).contains(arcb.count) else {
            throw UltravisorError(.invalidRequest, "the attestation request has \(arcb.count) bytes, expected 1 to \(ExchangeLimits.maxRequestSize)")
        }
        guard (1...ExchangeLimits.maxMeasurementSize).contains(measurementSize) else {
            throw UltravisorError(.invalidRequest, "the expected measurement size is \(measurementSize) bytes, expected 1 to \(ExchangeLimits.maxMeasurementSize)")
        }
        guard (0...ExchangeLimits.maxAdditionalDataSize).contains(additionalDataSize) else {
            throw UltravisorError(.invalidRequest, "the expected additional-data size is \(additionalDataSize) bytes, expected 0 to \(ExchangeLimits.maxAdditionalDataSize)")
        }
        self.arcb = arcb
        self.userData = userData
        self.measurementSize = measurementSize
        self.additionalDataSize = additionalDataSize
    }
}
