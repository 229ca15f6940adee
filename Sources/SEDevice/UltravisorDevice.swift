import CSEUVDevice

/// The seam between the attestation call and whatever executes it: the kernel's `/dev/uv`
/// (`DevUVDevice`), the software Ultravisor of `perform --simulate`, or a test double.
///
/// It takes exactly what the kernel takes, so every implementation sees the same bytes.
public protocol UltravisorDevice {
    /// Runs Retrieve Attestation Measurement (ioctl `UVIO_IOCTL_ATT`, FORMATS.md §9.3–§9.4).
    ///
    /// `control.argument_addr` points to a `cse_uvio_attest` whose ARCB, measurement and
    /// additional-data buffers stay valid for the duration of the call. The implementation
    /// fills the measurement, additional data, `add_data_len` and `config_uid` as the kernel
    /// would, and returns the Ultravisor's rc/rrc. It throws only when the call could not be
    /// made at all (an errno from the kernel).
    func retrieveAttestationMeasurement(_ control: inout cse_uvio_ioctl_cb) throws(UltravisorError) -> UltravisorStatus
}
