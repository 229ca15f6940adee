import SENetwork

/// How downloads show on stderr: a notice when one is still running after a second (hidden by
/// `-q`), each URL with its status, size and time at `-v`, the HTTP exchange at `-vvv`.
extension Diagnostics {
    var downloadObserver: NetworkObserver {
        { [self] event in
            switch event {
            case .started(let url):
                trace("download \(url)")
            case .slow(let url):
                result("still downloading \(url) ...")
            case .requestHead(let url, let lines):
                trace("to \(url):", lines.map { "  > \($0)" })
            case .replyHead(let url, let lines):
                trace("from \(url):", lines.map { "  < \($0)" })
            case .redirected(let url, let target):
                info("\(url) redirects to \(target)")
            case .finished(let url, let status, let bytes, let milliseconds):
                info("downloaded \(url): HTTP \(status), \(bytes) bytes in \(Self.seconds(milliseconds)) s")
            case .failed(let url, let error, let milliseconds):
                info("download of \(url) failed after \(Self.seconds(milliseconds)) s: \(error.message)")
            }
        }
    }

    /// `1234` → `"1.234"`.
    private static func seconds(_ milliseconds: Int) -> String {
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
