#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Everything se-attest tells people goes through here, to stderr, filtered by verbosity.
/// Output is collected and written in one call at the end, so large results cost one system
/// call instead of one per line (pvattest writes its hex dumps a byte or two at a time).
final class Diagnostics {
    /// 0 quiet (errors only) ... 2 default (warnings and results) ... 3 info, 4 debug, 5 trace.
    let verbosity: Int
    private var buffer: [UInt8] = []

    init(verbosity: Int) {
        self.verbosity = verbosity
    }

    /// A result line (pvattest prints these at warning level: hidden by `-q`).
    func result(_ line: String) { emit(line, level: 2) }
    func warning(_ line: String) { emit("warning: \(line)", level: 2) }
    func info(_ line: String) { emit(line, level: 3) }
    func debug(_ line: String) { emit("DEBUG: \(line)", level: 4) }

    /// The final error line; shown at every verbosity, with details from `-v` on.
    func error(_ error: CLIError) {
        buffer += Array("error: \(error.message)\n".utf8)
        if verbosity >= 3 {
            for detail in error.details {
                buffer += Array("  caused by: \(detail)\n".utf8)
            }
        }
    }

    private func emit(_ line: String, level: Int) {
        guard verbosity >= level else { return }
        buffer += Array(line.utf8)
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Writes what was collected to stderr.
    func flush() {
        FileDescriptorWriter.writeAll(buffer, to: STDERR_FILENO)
        buffer.removeAll()
    }
}

/// Writes a whole buffer to a file descriptor, retrying short writes and EINTR.
enum FileDescriptorWriter {
    @discardableResult
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { writeAll($0, to: fd) }
    }

    static func writeAll(_ raw: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
        guard let base = raw.baseAddress else { return true }
        var offset = 0
        while offset < raw.count {
            let written = write(fd, base + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
