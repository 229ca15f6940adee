#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Why an attestation call did not produce a response: the device is missing or refused us,
/// the kernel rejected the call, the Ultravisor refused the request, or the request exceeds the
/// interface's limits. Tests match on `code`; `message` is for people.
public struct UltravisorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the call failed, for a caller that reacts differently (e.g. suggests a simulator off s390x).
    public enum Code: Hashable, Sendable {
        /// Not s390x: no Ultravisor device can exist on this machine.
        case unsupportedArchitecture
        /// No `/dev/uv` here: not a Secure Execution guest, or uvdevice not loaded.
        case unavailable
        /// `/dev/uv` exists but this process may not open it.
        case permissionDenied
        /// `open` or `ioctl` failed with this errno.
        case systemError(errno: Int32)
        /// The Ultravisor executed the call and refused the request.
        case ultravisor(UltravisorStatus)
        /// Sizes outside the interface's limits; refused before any device call.
        case invalidRequest
    }

    /// The category a caller can match on.
    public let code: Code
    /// For people; names the device path and the errno where there is one.
    public let message: String

    /// For devices, including a caller's own; the static functions give the usual wordings.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message alone.
    public var description: String { message }

    /// The error for an Ultravisor refusal, worded as pvattest words it.
    public static func ultravisor(_ status: UltravisorStatus) -> UltravisorError {
        UltravisorError(.ultravisor(status), status.description)
    }

    /// The error for `open(path)` failing with `errno`, with advice for the usual causes.
    public static func opening(_ path: String, errno: Int32) -> UltravisorError {
        switch errno {
        case ENOENT, ENODEV, ENXIO:
            return UltravisorError(.unavailable, "cannot open '\(path)': \(systemText(errno)); this is not an IBM Secure Execution guest, or the uvdevice kernel module is not loaded (try 'modprobe uvdevice')")
        case EACCES, EPERM:
            return UltravisorError(.permissionDenied, "cannot open '\(path)': \(systemText(errno)); run as root or grant this user read-write access to \(path)")
        default:
            return UltravisorError(.systemError(errno: errno), "cannot open '\(path)': \(systemText(errno))")
        }
    }

    /// The error for the attestation ioctl failing with `errno` (the kernel's own checks, docs/formats.md §9.5).
    public static func ioctl(_ path: String, errno: Int32) -> UltravisorError {
        UltravisorError(.systemError(errno: errno), "the attestation ioctl on '\(path)' failed: \(systemText(errno))")
    }
}

/// strerror's text with the number, e.g. "No such file or directory (errno 2)".
func systemText(_ errno: Int32) -> String {
    "\(String(cString: strerror(errno))) (errno \(errno))"
}
