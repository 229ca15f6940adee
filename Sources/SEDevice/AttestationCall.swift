import CSEUVDevice
import SECore

/// One Retrieve Attestation Measurement call (`perform`): an exchange request and optional user
/// data, checked against the kernel's limits, laid out as the `uvio_attest` block the kernel
/// takes (FORMATS.md §9.4), and turned into the exchange response (§8.3).
public struct AttestationCall: Sendable {
    public let request: ExchangeRequest
    public let userData: [UInt8]?

    /// Refuses sizes the kernel or Ultravisor would refuse, so nothing reaches the device that
    /// cannot succeed. The additional-data size must be exactly what the request's flags imply:
    /// the kernel reports back the size asked for, not the size written (§14.4).
    public init(request: ExchangeRequest, userData: [UInt8]? = nil) throws(UltravisorError) {
        if let userData, userData.count > ExchangeLimits.maxUserDataSize {
            throw UltravisorError(.invalidRequest, "the user data has \(userData.count) bytes, at most \(ExchangeLimits.maxUserDataSize) are allowed")
        }
        guard (1...ExchangeLimits.maxRequestSize).contains(request.arcb.count) else {
            throw UltravisorError(.invalidRequest, "the attestation request has \(request.arcb.count) bytes, expected 1 to \(ExchangeLimits.maxRequestSize)")
        }
        guard (1...ExchangeLimits.maxMeasurementSize).contains(request.measurementSize) else {
            throw UltravisorError(.invalidRequest, "the expected measurement size is \(request.measurementSize) bytes, expected 1 to \(ExchangeLimits.maxMeasurementSize)")
        }
        guard (0...ExchangeLimits.maxAdditionalDataSize).contains(request.additionalDataSize) else {
            throw UltravisorError(.invalidRequest, "the expected additional-data size is \(request.additionalDataSize) bytes, expected 0 to \(ExchangeLimits.maxAdditionalDataSize)")
        }
        self.request = request
        self.userData = userData
    }

    /// Runs the call on `device` and returns the response: the request's ARCB, the measurement,
    /// the additional data (when the request expects some), the user data (when given) and the
    /// CUID. `notice` receives remarks that are not errors (rc 0x0100).
    public func perform(on device: some UltravisorDevice, notice: (String) -> Void = { _ in }) throws(UltravisorError) -> ExchangeResponse {
        var measurement = [UInt8](repeating: 0, count: request.measurementSize)
        var additionalData = [UInt8](repeating: 0, count: request.additionalDataSize)
        let user = userData ?? []
        var block = cse_uvio_attest()
        block.arcb_len = UInt32(request.arcb.count)
        block.meas_len = UInt32(measurement.count)
        block.add_data_len = UInt32(additionalData.count)
        block.user_data_len = UInt16(user.count)
        withUnsafeMutableBytes(of: &block.user_data) { $0.copyBytes(from: user) }

        let outcome: Result<UltravisorStatus, UltravisorError> = request.arcb.withUnsafeBytes { arcb in
            measurement.withUnsafeMutableBytes { measurementBuffer in
                additionalData.withUnsafeMutableBytes { additionalBuffer in
                    block.arcb_addr = address(of: arcb.baseAddress)
                    block.meas_addr = address(of: measurementBuffer.baseAddress)
                    block.add_data_addr = additionalBuffer.isEmpty ? 0 : address(of: additionalBuffer.baseAddress)
                    return withUnsafeMutablePointer(to: &block) { argument in
                        var control = cse_uvio_ioctl_cb()
                        control.argument_addr = address(of: argument)
                        control.argument_len = UInt32(MemoryLayout<cse_uvio_attest>.size)
                        return Result { () throws(UltravisorError) in try device.retrieveAttestationMeasurement(&control) }
                    }
                }
            }
        }
        let status = try outcome.get()
        guard status.returnCode.isSuccess else {
            throw UltravisorError.ultravisor(status)
        }
        if status.returnCode == .moreData {
            notice("the Ultravisor answered \(status), treated as success")
        }
        let cuid = withUnsafeBytes(of: block.config_uid) { Array($0) }
        return ExchangeResponse(
            arcb: request.arcb, measurement: measurement,
            additionalData: request.additionalDataSize > 0 ? Array(additionalData.prefix(Int(block.add_data_len))) : nil,
            userData: userData, cuid: cuid)
    }
}

/// The address the kernel ABI carries in its u64 fields.
private func address(of pointer: UnsafeRawPointer?) -> UInt64 {
    UInt64(UInt(bitPattern: pointer))
}
