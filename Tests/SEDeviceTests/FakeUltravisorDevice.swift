import CSEUVDevice

@testable import SEDevice

/// A test double for `/dev/uv`: the `uvio_attest` block is built and read back by the same code
/// `DevUVDevice` uses; only the ioctl is faked. It records the exact blocks the kernel would
/// receive and answers with a chosen rc/rrc, measurement, additional data and CUID, written the
/// way the kernel does.
final class FakeUltravisorDevice: UltravisorDevice {
    /// What one call handed to the kernel, copied while the caller's buffers were alive.
    struct Call {
        var control: cse_uvio_ioctl_cb
        var argument: cse_uvio_attest
        var arcb: [UInt8]
        var userDataField: [UInt8]
        var reserved14: [UInt8]
        var measurementBufferAtCall: [UInt8]
        var additionalDataBufferAtCall: [UInt8]
    }

    var status = UltravisorStatus(returnCode: .executed)
    var measurement = [UInt8](repeating: 0x5A, count: 64)
    var additionalData: [UInt8] = []
    var cuid = [UInt8](repeating: 0xC1, count: 16)
    /// The add_data_len to report back; nil leaves the caller's value, as today's kernel does.
    var reportedAdditionalDataLength: UInt32?
    var failure: UltravisorError?
    private(set) var calls: [Call] = []

    func retrieveAttestationMeasurement(_ arguments: UltravisorArguments) throws(UltravisorError) -> UltravisorResult {
        try UVIOAttestBlock.call(arguments) { (control: inout cse_uvio_ioctl_cb) throws(UltravisorError) in
            try kernel(&control)
        }
    }

    /// What the kernel and the Ultravisor do with the control block.
    private func kernel(_ control: inout cse_uvio_ioctl_cb) throws(UltravisorError) {
        guard let argument = UnsafeMutablePointer<cse_uvio_attest>(bitPattern: UInt(control.argument_addr)) else {
            throw UltravisorError(.systemError(errno: 14), "fake: argument_addr is null")
        }
        let block = argument.pointee
        calls.append(Call(
            control: control, argument: block,
            arcb: Self.read(block.arcb_addr, Int(block.arcb_len)),
            userDataField: withUnsafeBytes(of: block.user_data) { Array($0) },
            reserved14: withUnsafeBytes(of: control.reserved14) { Array($0) },
            measurementBufferAtCall: Self.read(block.meas_addr, Int(block.meas_len)),
            additionalDataBufferAtCall: Self.read(block.add_data_addr, Int(block.add_data_len))))
        if let failure { throw failure }
        Self.write(measurement, to: block.meas_addr, capacity: Int(block.meas_len))
        Self.write(additionalData, to: block.add_data_addr, capacity: Int(block.add_data_len))
        withUnsafeMutableBytes(of: &argument.pointee.config_uid) { $0.copyBytes(from: cuid.prefix(16)) }
        if let reportedAdditionalDataLength {
            argument.pointee.add_data_len = reportedAdditionalDataLength
        }
        control.uv_rc = status.returnCode.rawValue
        control.uv_rrc = status.reasonCode
    }

    private static func read(_ address: UInt64, _ count: Int) -> [UInt8] {
        guard count > 0, let pointer = UnsafeRawPointer(bitPattern: UInt(address)) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private static func write(_ bytes: [UInt8], to address: UInt64, capacity: Int) {
        guard let pointer = UnsafeMutableRawPointer(bitPattern: UInt(address)) else { return }
        UnsafeMutableRawBufferPointer(start: pointer, count: capacity).copyBytes(from: bytes.prefix(capacity))
    }
}
