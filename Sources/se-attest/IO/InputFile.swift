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

    /// The whole file, or stdin for `-`; `what` names the input in errors ("response", ...).
    static func read(_ path: String, what: String, maxSize: Int = maxSize) throws(CLIError) -> [UInt8] {
        if path == "-" {
            return try readAll(fd: STDIN_FILENO, path: path, what: what, maxSize: maxSize)
        }
        let fd = try open(path, what: what)
        defer { close(fd) }
        return try readAll(fd: fd, path: path, what: what, maxSize: maxSize)
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

    private static func readAll(fd: Int32, path: String, what: String, maxSize: Int) throws(CLIError) -> [UInt8] {
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

/// An SE header or a whole SE image read by offset with `pread`, so a large image costs only
/// the few pages the header search looks at.
final class FileBytes: RandomAccessBytes {
    private let fd: Int32
    let count: Int

    init(path: String, what: String) throws(CLIError) {
        fd = try InputFile.open(path, what: what)
        let end = lseek(fd, 0, SEEK_END)
        guard end >= 0 else {
            close(fd)
            throw CLIError(path: path, "cannot read the \(what): \(InputFile.systemError())")
        }
        count = Int(end)
    }

    deinit { close(fd) }

    func read(at offset: Int, count wanted: Int) -> [UInt8]? {
        guard offset >= 0, wanted >= 0, offset <= count, wanted <= count - offset else { return nil }
        var bytes = [UInt8](repeating: 0, count: wanted)
        var done = 0
        while done < wanted {
            let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, wanted - done, off_t(offset + done)) }
            if got < 0, errno == EINTR { continue }
            if got <= 0 { return nil }
            done += got
        }
        return bytes
    }
}

extension SEHeader {
    /// The SE header in a header file or image at `path` (stdin for `-`).
    static func load(path: String, diagnostics: Diagnostics) throws(CLIError) -> SEHeader {
        do {
            let found: (header: SEHeader, location: SEHeaderLocation)
            if path == "-" {
                found = try SEHeader.locate(in: try InputFile.read(path, what: "SE header"))
            } else {
                found = try SEHeader.locate(in: try FileBytes(path: path, what: "SE header"))
            }
            if let warning = found.location.warning {
                diagnostics.warning("\(CLIError.quote(path)): \(warning)")
            }
            return found.header
        } catch let error as FormatError {
            throw CLIError(path: path, error.message)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(path: path, "\(error)")
        }
    }
}
