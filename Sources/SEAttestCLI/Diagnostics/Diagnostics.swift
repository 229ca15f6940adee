#if canImport(Glibc)
import SEDocuments
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// Everything se-attest tells people goes through here, to stderr, filtered by verbosity.
/// Each line is written when it is emitted, in one call (a message built from many lines, such
/// as a large result, is still one call), so a user watching a slow download sees it as it
/// happens; a lock keeps lines from threads (parallel downloads) whole.
final class Diagnostics: Sendable {
    /// 0 quiet (errors only) ... 2 default (warnings and results) ... 3 info, 4 debug, 5 trace.
    let verbosity: Int
    static let traceLevel = 5
    private let output = Mutex(())

    init(verbosity: Int) {
        self.verbosity = verbosity
    }

    /// A result line (pvattest prints these at warning level: hidden by `-q`).
    func result(_ line: String) { emit([line], level: 2) }
    /// A result and its fields, written at once.
    func result(_ first: String, _ rest: [String]) { emit([first] + rest, level: 2) }
    func warning(_ line: String) { emit(["warning: \(line)"], level: 2) }
    // The lines below the default level are built only when they are shown: most runs show
    // none, and building them costs string work and first uses of Swift's generic types.
    func info(_ line: @autoclosure () -> String) { emit([line()], level: 3) }
    func debug(_ line: @autoclosure () -> String) { emit(["DEBUG: \(line())"], level: 4) }
    /// `-vvv`: what passed between se-attest and OpenSSL or a server, e.g. OpenSSL's error queue.
    func trace(_ line: @autoclosure () -> String) { emit(["TRACE: \(line())"], level: Self.traceLevel) }
    /// Several trace lines written together, so lines from parallel downloads do not interleave.
    func trace(_ first: String, _ rest: [String]) { emit(["TRACE: \(first)"] + rest, level: Self.traceLevel) }

    /// The final error line; shown at every verbosity, with details from `-v` on.
    func error(_ error: CLIError) {
        var text = Self.line("error: \(error.message)")
        if verbosity >= 3 {
            for detail in error.details {
                text += Self.line("  caused by: \(detail)")
            }
        }
        write(text)
    }

    private func emit(_ lines: @autoclosure () -> [String], level: Int) {
        guard verbosity >= level else { return }
        // A loop, not `joined()`: the standard library's generic join looks up its types at run
        // time on first use, which costs more than writing the lines.
        var text = ""
        for line in lines() {
            text += Self.line(line)
        }
        write(text)
    }

    /// One line of stderr: file names and server strings in `text` may hold control characters,
    /// which are shown escaped (`\n`, `\e`, `\x01`), never sent to the terminal.
    private static func line(_ text: String) -> String {
        text.escapedForTerminal + "\n"
    }

    private func write(_ text: String) {
        output.withLock { _ in _ = FileDescriptorWriter.writeAll(Array(text.utf8), to: STDERR_FILENO) }
    }
}
