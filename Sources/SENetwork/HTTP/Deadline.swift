#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A call's one absolute deadline, and the one place a call waits: every wait for a socket
/// polls against it, so whatever the server does, the call ends by then. It also raises the
/// "still running" notice once, when the notice time passes during a wait.
final class Deadline {
    let timeoutMilliseconds: Int
    private let start: UInt64
    private let end: UInt64
    private var noticeAt: UInt64?
    private let notice: () -> Void

    init(timeoutMilliseconds: Int, noticeAfterMilliseconds: Int?, notice: @escaping () -> Void) {
        self.timeoutMilliseconds = timeoutMilliseconds
        let start = Self.now()
        self.start = start
        end = start + UInt64(max(0, timeoutMilliseconds)) * 1_000_000
        noticeAt = noticeAfterMilliseconds.map { start + UInt64(max(0, $0)) * 1_000_000 }
        self.notice = notice
    }

    /// Milliseconds since the call began.
    var elapsedMilliseconds: Int { Int((Self.now() - start) / 1_000_000) }

    /// Returns once `fd` is ready for `events` (or has an error or hang-up for the next read or
    /// write to find); throws `.timeout` once the deadline has passed.
    func wait(_ fd: Int32, for events: Int16) throws(NetworkError) {
        while true {
            let now = Self.now()
            guard now < end else { throw timedOut() }
            var wakeAt = end
            if let noticeAt {
                if now >= noticeAt {
                    self.noticeAt = nil
                    notice()
                    continue
                }
                wakeAt = min(wakeAt, noticeAt)
            }
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let milliseconds = Int32(clamping: (wakeAt - now + 999_999) / 1_000_000)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw NetworkError(.connect, "cannot wait for the connection: \(String(cString: strerror(errno)))") }
        }
    }

    func timedOut() -> NetworkError {
        NetworkError(.timeout, "no complete reply within \(Self.seconds(timeoutMilliseconds)) s")
    }

    /// `1500` → `"1.5"`: seconds for messages, without Foundation's formatting.
    static func seconds(_ milliseconds: Int) -> String {
        let fraction = milliseconds % 1000
        guard fraction != 0 else { return "\(milliseconds / 1000)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(milliseconds / 1000).\(digits)"
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
