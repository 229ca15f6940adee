#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// getaddrinfo under the call's deadline: the C call cannot be given a timeout, so it runs on a
/// thread of its own that signals a pipe the caller polls. A caller whose deadline passes leaves;
/// the thread finishes in the background and frees what it holds.
final class AddressResolution: Sendable {
    private let host: String
    private let port: UInt16
    private let result = Mutex<Result<[Address], NetworkError>?>(nil)
    /// Read end for the caller, write end for the resolver thread; both closed on deinit.
    private let pipeEnds: (read: Int32, write: Int32)

    /// One resolved socket address.
    struct Address: Sendable {
        let family: Int32
        let bytes: [UInt8]
    }

    static func resolve(_ host: String, port: UInt16, deadline: Deadline) throws(NetworkError) -> [Address] {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw NetworkError(.connect, "cannot resolve \(host): no pipe") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let resolution = AddressResolution(host: host, port: port, pipeEnds: (ends[0], ends[1]))
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<AddressResolution>.fromOpaque(argument).takeRetainedValue().run()
            return nil
        }, Unmanaged.passRetained(resolution).toOpaque())
        guard started == 0 else {
            Unmanaged.passUnretained(resolution).release()
            throw NetworkError(.connect, "cannot resolve \(host): no thread")
        }
        pthread_detach(thread)
        while true {
            if let outcome = resolution.result.withLock({ $0 }) { return try outcome.get() }
            try deadline.wait(resolution.pipeEnds.read, for: Int16(POLLIN))
        }
    }

    private init(host: String, port: UInt16, pipeEnds: (read: Int32, write: Int32)) {
        self.host = host
        self.port = port
        self.pipeEnds = pipeEnds
    }

    deinit {
        close(pipeEnds.read)
        close(pipeEnds.write)
    }

    private func run() {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        var addresses: [Address] = []
        var entry = list
        while let current = entry {
            if let address = current.pointee.ai_addr {
                let bytes = UnsafeRawBufferPointer(start: address, count: Int(current.pointee.ai_addrlen))
                addresses.append(Address(family: current.pointee.ai_family, bytes: Array(bytes)))
            }
            entry = current.pointee.ai_next
        }
        if list != nil { freeaddrinfo(list) }
        let outcome: Result<[Address], NetworkError> = status == 0 && !addresses.isEmpty
            ? .success(addresses)
            : .failure(NetworkError(.connect, "cannot resolve \(host): \(String(cString: gai_strerror(status)))"))
        result.withLock { $0 = outcome }
        var byte: UInt8 = 1
        _ = write(pipeEnds.write, &byte, 1)
    }
}
