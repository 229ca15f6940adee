import Glibc
import Testing

@testable import SEDevice

@Suite("DevUVDevice: /dev/uv and its errors")
struct DevUVDeviceTests {
    #if !arch(s390x)
    @Test("off s390x the architecture is unsupported, and the error names /dev/uv and Secure Execution but no option")
    func unsupportedOffS390x() {
        #expect(!DevUVDevice.isSupported)
        let error = #expect(throws: UltravisorError.self) { try DevUVDevice() }
        #expect(error?.code == .unsupportedArchitecture)
        #expect(error?.message == "attestation needs /dev/uv, the Ultravisor device of an IBM Secure Execution guest, which exists only on s390x")
    }
    #endif

    @Test("a missing device means no Secure Execution guest or no uvdevice module")
    func missingDevice() {
        let error = #expect(throws: UltravisorError.self) { try DevUVDevice(opening: "/nonexistent/uv") }
        #expect(error?.code == .unavailable)
        #expect(error?.message == "cannot open '/nonexistent/uv': No such file or directory (errno 2); this is not an IBM Secure Execution guest, or the uvdevice kernel module is not loaded (try 'modprobe uvdevice')")
    }

    @Test("permission errors say how to get access")
    func permissionDenied() {
        let error = UltravisorError.opening("/dev/uv", errno: EACCES)
        #expect(error.code == .permissionDenied)
        #expect(error.message == "cannot open '/dev/uv': Permission denied (errno 13); run as root or grant this user read-write access to /dev/uv")
    }

    @Test("other open errors carry strerror's text")
    func otherOpenError() {
        let error = UltravisorError.opening("/dev/uv", errno: EMFILE)
        #expect(error.code == .systemError(errno: EMFILE))
        #expect(error.message == "cannot open '/dev/uv': Too many open files (errno 24)")
    }

    @Test("the ioctl goes through the C trampoline and its errno comes back (ENOTTY on /dev/null)")
    func ioctlErrno() throws {
        let device = try DevUVDevice(opening: "/dev/null")
        let arguments = try UltravisorArguments(arcb: [0x11], measurementSize: 64, additionalDataSize: 0)
        let error = #expect(throws: UltravisorError.self) { try device.retrieveAttestationMeasurement(arguments) }
        #expect(error?.code == .systemError(errno: ENOTTY))
        #expect(error?.message == "the attestation ioctl on '/dev/null' failed: Inappropriate ioctl for device (errno 25)")
    }
}
