#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import SECore

/// Writing outputs atomically: a temporary file in the target's folder, fsync, rename. After a
/// failure nothing is left behind and an existing file keeps its content; pvattest instead
/// truncates its outputs before it starts working.
enum OutputFile {
    /// One output of a command: its content, its path (`-` is stdout), its name for errors
    /// and its mode.
    struct Pending {
        enum Content {
            case bytes([UInt8])
            /// Written straight from secret storage; never to stdout, always mode 0600.
            case secret(SecretBytes)
        }

        let content: Content
        let path: String
        let what: String
        let mode: mode_t

        init(bytes: [UInt8], path: String, what: String) {
            self.content = .bytes(bytes)
            self.path = path
            self.what = what
            self.mode = 0o644
        }

        /// The ARPK: created with mode 0600 whatever the umask or an existing file's mode.
        init(secret: SecretBytes, path: String, what: String) {
            self.content = .secret(secret)
            self.path = path
            self.what = what
            self.mode = 0o600
        }
    }

    /// Writes `bytes` to `path`; `-` is stdout. `what` names the output in errors.
    static func write(_ bytes: [UInt8], to path: String, what: String) throws(CLIError) {
        try write([Pending(bytes: bytes, path: path, what: what)])
    }

    /// Writes several outputs as one step: every file is staged first and renamed into place
    /// only when all of them (and stdout) were written, so a failure leaves none of them behind.
    static func write(_ outputs: [Pending]) throws(CLIError) {
        var staged: [StagedFile] = []
        var toStandardOutput: [UInt8] = []
        for output in outputs {
            switch (output.content, output.path) {
            case (.secret, "-"):
                throw CLIError("the \(output.what) is a secret and is written only to a file, not to standard output")
            case (.bytes(let bytes), "-"):
                toStandardOutput += bytes
            case (.bytes(let bytes), _):
                let file = try StagedFile(path: output.path, what: output.what, mode: output.mode)
                try file.write(bytes)
                staged.append(file)
            case (.secret(let secret), _):
                let file = try StagedFile(path: output.path, what: output.what, mode: output.mode)
                try secret.withUnsafeBytes { (raw) throws(CLIError) in try file.write(raw) }
                staged.append(file)
            }
        }
        if !toStandardOutput.isEmpty, !FileDescriptorWriter.writeAll(toStandardOutput, to: STDOUT_FILENO) {
            throw CLIError("cannot write to standard output: \(InputFile.systemError())")
        }
        for file in staged {
            try file.commit()
        }
    }
}

/// An output being written under a temporary name next to its final path; removed again unless
/// committed, so a command that fails halfway leaves nothing behind.
final class StagedFile {
    private let path: String
    private let temporaryPath: String
    private let what: String
    private var fd: Int32
    private var committed = false

    init(path: String, what: String, mode: mode_t) throws(CLIError) {
        self.path = path
        self.what = what
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(folder).\(name).XXXXXX".utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw CLIError(path: path, "cannot create the \(what): \(InputFile.systemError())")
        }
        temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fcntl(fd, F_SETFD, FD_CLOEXEC) == 0, fchmod(fd, mode) == 0 else {
            let reason = InputFile.systemError()
            close(fd)
            unlink(temporaryPath)
            throw CLIError(path: path, "cannot create the \(what): \(reason)")
        }
    }

    deinit {
        if !committed {
            if fd >= 0 { close(fd) }
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: [UInt8]) throws(CLIError) {
        guard FileDescriptorWriter.writeAll(bytes, to: fd) else {
            throw CLIError(path: path, "cannot write the \(what): \(InputFile.systemError())")
        }
    }

    func write(_ raw: UnsafeRawBufferPointer) throws(CLIError) {
        guard FileDescriptorWriter.writeAll(raw, to: fd) else {
            throw CLIError(path: path, "cannot write the \(what): \(InputFile.systemError())")
        }
    }

    /// Makes the file durable and puts it in place.
    func commit() throws(CLIError) {
        guard fsync(fd) == 0, close(fd) == 0 else {
            throw CLIError(path: path, "cannot write the \(what): \(InputFile.systemError())")
        }
        fd = -1
        guard rename(temporaryPath, path) == 0 else {
            throw CLIError(path: path, "cannot create the \(what): \(InputFile.systemError())")
        }
        committed = true
    }
}
