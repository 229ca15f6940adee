/// An http:// or https:// URL split into what a request needs. Everything is checked before it
/// reaches a request line: no spaces or control characters, no credentials, a valid port.
struct HTTPURL: Equatable {
    let isTLS: Bool
    /// The host name or address, IPv6 without brackets.
    let host: String
    let port: UInt16
    /// Path and query, starting with `/`.
    let target: String

    init(_ text: String) throws(NetworkError) {
        let invalid = NetworkError(.invalidURL, "not an http:// or https:// URL")
        guard text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw invalid }
        let withoutFragment = text.prefix { $0 != "#" }
        let scheme = withoutFragment.prefix { $0 != ":" }.lowercased()
        guard scheme == "http" || scheme == "https", withoutFragment.dropFirst(scheme.count).hasPrefix("://") else { throw invalid }
        isTLS = scheme == "https"
        let rest = withoutFragment.dropFirst(scheme.count + 3)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let path = rest.dropFirst(authority.count)
        target = path.isEmpty ? "/" : path.hasPrefix("?") ? "/" + path : String(path)
        guard !authority.contains("@") else { throw NetworkError(.invalidURL, "URLs with credentials are not supported") }
        var hostPart = authority[...]
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid }
                portPart = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { throw invalid }
        host = String(hostPart)
        if let portPart {
            guard !portPart.isEmpty, portPart.count <= 5, portPart.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = UInt16(portPart), number > 0 else {
                throw invalid
            }
            port = number
        } else {
            port = isTLS ? 443 : 80
        }
    }

    /// `host:port` as the Host header and CONNECT want it (the port only when not the default).
    var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isTLS ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// `host:port` with the port always given (CONNECT's request target).
    var hostAndPort: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    var text: String { (isTLS ? "https://" : "http://") + authority + target }

    /// The URL a `Location:` value names, relative ones resolved against this one (RFC 3986 section 5,
    /// for the forms servers send: absolute, `//host/path`, `/path`, `?query`, `name`).
    func resolving(_ reference: String) throws(NetworkError) -> HTTPURL {
        guard !reference.isEmpty else { throw NetworkError(.redirect, "a redirect without a location") }
        let scheme = reference.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        if scheme.count < reference.count, reference.dropFirst(scheme.count).hasPrefix(":"), scheme.first?.isLetter == true {
            return try HTTPURL(reference)
        }
        if reference.hasPrefix("//") { return try HTTPURL((isTLS ? "https:" : "http:") + reference) }
        let base = (isTLS ? "https://" : "http://") + authority
        let currentPath = target.prefix { $0 != "?" }
        if reference.hasPrefix("/") { return try HTTPURL(base + Self.removingDotSegments(reference)) }
        if reference.hasPrefix("?") { return try HTTPURL(base + currentPath + reference) }
        let directory = currentPath[...(currentPath.lastIndex(of: "/") ?? currentPath.startIndex)]
        return try HTTPURL(base + Self.removingDotSegments(directory + reference))
    }

    /// `/a/b/../c/./d` → `/a/c/d`; the query is left alone.
    private static func removingDotSegments(_ reference: String) -> String {
        let path = reference.prefix { $0 != "?" && $0 != "#" }
        var segments: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in parts.enumerated() {
            let last = index == parts.count - 1
            switch segment {
            case ".": if last { segments.append("") }
            case "..":
                _ = segments.popLast()
                if last { segments.append("") }
            default: segments.append(segment)
            }
        }
        return "/" + segments.joined(separator: "/") + reference.dropFirst(path.count)
    }
}
