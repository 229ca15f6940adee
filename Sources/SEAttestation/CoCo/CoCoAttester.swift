import SECore
public import SEDevice

/// The guest's side, as guest-components' attester does it: the challenge's ARCB goes to the
/// Ultravisor with the report data as user data, and the answer comes back as evidence.
public enum CoCoAttester {
    /// Runs the challenge on `device` (`/dev/uv` or the simulator). `reportData` overrides the
    /// challenge's `runtime_data_digest`; one of them is needed, at most 64 bytes, zero-padded.
    public static func perform(_ challenge: CoCoChallenge, reportData: [UInt8]? = nil,
                               on device: some UltravisorDevice) throws(AttestationError) -> CoCoEvidence {
        guard let reportData = reportData ?? challenge.runtimeDataDigest else {
            throw AttestationError(.unusableReportData, "no report data: the challenge has no 'runtime_data_digest'")
        }
        guard reportData.count <= CoCoChallenge.maxReportDataSize else {
            throw AttestationError(.unusableReportData, "the report data has \(reportData.count) bytes, at most \(CoCoChallenge.maxReportDataSize) are allowed")
        }
        let request: AttestationRequest
        do {
            request = try AttestationRequest(parsing: challenge.requestBlob)
        } catch {
            throw AttestationError(.malformedCoCoDocument, "the challenge's 'request_blob' is not an attestation request: \(error.message)")
        }
        guard challenge.measurementSize == request.algorithm.measurementSize else {
            throw AttestationError(.malformedCoCoDocument, "the challenge's 'measurement_size' is \(challenge.measurementSize), but its request's algorithm gives \(request.algorithm.measurementSize)")
        }
        guard challenge.additionalSize == request.flags.additionalDataSize else {
            throw AttestationError(.malformedCoCoDocument, "the challenge's 'additional_size' is \(challenge.additionalSize), but its request's flags imply \(request.flags.additionalDataSize)")
        }
        let userData = reportData + [UInt8](repeating: 0, count: CoCoEvidence.userDataSize - reportData.count)
        let result: UltravisorResult
        do {
            let arguments = try UltravisorArguments(
                arcb: challenge.requestBlob, userData: userData,
                measurementSize: challenge.measurementSize, additionalDataSize: challenge.additionalSize)
            result = try device.retrieveAttestationMeasurement(arguments)
        } catch {
            throw AttestationError(.ultravisorRefused, error.message)
        }
        guard result.status.returnCode.isSuccess else {
            throw AttestationError(.ultravisorRefused, UltravisorError.ultravisor(result.status).message)
        }
        return CoCoEvidence(
            measurement: result.measurement, additionalData: result.additionalData, userData: userData, cuid: result.cuid,
            encryptedMeasurementKey: challenge.encryptedMeasurementKey,
            encryptedRequestNonce: challenge.encryptedRequestNonce, imageHeaderTags: challenge.imageHeaderTags)
    }
}
