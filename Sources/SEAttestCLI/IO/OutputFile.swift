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
    /// and the mode a new file gets (a replaced file keeps its own, except a secret).
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

        /// An ordinary output: mode 0666 less the umask, as any program's new file.
        init(bytes: [UInt8], path: String, what: String) {
            self.content = .bytes(bytes)
            self.path = path
            self.what = what
            self.mode = 0o666 & ~OutputFile.umaskValue
        }

        /// The ARPK: created with mode 0600 whatever the umask or an existing file's mode, and
        /// never written through a symbolic link.
        init(secret: SecretBytes, path: String, what: String) {
            self.content = .secret(secret)
            self.path = path
            self.what = what
            self.mode = 0o600
        }

        var isSecret: Bool {
            if case .secret = content { return true }
            return false
        }
    }

    /// Writes `bytes` to `path`; `-` is stdout. `what` names the output in errors.
    static func write(_ bytes: [UInt8], to path: String, what: String) throws(CLIError) {
        try write([Pending(bytes: bytes, path: path, what: what)])
    }

    /// The process's umask, read once (reading it means setting it, so it is set straight back).
    static let umaskValue: mode_t = {
        let mask = umask(0o077)
        umask(mask)
        return mask
    }()

    /// Writes several outputs as one step: every file is staged and made durable first, then
    /// renamed into place (and its folder synced), then stdout, devices and pipes are written. When a step fails, the
    /// files already renamed are taken back (an existing file gets its old content back), so
    /// a failure leaves none of the outputs behind.
    static func write(_ outputs: [Pending]) throws(CLIError) {
        var staged: [StagedFile] = []
        var toStandardOutput: [UInt8] = []
        var inPlace: [(bytes: [UInt8], output: Pending)] = []
        for output in outputs {
            switch (output.content, output.path) {
            case (.secret, "-"):
                throw CLIError("the \(output.what) is a secret and is written only to a file, not to standard output")
            case (.bytes(let bytes), "-"):
                toStandardOutput += bytes
            case (.secret, let path) where isDeviceOrPipe(path) || openDescriptor(named: path) != nil:
                throw CLIError(path: path, "the \(output.what) is a secret and is written only to a regular file, not to a device or pipe")
            case (.bytes(let bytes), let path) where isDeviceOrPipe(path) || openDescriptor(named: path) != nil:
                inPlace.append((bytes, output))
            case (.bytes(let bytes), _):
                let file = try StagedFile(output)
                try file.write(bytes)
                staged.append(file)
            case (.secret(let secret), _):
                let file = try StagedFile(output)
                try secret.withUnsafeBytes { (raw) throws(CLIError) in try file.write(raw) }
                staged.append(file)
            }
        }
        for file in staged {
            try file.prepare()
        }
        var placed: [StagedFile] = []
        do throws(CLIError) {
            for file in staged {
                try file.putInPlace()
                placed.append(file)
            }
            for file in placed {
                try file.syncFolder()
            }
            if !toStandardOutput.isEmpty, !FileDescriptorWriter.writeAll(toStandardOutput, to: STDOUT_FILENO) {
                throw CLIError("cannot write to standard output: \(InputFile.systemError())")
            }
            for (bytes, output) in inPlace {
                try writeInPlace(bytes, to: output)
            }
        } catch {
            for file in placed.reversed() {
                file.takeBack()
            }
            throw error
        }
        for file in placed {
            file.settle()
        }
    }
}

extension OutputFile {
    /// Whether `path` names an existing device, FIFO or socket (`/dev/null`, `/dev/stdout`, a
    /// named pipe, `>(cmd)`): such a file cannot be replaced by a rename, and must not be (as
    /// root, renaming over `/dev/null` would replace the device with a regular file).
    static func isDeviceOrPipe(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// The descriptor a path names that stands for one of this process's open files:
    /// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`. Such an output is written to
    /// that descriptor as it is: reopening the path would start a file that the shell opened for
    /// appending (`-o /dev/stdout >> log`) at offset 0, and replacing it would destroy the file.
    static func openDescriptor(named path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                let number = path.dropFirst(prefix.count)
                guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) else { return nil }
                return Int32(number)
            }
            return nil
        }
    }

    /// Writes straight into a device, pipe or open descriptor, as to stdout.
    private static func writeInPlace(_ bytes: [UInt8], to output: Pending) throws(CLIError) {
        let descriptor = openDescriptor(named: output.path)
        let fd = descriptor ?? open(output.path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIError(path: output.path, "cannot open the \(output.what): \(InputFile.systemError())")
        }
        defer { if descriptor == nil { close(fd) } }
        // Checked again on the open file: a regular file put at the path since the check would
        // be overwritten in place, not replaced.
        var info = stat()
        guard fstat(fd, &info) == 0, descriptor != nil || (info.st_mode & S_IFMT) != S_IFREG else {
            throw CLIError(path: output.path, "cannot write the \(output.what): the path became a regular file while se-attest ran")
        }
        guard FileDescriptorWriter.writeAll(bytes, to: fd) else {
            throw CLIError(path: output.path, "cannot write the \(output.what): \(InputFile.systemError())")
        }
    }
}

/// An output being written under a temporary name next to its final path. Unless it is
/// settled, it leaves nothing behind: the temporary file is removed, and once put in place it
/// can be taken back (an existing file at the path is kept as a hard link until then, or as a
/// copy where the file system has no hard links).
///
/// A path that is a symbolic link to a regular file is replaced at the link's target, so the
/// link stays and now points to the new content. A killed process may leave the temporary file
/// `.NAME.XXXXXX` (`.se-attest.XXXXXX` when NAME is too long for that) and the kept previous
/// file `.NAME.previous-PID` (`.se-attest.previous-PID`, `.N` appended when taken) in the
/// target's folder. Other hard links to a replaced file keep the old content.
final class StagedFile {
    /// The path as given, for errors.
    private let path: String
    /// What is replaced: `path`, or the file its symbolic link points to.
    private let target: String
    private let temporaryPath: String
    private let what: String
    private var fd: Int32
    /// The previous file at `target`, linked under a temporary name while this one is in place.
    private var backupPath: String?
    private var state = State.writing

    private enum State { case writing, prepared, placed, settled }

    /// Creates the temporary file with the mode (and, as root, the owner) of the file it will
    /// replace; a new file, and a secret always, gets `output.mode`.
    init(_ output: OutputFile.Pending) throws(CLIError) {
        path = output.path
        what = output.what
        target = try Self.target(of: output)
        var template = Array(Self.siblingName(of: target, suffix: "XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else {
            throw CLIError(path: path, "cannot create the \(what): \(Self.temporaryFileFailure(in: target))")
        }
        temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var existing = stat()
        let replaces = stat(target, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG
        let keepsOwner = !replaces || geteuid() != 0 || fchown(fd, existing.st_uid, existing.st_gid) == 0
        let mode = replaces && !output.isSecret ? existing.st_mode & 0o7777 : output.mode
        guard keepsOwner, fcntl(fd, F_SETFD, FD_CLOEXEC) == 0, fchmod(fd, mode) == 0 else {
            let reason = InputFile.systemError()
            close(fd)
            unlink(temporaryPath)
            throw CLIError(path: path, "cannot create the \(what): \(reason)")
        }
    }

    deinit {
        switch state {
        case .writing, .prepared:
            if fd >= 0 { close(fd) }
            unlink(temporaryPath)
        case .placed:
            takeBack()
        case .settled:
            break
        }
    }

    /// The file to replace: `path`, or the regular file its symbolic link leads to. A dangling
    /// link or a loop is refused (the user meant an existing file), and a secret never follows
    /// a link.
    private static func target(of output: OutputFile.Pending) throws(CLIError) -> String {
        var info = stat()
        guard lstat(output.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return output.path }
        guard !output.isSecret else {
            throw CLIError(path: output.path, "the \(output.what) is a secret and is not written through a symbolic link; give the file itself")
        }
        guard let resolved = realpath(output.path, nil) else {
            let code = errno
            let problem = code == ENOENT ? "to a missing file" : "that cannot be followed"
            throw CLIError(path: output.path, "cannot create the \(output.what): it is a symbolic link \(problem) (\(InputFile.systemError(code)))")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Why the temporary file could not be made in `target`'s folder, saying that it was the
    /// temporary file (the output itself may well be writable).
    private static func temporaryFileFailure(in target: String) -> String {
        let code = errno
        let folder = folder(of: target)
        if code == ENOENT {
            return "its folder \(CLIError.quote(folder)) does not exist"
        }
        if code == ENOTDIR {
            return "its folder \(CLIError.quote(folder)) is not a folder (a part of that path is a file)"
        }
        return "its folder \(CLIError.quote(folder)) cannot take the temporary file it is written to first (\(InputFile.systemError(code)))"
    }

    /// The folder part of `path` with its slash, `.` for a bare name.
    private static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
    }

    /// `.name.SUFFIX` in the folder of `path`, or `.se-attest.SUFFIX` when that would be longer
    /// than a file name may be: same file system, so renames are atomic.
    private static func siblingName(of path: String, suffix: String) -> String {
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        let sibling = ".\(name).\(suffix)"
        return folder + (sibling.utf8.count <= maxNameLength ? sibling : ".se-attest.\(suffix)")
    }

    /// NAME_MAX of Linux file systems.
    private static let maxNameLength = 255
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

    /// Makes the content durable and checks that the path can take a file.
    func prepare() throws(CLIError) {
        guard fsync(fd) == 0, close(fd) == 0 else {
            throw CLIError(path: path, "cannot write the \(what): \(InputFile.systemError())")
        }
        fd = -1
        state = .prepared
        var info = stat()
        if lstat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw CLIError(path: path, "cannot create the \(what): it is a directory")
        }
    }

    /// Renames the file into place, keeping an existing file as a hard link until `settle`.
    func putInPlace() throws(CLIError) {
        var info = stat()
        if lstat(target, &info) == 0 {
            backupPath = try keepPrevious()
        }
        guard rename(temporaryPath, target) == 0 else {
            let reason = InputFile.systemError()
            if let backupPath { unlink(backupPath) }
            backupPath = nil
            throw CLIError(path: path, "cannot create the \(what): \(reason)")
        }
        state = .placed
    }

    /// Links the file at `target` as `.NAME.previous-PID`, or `.NAME.previous-PID.N` when that
    /// name is taken (a user's file, or another output's link when both names are too long and
    /// fall back to `.se-attest.`): an existing file is never removed to make room. Where the
    /// file system has no hard links (FAT, many network and FUSE file systems), a file this
    /// user may write is copied instead; one it may not write stays refused, as before.
    private func keepPrevious() throws(CLIError) -> String {
        var suffix = "previous-\(getpid())"
        var code: Int32 = EEXIST
        for attempt in 2...Self.maxBackupAttempts {
            let backup = Self.siblingName(of: target, suffix: suffix)
            if link(target, backup) == 0 { return backup }
            code = errno
            if Self.withoutHardLinks.contains(code), faccessat(AT_FDCWD, target, W_OK, AT_EACCESS) == 0 {
                code = Self.copy(target, to: backup)
                if code == 0 { return backup }
            }
            guard code == EEXIST else { break }
            suffix = "previous-\(getpid()).\(attempt)"
        }
        throw CLIError(path: path, "cannot replace the \(what): \(InputFile.systemError(code))")
    }

    /// What link(2) answers where a file system has no hard links: FAT (EPERM), network file
    /// systems (EOPNOTSUPP), FUSE file systems without them (ENOSYS), or too many links (EMLINK).
    private static let withoutHardLinks: Set<Int32> = [EPERM, EOPNOTSUPP, ENOSYS, EMLINK]

    /// Copies the regular file `source` to the new file `backup` (never an existing one) with
    /// its content and mode, made durable; 0, or the errno of the failure (the copy removed).
    /// The buffer is secret storage: the previous file may be an ARPK.
    private static func copy(_ source: String, to backup: String) -> Int32 {
        let input = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard input >= 0 else { return errno }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0 else { return errno }
        let output = open(backup, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { return errno }
        let buffer = SecretBytes(count: 1 << 16)
        var failure: Int32 = buffer.withUnsafeMutableBytes { raw -> Int32 in
            while true {
                let count = read(input, raw.baseAddress, raw.count)
                if count == 0 { return 0 }
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                guard FileDescriptorWriter.writeAll(UnsafeRawBufferPointer(rebasing: raw[..<count]), to: output) else { return errno }
            }
        }
        if failure == 0, fchmod(output, info.st_mode & 0o7777) != 0 || fsync(output) != 0 { failure = errno }
        if close(output) != 0, failure == 0 { failure = errno }
        if failure != 0 { unlink(backup) }
        return failure
    }

    /// How many names `keepPrevious` tries before it gives up.
    private static let maxBackupAttempts = 100

    /// Makes the rename durable: until the folder is synced, a power loss can bring the old
    /// file back (or none) after se-attest said it wrote the new one. A folder that cannot be
    /// opened for reading (mode 0333) or whose file system cannot sync folders (EINVAL) is left
    /// to the file system.
    func syncFolder() throws(CLIError) {
        let folder = Self.folder(of: target)
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard fsync(fd) == 0 || errno == EINVAL else {
            throw CLIError(path: path, "cannot write the \(what): its folder \(CLIError.quote(folder)) cannot be synced (\(InputFile.systemError()))")
        }
    }

    /// Undoes `putInPlace`: the previous file returns, or the new one is removed.
    func takeBack() {
        guard state == .placed else { return }
        if let backupPath {
            rename(backupPath, target)
        } else {
            unlink(target)
        }
        state = .settled
    }

    /// The output stays; the kept previous file goes.
    func settle() {
        if let backupPath { unlink(backupPath) }
        state = .settled
    }
}
