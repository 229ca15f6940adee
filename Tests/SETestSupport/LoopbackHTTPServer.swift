import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.0 server on 127.0.0.1, plain or HTTPS, for CRL-download and firmware-service
/// tests: serves files (head and body in one write, or split across writes), answers 404,
/// redirects, gives a fixed reply to a POST, accepts a request and never answers, or plays a
/// misbehaving server (trickle, flood, lies) with `.stream`.
public final class LoopbackHTTPServer: @unchecked Sendable {
    public enum Behaviour: Sendable {
        /// `/<prefix>/<name>` (or `/<name>` for prefix "") is the file `<directory>/<name>`;
        /// `splitWrites` sends the head, then the body in two halves, 10 ms apart.
        case serve(directory: String, splitWrites: Bool = false)
        case notFound
        /// Reads the request, then holds the connection open without answering.
        case hang
        /// Answers 302 with the same file name under another prefix.
        case redirect(toPrefix: String)
        /// Answers 302 with `Location: <location>` as given (relative ones too).
        case redirectTo(location: String)
        /// Writes `head` as is, then `chunk` `count` times (nil: until the client hangs up or the
        /// server stops), `intervalMilliseconds` apart, then closes (over TLS after a close_notify
        /// alert, or abruptly without `closeNotify`, as a truncating attacker would).
        case stream(head: String, chunk: [UInt8], count: Int?, intervalMilliseconds: Int, closeNotify: Bool = true)
        /// Reads the request body (Content-Length), then answers `status` ("200 OK") with `body`.
        case reply(status: String, body: [UInt8])
    }

    public let port: UInt16
    public var origin: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)" }

    private let listener: Int32
    private let tls: LoopbackTLS?
    private var behaviours: [String: Behaviour]
    private let lock = NSLock()
    private var stopped = false
    private var paths: [String] = []
    private var received: [Request] = []

    /// A request as received: its head (request line and headers, CRLF-separated) and body.
    public struct Request: Sendable {
        public let head: String
        public let body: [UInt8]
    }

    /// `behaviours` is keyed by the first path segment; "" is for paths with only a file name.
    /// With `tls` the server speaks HTTPS with its certificate.
    public init(_ behaviours: [String: Behaviour], tls: LoopbackTLS? = nil) throws {
        self.behaviours = behaviours
        self.tls = tls
        signal(SIGPIPE, SIG_IGN)   // a client that hangs up on a stream must not end the test run
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 16) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else { close(listener); throw POSIXError(.EADDRINUSE) }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    /// Changes what requests under `prefix` get (e.g. once the files to serve exist).
    public func set(_ prefix: String, _ behaviour: Behaviour) {
        lock.withLock { behaviours[prefix] = behaviour }
    }

    /// The request paths received so far, in order.
    public var requestedPaths: [String] { lock.withLock { paths } }

    /// The requests received so far, in order.
    public var requests: [Request] { lock.withLock { received } }

    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while !isStopped {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { if isStopped { return } else { continue } }
            Thread.detachNewThread { [self] in handle(connection) }
        }
    }

    private func handle(_ fd: Int32) {
        defer { close(fd) }
        guard let connection = LoopbackStream(fd, tls: tls) else { return }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.containsHeaderEnd {
            let count = connection.read(&buffer)
            guard count > 0 else { return }
            request += buffer.prefix(count)
        }
        let headEnd = request.headerEnd
        let head = String(decoding: request[..<headEnd], as: UTF8.self)
        let contentLength = head.split(separator: "\r\n").lazy
            .compactMap { line -> Int? in
                let field = line.split(separator: ":", maxSplits: 1)
                guard field.count == 2, field[0].lowercased() == "content-length" else { return nil }
                return Int(field[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
        var body = Array(request[(headEnd + 4)...])
        while body.count < contentLength {
            let count = connection.read(&buffer)
            guard count > 0 else { return }
            body += buffer.prefix(count)
        }
        lock.withLock { received.append(Request(head: head, body: body)) }
        let line = String(decoding: request.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2 else { return respond(connection, status: "400 Bad Request", body: []) }
        let path = String(parts[1])
        lock.withLock { paths.append(path) }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let prefix = segments.count > 1 ? segments[0] : ""
        let name = segments.last ?? ""
        switch lock.withLock({ behaviours[prefix] }) ?? .notFound {
        case .serve(let directory, let splitWrites):
            if let data = FileManager.default.contents(atPath: directory + "/" + name) {
                respond(connection, status: "200 OK", body: [UInt8](data), splitWrites: splitWrites)
            } else {
                respond(connection, status: "404 Not Found", body: Array("not found".utf8))
            }
        case .notFound:
            respond(connection, status: "404 Not Found", body: Array("not found".utf8))
        case .hang:
            while !isStopped { usleep(50_000) }
        case .redirect(let target):
            let location = target.isEmpty ? "\(origin)/\(name)" : "\(origin)/\(target)/\(name)"
            respond(connection, status: "302 Found", body: [], extraHeaders: "Location: \(location)\r\n")
        case .redirectTo(let location):
            respond(connection, status: "302 Found", body: [], extraHeaders: "Location: \(location)\r\n")
        case .reply(let status, let body):
            respond(connection, status: status, body: body, contentType: "application/json")
        case .stream(let head, let chunk, let count, let interval, let closeNotify):
            guard connection.write(Array(head.utf8)) else { return }
            var sent = 0
            while count.map({ sent < $0 }) ?? true, !isStopped {
                usleep(useconds_t(interval * 1000))
                guard connection.write(chunk) else { return }
                sent += 1
            }
            if closeNotify { connection.closeNotify() }
        }
    }

    private func respond(_ connection: LoopbackStream, status: String, body: [UInt8], extraHeaders: String = "",
                         contentType: String = "application/pkix-crl", splitWrites: Bool = false) {
        let head = "HTTP/1.0 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
            + extraHeaders + "Connection: close\r\n\r\n"
        guard splitWrites else {
            _ = connection.write(Array(head.utf8) + body)
            return
        }
        for part in [Array(head.utf8), Array(body.prefix(body.count / 2)), Array(body.dropFirst(body.count / 2))] {
            guard connection.write(part) else { return }
            usleep(10_000)
        }
    }
}

private extension Array where Element == UInt8 {
    var containsHeaderEnd: Bool { headerEnd < count }

    /// Where the blank line after the headers starts (`count` if it has not arrived).
    var headerEnd: Int {
        guard count >= 4 else { return count }
        return (0...(count - 4)).first { self[$0] == 0x0D && self[$0 + 1] == 0x0A && self[$0 + 2] == 0x0D && self[$0 + 3] == 0x0A } ?? count
    }
}
