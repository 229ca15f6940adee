#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import SECore

/// An SE header or a whole SE image read by offset with `pread`, so a large image costs only
/// the few pages the header search looks at. A pipe or device (`<(cmd)`, a FIFO) cannot be read
/// by offset; it is read whole instead, as stdin is.
final class FileBytes: RandomAccessBytes {
    private let fd: Int32
    private let streamed: [UInt8]?
    let count: Int

    init(path: String, what: String) throws(CLIError) {
        let fd = try InputFile.open(path, what: what)
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFBLK {
            let end = lseek(fd, 0, SEEK_END)
            guard end >= 0 else {
                close(fd)
                throw CLIError(path: path, "cannot read the \(what): \(InputFile.systemError())")
            }
            self.fd = fd
            streamed = nil
            count = Int(end)
        } else {
            defer { close(fd) }
            let bytes = try InputFile.readAll(fd: fd, path: path, what: what, maxSize: InputFile.maxSize)
            self.fd = -1
            streamed = bytes
            count = bytes.count
        }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    func read(at offset: Int, count wanted: Int) -> [UInt8]? {
        if let streamed { return streamed.read(at: offset, count: wanted) }
        guard offset >= 0, wanted >= 0, offset <= count, wanted <= count - offset else { return nil }
        var bytes = [UInt8](repeating: 0, count: wanted)
        var done = 0
        while done < wanted {
            let got = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(fd, $0 + done, wanted - done, off_t(offset + done)) } ?? -1
            }
            if got < 0, errno == EINTR { continue }
            if got <= 0 { return nil }
            done += got
        }
        return bytes
    }
}
