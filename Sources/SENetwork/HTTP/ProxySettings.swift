#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import SECore

/// Which HTTP proxy a URL goes through, as OpenSSL's client (and curl) read it from the
/// environment: `http_proxy`/`HTTP_PROXY` for http://, `https_proxy`/`HTTPS_PROXY` for https://
/// (tunnelled with CONNECT), `no_proxy`/`NO_PROXY` for hosts reached directly. Loopback hosts
/// are always reached directly.
public struct ProxySettings: Sendable {
    /// `http://host[:port]` or `host[:port]` of the proxy for http:// URLs.
    public var http: String?
    /// The same for https:// URLs.
    public var https: String?
    /// Host names (and domain suffixes) reached without a proxy; `*` means all.
    public var noProxy: [String]

    /// Explicit settings (tests, or a caller that does not want the environment's).
    public init(http: String? = nil, https: String? = nil, noProxy: [String] = []) {
        self.http = http
        self.https = https
        self.noProxy = noProxy
    }

    /// No proxy at all.
    public static let none = ProxySettings()

    /// The settings the environment gives.
    public static func fromEnvironment() -> ProxySettings {
        func variable(_ name: String) -> String? {
            for spelling in [name, name.uppercased()] {
                if let value = getenv(spelling), value.pointee != 0 { return String(cString: value) }
            }
            return nil
        }
        let exempt = variable("no_proxy").map { $0.split { $0 == "," || $0 == " " }.map(String.init) } ?? []
        return ProxySettings(http: variable("http_proxy"), https: variable("https_proxy"), noProxy: exempt)
    }

    /// The proxy to connect to for `url`, nil for a direct connection.
    func proxy(for url: HTTPURL) throws(NetworkError) -> HTTPURL? {
        guard let setting = url.isTLS ? https : http, !setting.isEmpty else { return nil }
        let host = url.host.lowercased()
        guard !["localhost", "127.0.0.1", "::1"].contains(host) else { return nil }
        for entry in noProxy {
            let suffix = entry.lowercased().drop { $0 == "." }
            if suffix == "*" || host == suffix || host.hasSuffix("." + suffix) { return nil }
        }
        do {
            let proxy = try HTTPURL(ByteSearch.contains("://", in: Array(setting.utf8)) ? setting : "http://" + setting)
            guard !proxy.isTLS else { throw NetworkError(.proxy, "") }
            return proxy
        } catch {
            // Not the setting itself: it may hold a password.
            throw NetworkError(.proxy, "the proxy in \(url.isTLS ? "https_proxy" : "http_proxy") is not an http:// proxy without credentials")
        }
    }
}
