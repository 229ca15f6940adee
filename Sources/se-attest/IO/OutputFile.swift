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
    /// Writes `bytes` to `path`; `-` is stdout. `what` names the output in errors.
    static func write(_ bytes: [UInt8], to path: String, what: String, mode: mode_t = 0o644) throws(CLIError) {
        if path == "-" {
            guard FileDescriptorWriter.writeAll(bytes, to: STDOUT_FILENO) else {
                throw CLIError("cannot write the \(what) to standard output: \(InputFile.systemError())")
            }
            return
        }
        let staged = try StagedFile(path: path, what: what, mode: mode)
        try staged.write(bytes)
        try staged.commit()
    }

    /// Writes the ARPK: always a real file, created with mode 0600 whatever the umask or an
    /// existing file's mode.
    static func writeSecret(_ secret: SecretBytes, to path: String, what: String) throws(CLIError) {
        guard path != "-" else {
            throw CLIError("the \(what) is a secret and is written only to a file, not to standard output")
        }
        let staged = try StagedFile(path: path, what: what, mode: 0o600)
        try secret.withUnsafeBytes { (raw) throws(CLIError) in try staged.write(raw) }
        try staged.commit()
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
