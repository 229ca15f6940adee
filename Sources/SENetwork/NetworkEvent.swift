/// What a download is doing, for a caller that shows progress; the library itself prints nothing.
/// Request and reply heads carry no secrets: se-attest sends no credentials.
public enum NetworkEvent: Sendable {
    /// A call to `url` begins.
    case started(url: String)
    /// The call to `url` is still running after the client's notice delay (once per call).
    case slow(url: String)
    /// The request line and header lines as sent to `url`.
    case requestHead(url: String, lines: [String])
    /// The status line and header lines as received from `url`.
    case replyHead(url: String, lines: [String])
    /// `url` redirected to `target`, which is requested next.
    case redirected(url: String, target: String)
    /// The call ended with HTTP status 200 and `bytes` of body after `milliseconds`.
    case finished(url: String, status: Int, bytes: Int, milliseconds: Int)
    /// The call failed after `milliseconds`.
    case failed(url: String, error: NetworkError, milliseconds: Int)
}

/// Receives a call's events, on the thread that runs the call (downloads run on several).
public typealias NetworkObserver = @Sendable (NetworkEvent) -> Void
