/// The seam between the attestation call and whatever executes it: the kernel's `/dev/uv`
/// (`DevUVDevice`), the software Ultravisor (`SimulatedUltravisor`), or a test double.
///
/// It speaks in Swift values, so an implementation never has to trust a memory address: the
/// kernel's `uvio_attest` block, with its buffer addresses, is built and read only inside
/// `DevUVDevice`.
public protocol UltravisorDevice {
    /// Runs Retrieve Attestation Measurement (ioctl `UVIO_IOCTL_ATT`, docs/formats.md §9.3–§9.4).
    ///
    /// Returns the Ultravisor's rc/rrc with the output areas as the kernel hands them back, also
    /// when the Ultravisor refused the request. Throws only when the call could not be made at
    /// all (an errno from the kernel).
    func retrieveAttestationMeasurement(_ arguments: UltravisorArguments) throws(UltravisorError) -> UltravisorResult
}
