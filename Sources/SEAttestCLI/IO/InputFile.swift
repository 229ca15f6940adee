#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import SECore

/// Reading inputs: whole small files (`-` is stdin), and SE images by offset.
enum InputFile {
    /// Larger inputs are refused before they are read: no format se-attest reads whole comes
    /// near this (a request is at most 1 MiB plus a header).
    static let maxSize = 64 << 20

    /// Whether an input already consumed stdin; a second `-` would read nothing. Commands run on
    /// one thread, once per process.
    nonisolated(unsafe) private static var standardInputTaken = false

    /// The whole file, or stdin for `-`; `what` names the input in errors ("response", ...).
    static func read(_ path: String, what: String, maxSize: Int = maxSize) throws(CLIError) -> [UInt8] {
        if path == "-" {
            guard !standardInputTaken else {
                throw CLIError(path: path, "cannot read the \(what): standard input was already read for another input ('-' can stand for one input only)")
            }
            standardInputTaken = true
            return try readAll(fd: STDIN_FILENO, path: path, what: what, maxSize: maxSize)
        }
        let fd = try open(path, what: what)
        defer { close(fd) }
        return try readAll(fd: fd, path: path, what: what, maxSize: maxSize)
    }

    /// A secret file of exactly `size` bytes (the ARPK), read straight into wiped storage so no
    /// copy of it stays behind in ordinary memory. One byte more is read to tell a longer file.
    static func readSecret(_ path: String, what: String, size: Int) throws(CLIError) -> SecretBytes {
        let fd = try open(path, what: what)
        defer { close(fd) }
        let (buffer, filled) = try readSecret(fd: fd, path: path, what: what, capacity: size + 1)
        guard filled == size else {
            var info = stat()
            let actual = filled <= size ? filled : fstat(fd, &info) == 0 && Int(info.st_size) > size ? Int(info.st_size) : nil
            throw CLIError(path: path, "the \(what) has \(actual.map(String.init) ?? "more than \(size)") bytes, it must be exactly \(size) bytes long")
        }
        return buffer.subrange(0..<size)
    }

    /// A secret file of at most `maxSize` bytes (the seal key's PEM), read into wiped storage.
    static func readSecret(_ path: String, what: String, maxSize: Int) throws(CLIError) -> SecretBytes {
        let fd = try open(path, what: what)
        defer { close(fd) }
        let (buffer, filled) = try readSecret(fd: fd, path: path, what: what, capacity: maxSize + 1)
        guard filled <= maxSize else {
            throw CLIError(path: path, "the \(what) has more than \(maxSize) bytes")
        }
        return buffer.subrange(0..<filled)
    }

    /// Up to `capacity` bytes of `fd` in secret storage, and how many were read.
    private static func readSecret(fd: Int32, path: String, what: String, capacity: Int) throws(CLIError) -> (SecretBytes, Int) {
        let buffer = SecretBytes(count: capacity)
        let filled = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var filled = 0
            while filled < raw.count {
                let count = Glibc.read(fd, base + filled, raw.count - filled)
                if count < 0, errno == EINTR { continue }
                if count < 0 { return -1 }
                if count == 0 { break }
                filled += count
            }
            return filled
        }
        guard filled >= 0 else {
            throw CLIError(path: path, "cannot read the \(what): \(systemError())")
        }
        return (buffer, filled)
    }

    static func open(_ path: String, what: String) throws(CLIError) -> Int32 {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIError(path: path, "cannot open the \(what): \(systemError())")
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw CLIError(path: path, "cannot read the \(what): it is a directory")
        }
        return fd
    }

    static func readAll(fd: Int32, path: String, what: String, maxSize: Int) throws(CLIError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIError(path: path, "cannot read the \(what): \(systemError())")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            guard bytes.count <= maxSize else {
                throw CLIError(path: path, "the \(what) is too large (more than \(maxSize) bytes)")
            }
        }
        return bytes
    }

    static func systemError(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
