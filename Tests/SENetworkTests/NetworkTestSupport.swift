import Foundation
import SENetwork

/// A client as the tests want it: short timeout, no proxy from the caller's environment.
func testClient(timeout: Double = 2, maxBodySize: Int = 1 << 20, downgrade: Bool = false, trust: String? = nil,
                proxies: ProxySettings = .none, observer: NetworkObserver? = nil) -> HTTPClient {
    var client = HTTPClient(userAgent: "se-attest-test", timeoutSeconds: timeout, maxBodySize: maxBodySize,
                            tlsTrustFile: trust, proxies: proxies, observer: observer)
    client.allowsHTTPSDowngrade = downgrade
    return client
}

/// What `body` returned or threw, and how many seconds it took.
func timed(_ body: () throws(NetworkError) -> [UInt8]) -> (result: Result<[UInt8], NetworkError>, seconds: Double) {
    let start = Date()
    let result = Result { () throws(NetworkError) in try body() }
    return (result, Date().timeIntervalSince(start))
}

extension Result where Failure == NetworkError {
    /// The error's kind; nil on success.
    var kind: NetworkError.Kind? {
        if case .failure(let error) = self { return error.kind }
        return nil
    }

    var message: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}

/// Collects a client's events (they arrive on the calling thread).
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [NetworkEvent] = []

    var observer: NetworkObserver { { [self] event in lock.withLock { events.append(event) } } }
    var all: [NetworkEvent] { lock.withLock { events } }
}
