#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What a path names on disk, so two spellings of one file (`./a`, `dir/../a`, a symlinked
/// folder, a hard link) compare equal and an output is never written over another output or
/// an input.
enum FileIdentity: Equatable {
    /// `-`: standard input or output.
    case standardStream
    /// A device, FIFO, socket or folder: written in place or refused on its own, never an alias.
    case notARegularFile
    /// An existing file.
    case file(device: UInt64, inode: UInt64)
    /// A file that does not exist yet: its resolved folder and its name.
    case name(String)

    init(path: String) {
        if path == "-" {
            self = .standardStream
            return
        }
        var info = stat()
        if stat(path, &info) == 0 {
            self = (info.st_mode & S_IFMT) == S_IFREG
                ? .file(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                : .notARegularFile
            return
        }
        let (folder, name) = Self.split(Self.followingLinks(path))
        self = .name(Self.resolved(folder) + "/" + name)
    }

    /// Where a chain of dangling symbolic links ends (at most 40 links, as the kernel allows).
    private static func followingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { break }
            let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : split(current).folder + "/" + link
        }
        return current
    }

    /// The folder of `path` (`.` for a bare name) and its last component.
    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// The canonical path of an existing folder; a missing one stays as spelled (the output
    /// will fail to be created there anyway).
    private static func resolved(_ folder: String) -> String {
        guard let canonical = realpath(folder, nil) else { return folder }
        defer { free(canonical) }
        return String(cString: canonical)
    }
}
