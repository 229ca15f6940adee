import SECore

/// One Retrieve Attestation Measurement call (`perform`): an exchange request and optional user
/// data, checked against the kernel's limits, handed to an Ultravisor device, and turned into the
/// exchange response (docs/formats.md §8.3).
public struct AttestationCall: Sendable {
    /// The exchange request as read from the request file.
    public let request: ExchangeRequest
    /// The user data the guest binds (at most 256 bytes); nil for none.
    public let userData: [UInt8]?
    /// What the device is given. Its additional-data size is what the ARCB's flags imply, since
    /// the kernel reports back the size asked for, not the size written, and a larger buffer would
    /// put trailing zeros into the response (docs/formats.md §5.1, §14.4). The request's own
    /// expected size is used only for an ARCB too short to hold the flags, which the Ultravisor
    /// refuses anyway.
    public let arguments: UltravisorArguments

    /// Refuses sizes the kernel or Ultravisor would refuse, so nothing reaches the device that
    /// cannot succeed.
    public init(request: ExchangeRequest, userData: [UInt8]? = nil) throws(UltravisorError) {
        self.request = request
        self.userData = userData
        arguments = try UltravisorArguments(
            arcb: request.arcb, userData: userData ?? [], measurementSize: request.measurementSize,
            additionalDataSize: Self.flags(of: request.arcb)?.additionalDataSize ?? request.additionalDataSize)
    }

    /// The plaintext attestation flags, the one ARCB field read here: the ARCB otherwise goes to
    /// the Ultravisor unparsed (docs/formats.md §14.2). Nil when the ARCB ends before the flags word.
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
        let additionalDataSize = arguments.additionalDataSize
        if additionalDataSize != request.additionalDataSize {
            notice("the request expects \(request.additionalDataSize) bytes of additional data, but its attestation flags imply \(additionalDataSize); asking the Ultravisor for \(additionalDataSize)")
        }
        let result = try device.retrieveAttestationMeasurement(arguments)
        guard result.status.returnCode.isSuccess else {
            throw UltravisorError.ultravisor(result.status)
        }
        if result.status.returnCode == .moreData {
            notice("the Ultravisor answered \(result.status), treated as success")
        }
        return ExchangeResponse(
            arcb: request.arcb, measurement: result.measurement,
            additionalData: additionalDataSize > 0 ? result.additionalData : nil,
            userData: userData, cuid: result.cuid)
    }
}
