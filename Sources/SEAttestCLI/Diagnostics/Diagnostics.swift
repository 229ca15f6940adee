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
    static let traceLevel = 5
    private var buffer: [UInt8] = []

    init(verbosity: Int) {
        self.verbosity = verbosity
    }

    /// A result line (pvattest prints these at warning level: hidden by `-q`).
    func result(_ line: String) { emit(line, level: 2) }
    func warning(_ line: String) { emit("warning: \(line)", level: 2) }
    func info(_ line: String) { emit(line, level: 3) }
    func debug(_ line: String) { emit("DEBUG: \(line)", level: 4) }
    /// `-vvv`: what passed between se-attest and OpenSSL or a server, e.g. OpenSSL's error queue.
    func trace(_ line: String) { emit("TRACE: \(line)", level: Self.traceLevel) }

    /// The final error line; shown at every verbosity, with details from `-v` on.
    func error(_ error: CLIError) {
        buffer += Self.line("error: \(error.message)")
        if verbosity >= 3 {
            for detail in error.details {
                buffer += Self.line("  caused by: \(detail)")
            }
        }
    }

    private func emit(_ line: String, level: Int) {
        guard verbosity >= level else { return }
        buffer += Self.line(line)
    }

    /// One line of stderr: file names and server strings in `text` may hold control characters,
    /// which are shown escaped (`\n`, `\e`, `\x01`), never sent to the terminal.
    private static func line(_ text: String) -> [UInt8] {
        Array((text.escapedForTerminal + "\n").utf8)
    }

    /// Writes what was collected to stderr.
    func flush() {
        FileDescriptorWriter.writeAll(buffer, to: STDERR_FILENO)
        buffer.removeAll()
    }
}
