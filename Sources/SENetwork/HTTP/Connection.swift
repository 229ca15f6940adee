#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One TCP connection, non-blocking, every wait under the call's deadline; TLS on top once
/// `startTLS` has run. Sends with MSG_NOSIGNAL, so a peer that closes early is an error, never
/// a SIGPIPE.
final class Connection {
    private let fd: Int32
    private let deadline: Deadline
    private var tls: TLSSession?

    /// Connects to the first address of `host` that accepts.
    init(host: String, port: UInt16, deadline: Deadline) throws(NetworkError) {
        self.deadline = deadline
        var failure = "no address"
        for address in try AddressResolution.resolve(host, port: port, deadline: deadline) {
            let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { failure = String(cString: strerror(errno)); continue }
            var connected = address.bytes.withUnsafeBytes {
                connect(fd, $0.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count))
            } == 0
            if !connected && errno == EINPROGRESS {
                do {
                    try deadline.wait(fd, for: Int16(POLLOUT))
                } catch {
                    close(fd)
                    throw error
                }
                var status: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                connected = getsockopt(fd, SOL_SOCKET, SO_ERROR, &status, &length) == 0 && status == 0
                errno = status
            }
            if connected {
                self.fd = fd
                return
            }
            failure = String(cString: strerror(errno))
            close(fd)
        }
        throw NetworkError(.connect, "cannot connect to \(host) port \(port): \(failure)")
    }

    deinit { close(fd) }

    /// Runs the TLS handshake over this connection; reads and writes are encrypted from here on.
    func startTLS(_ session: TLSSession) throws(NetworkError) {
        try session.handshake(over: self)
        tls = session
    }

    func write(_ bytes: [UInt8]) throws(NetworkError) {
        if let tls { try tls.write(bytes, over: self) } else { try writeSocket(bytes[...]) }
    }

    /// Up to `maximum` bytes, at least one; an empty array at the end of the stream.
    func read(maximum: Int) throws(NetworkError) -> [UInt8] {
        if let tls { return try tls.read(maximum: maximum, over: self) }
        return try readSocket(maximum: maximum)
    }

    /// Whether an end of stream that `read` reported is the server's own: always over plain TCP
    /// (nothing better exists), over TLS only after its close_notify.
    var endIsAuthentic: Bool { tls?.receivedCloseNotify ?? true }

    // The socket itself, for the TLS session's encrypted bytes.

    func writeSocket(_ bytes: ArraySlice<UInt8>) throws(NetworkError) {
        var remaining = bytes
        while !remaining.isEmpty {
            let count = remaining.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count > 0 {
                remaining = remaining.dropFirst(count)
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                try deadline.wait(fd, for: Int16(POLLOUT))
            } else {
                throw NetworkError(.truncated, "the connection broke while sending: \(String(cString: strerror(errno)))")
            }
        }
    }

    func readSocket(maximum: Int) throws(NetworkError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return Array(buffer.prefix(count)) }
            guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                throw NetworkError(.truncated, "the connection broke while receiving: \(String(cString: strerror(errno)))")
            }
            try deadline.wait(fd, for: Int16(POLLIN))
        }
    }
}
