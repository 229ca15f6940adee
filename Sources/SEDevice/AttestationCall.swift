import CSEUVDevice
import SECore

/// One Retrieve Attestation Measurement call (`perform`): an exchange request and optional user
/// data, checked against the kernel's limits, laid out as the `uvio_attest` block the kernel
/// takes (FORMATS.md §9.4), and turned into the exchange response (§8.3).
public struct AttestationCall: Sendable {
    public let request: ExchangeRequest
    public let userData: [UInt8]?
    /// Bytes of additional data asked of the Ultravisor: what the ARCB's flags imply (§5.1), since
    /// the kernel reports back the size asked for, not the size written (§14.4), and a larger
    /// buffer would put trailing zeros into the response. The request's own expected size is used
    /// only for an ARCB too short to hold the flags, which the Ultravisor refuses anyway.
    public let additionalDataSize: Int

    /// Refuses sizes the kernel or Ultravisor would refuse, so nothing reaches the device that
    /// cannot succeed.
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
        let additionalDataSize = Self.flags(of: request.arcb)?.additionalDataSize ?? request.additionalDataSize
        guard (0...ExchangeLimits.maxAdditionalDataSize).contains(additionalDataSize) else {
            throw UltravisorError(.invalidRequest, "the expected additional-data size is \(additionalDataSize) bytes, expected 0 to \(ExchangeLimits.maxAdditionalDataSize)")
        }
        self.request = request
        self.userData = userData
        self.additionalDataSize = additionalDataSize
    }

    /// The plaintext attestation flags, the one ARCB field read here: the ARCB otherwise goes to
    /// the Ultravisor unparsed (§14.2). Nil when the ARCB ends before the flags word.
    private static func flags(of arcb: [UInt8]) -> AttestationFlags? {
        var reader = ByteReader(arcb.dropFirst(RequestHeader.size), context: "attestation request flags")
        guard let rawFlags = try? reader.readU64() else { return nil }
        return AttestationFlags(rawValue: rawFlags)
    }

    /// Runs the call on `device` and returns the response: the request's ARCB, the measurement,
    /// the additional data (when the flags ask for some), the user data (when given) and the
    /// CUID. `notice` receives remarks that are not errors (an expected additional-data size that
    /// the flags contradict, rc 0x0100).
    public func perform(on device: some UltravisorDevice, notice: (String) -> Void = { _ in }) throws(UltravisorError) -> ExchangeResponse {
        if additionalDataSize != request.additionalDataSize {
            notice("the request expects \(request.additionalDataSize) bytes of additional data, but its attestation flags imply \(additionalDataSize); asking the Ultravisor for \(additionalDataSize)")
        }
        var measurement = [UInt8](repeating: 0, count: request.measurementSize)
        var additionalData = [UInt8](repeating: 0, count: additionalDataSize)
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
            additionalData: additionalDataSize > 0 ? Array(additionalData.prefix(Int(block.add_data_len))) : nil,
            userData: userData, cuid: cuid)
    }
}

/// The address the kernel ABI carries in its u64 fields.
private func address(of pointer: UnsafeRawPointer?) -> UInt64 {
    UInt64(UInt(bitPattern: pointer))
}
