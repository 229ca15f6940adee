#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
internal import CSEUVDevice

/// The kernel's Ultravisor device, `/dev/uv` (docs/formats.md §9.1): present only inside an IBM
/// Secure Execution guest on s390x with the uvdevice module loaded.
public final class DevUVDevice: UltravisorDevice, Sendable {
    /// Where the uvdevice kernel module puts the device.
    public static let path = "/dev/uv"

    /// Whether this build can talk to `/dev/uv` at all (s390x only).
    public static var isSupported: Bool { cse_uvio_supported() != 0 }

    private let path: String
    private let descriptor: Int32

    /// Opens `/dev/uv` read-write and close-on-exec. Off s390x it fails without trying, with an
    /// error of its own code, so a caller can point to a software Ultravisor instead.
    public convenience init() throws(UltravisorError) {
        guard Self.isSupported else {
            throw UltravisorError(.unsupportedArchitecture, "attestation needs \(Self.path), the Ultravisor device of an IBM Secure Execution guest, which exists only on s390x")
        }
        try self.init(opening: Self.path)
    }

    /// Opens any path as the device; tests use it to reach the errno mapping off s390x.
    init(opening path: String) throws(UltravisorError) {
        var fd: Int32
        repeat {
            fd = open(path, O_RDWR | O_CLOEXEC)
        } while fd == -1 && errno == EINTR
        guard fd >= 0 else {
            throw UltravisorError.opening(path, errno: errno)
        }
        self.path = path
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    /// Runs the attestation ioctl, retried on EINTR; the kernel's refusals throw, the Ultravisor's
    /// arrive as the result's status.
    public func retrieveAttestationMeasurement(_ arguments: UltravisorArguments) throws(UltravisorError) -> UltravisorResult {
        try UVIOAttestBlock.call(arguments) { (control: inout cse_uvio_ioctl_cb) throws(UltravisorError) in
            var result: Int32
            repeat {
                result = cse_uvio_ioctl(descriptor, cse_uvio_attest_request(), &control)
            } while result == -EINTR
            guard result >= 0 else {
                throw UltravisorError.ioctl(path, errno: -result)
            }
        }
    }
}
