internal import CSEUVDevice

/// The kernel's side of the seam: `UltravisorArguments` laid out as the `uvio_attest` block
/// that `UVIO_IOCTL_ATT` takes (docs/formats.md §9.3, §9.4), and the block read back into an
/// `UltravisorResult`.
///
/// The only place that computes buffer addresses; they live only for the one `ioctl` call.
/// Internal, with the ioctl passed in, so tests can stand in for the kernel off s390x.
enum UVIOAttestBlock {
    /// Runs `ioctl` on a control block whose argument is the `uvio_attest` block for `arguments`;
    /// `ioctl` sets the rc/rrc and writes the output areas, the CUID and `add_data_len` as the
    /// kernel does.
    static func call(
        _ arguments: UltravisorArguments, ioctl: (inout cse_uvio_ioctl_cb) throws(UltravisorError) -> Void
    ) throws(UltravisorError) -> UltravisorResult {
        var measurement = [UInt8](repeating: 0, count: arguments.measurementSize)
        var additionalData = [UInt8](repeating: 0, count: arguments.additionalDataSize)
        // The sizes fit their fields: UltravisorArguments holds only what the kernel accepts.
        var block = cse_uvio_attest()
        block.arcb_len = UInt32(arguments.arcb.count)
        block.meas_len = UInt32(measurement.count)
        block.add_data_len = UInt32(additionalData.count)
        block.user_data_len = UInt16(arguments.userData.count)
        withUnsafeMutableBytes(of: &block.user_data) { $0.copyBytes(from: arguments.userData) }

        var control = cse_uvio_ioctl_cb()
        let outcome: Result<Void, UltravisorError> = arguments.arcb.withUnsafeBytes { arcb in
            measurement.withUnsafeMutableBytes { measurementBuffer in
                additionalData.withUnsafeMutableBytes { additionalBuffer in
                    block.arcb_addr = address(of: arcb.baseAddress)
                    block.meas_addr = address(of: measurementBuffer.baseAddress)
                    block.add_data_addr = additionalBuffer.isEmpty ? 0 : address(of: additionalBuffer.baseAddress)
                    return withUnsafeMutablePointer(to: &block) { argument in
                        control.argument_addr = address(of: argument)
                        control.argument_len = UInt32(MemoryLayout<cse_uvio_attest>.size)
                        return Result { () throws(UltravisorError) in try ioctl(&control) }
                    }
                }
            }
        }
        try outcome.get()
        return UltravisorResult(
            UltravisorStatus(returnCode: UVReturnCode(rawValue: control.uv_rc), reasonCode: control.uv_rrc), for: arguments,
            measurement: measurement, additionalData: additionalData,
            cuid: withUnsafeBytes(of: block.config_uid) { Array($0) },
            reportedAdditionalDataLength: Int(block.add_data_len))
    }
}

/// The address the kernel ABI carries in its u64 fields.
private func address(of pointer: UnsafeRawPointer?) -> UInt64 {
    UInt64(UInt(bitPattern: pointer))
}
