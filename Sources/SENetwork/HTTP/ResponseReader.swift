/// Reads one HTTP/1.x reply from a connection with a cap on everything the server controls:
/// header bytes and lines, chunk-size lines, the body. A body ends only at its Content-Length,
/// its last chunk, or the connection closing when it has neither; anything short of that is an
/// error, never a shorter body.
struct ResponseReader {
    struct Head {
        let status: Int
        /// The status line and the header lines, as received (for the trace).
        let lines: [String]
        /// Header names in lower case.
        let fields: [(name: String, value: String)]

        func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }
    }

    static let maxHeaderBytes = 64 * 1024
    static let maxHeaderLines = 200

    private let connection: Connection
    private let url: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false

    init(connection: Connection, url: String) {
        self.connection = connection
        self.url = url
    }

    /// Whether bytes arrived that nothing has read (after a CONNECT reply: a broken proxy).
    var hasUnreadBytes: Bool { position < buffer.count }

    /// The reply's status line and headers; interim 1xx replies are skipped (within the same caps).
    mutating func head() throws(NetworkError) -> Head {
        var budget = Self.maxHeaderBytes
        var lineBudget = Self.maxHeaderLines
        while true {
            var lines: [String] = []
            while true {
                guard let line = try nextLine(budget: &budget, what: "the reply's headers exceed \(Self.maxHeaderBytes / 1024) KiB") else {
                    throw NetworkError(.truncated, "the connection to \(url) closed before the reply's headers ended")
                }
                if line.isEmpty { break }
                lineBudget -= 1
                guard lineBudget >= 0 else { throw NetworkError(.tooLarge, "the reply has more than \(Self.maxHeaderLines) header lines") }
                lines.append(line)
            }
            guard let statusLine = lines.first else { continue }   // stray blank line before the status
            let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, parts[1].allSatisfy(\.isASCII),
                  let status = Int(parts[1]), status >= 100 else {
                throw NetworkError(.malformedReply, "not an HTTP reply")
            }
            if (100..<200).contains(status) { continue }
            var fields: [(name: String, value: String)] = []
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                    throw NetworkError(.malformedReply, "a malformed header line in the reply")
                }
                fields.append((line[..<colon].lowercased(), String(line[line.index(after: colon)...]).trimmingSpaces))
            }
            return Head(status: status, lines: lines, fields: fields)
        }
    }

    /// The body after `head`, at most `limit` bytes.
    mutating func body(after head: Head, limit: Int) throws(NetworkError) -> [UInt8] {
        let tooLarge = NetworkError(.tooLarge, "the reply from \(url) is larger than \(Self.size(limit))")
        if let encoding = head.field("transfer-encoding") {
            guard encoding.lowercased() == "chunked" else {
                throw NetworkError(.malformedReply, "unsupported Transfer-Encoding '\(encoding)'")
            }
            return try chunked(limit: limit, tooLarge: tooLarge)
        }
        let lengths = Set(head.fields.filter { $0.name == "content-length" }.map(\.value))
        guard lengths.count <= 1 else { throw NetworkError(.malformedReply, "conflicting Content-Length headers") }
        guard let text = lengths.first else { return try untilClosed(limit: limit, tooLarge: tooLarge) }
        guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let length = Int(text) else {
            throw NetworkError(.malformedReply, "an invalid Content-Length '\(text)'")
        }
        guard length <= limit else { throw tooLarge }
        let body = try take(length)
        guard body.count == length else {
            throw NetworkError(.truncated, "the reply from \(url) ends after \(body.count) of \(length) bytes (Content-Length)")
        }
        return body
    }

    private mutating func untilClosed(limit: Int, tooLarge: NetworkError) throws(NetworkError) -> [UInt8] {
        var body = Array(buffer[position...])
        position = buffer.count
        guard body.count <= limit else { throw tooLarge }
        while true {
            let bytes = try connection.read(maximum: 16 * 1024)
            if bytes.isEmpty {
                // The close is the only framing here, so it must be the server's (RFC 9112 section 9.8).
                guard connection.endIsAuthentic else {
                    throw NetworkError(.truncated, "the reply from \(url) has no length and its TLS connection closed without close_notify: it may be cut short")
                }
                return body
            }
            body += bytes
            guard body.count <= limit else { throw tooLarge }
        }
    }

    private mutating func chunked(limit: Int, tooLarge: NetworkError) throws(NetworkError) -> [UInt8] {
        var body: [UInt8] = []
        var budget = Self.maxHeaderBytes   // chunk-size lines and trailers together
        let cut = NetworkError(.truncated, "the chunked reply from \(url) ends before its last chunk")
        while true {
            guard let line = try nextLine(budget: &budget, what: "the chunk headers of the reply exceed their cap") else { throw cut }
            let digits = line.prefix { $0 != ";" }.trimmingSpaces
            // Hex digits only: Int(_:radix:) alone would take "-0" (an early end) and "+5".
            guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy(\.isHexDigit), let size = Int(digits, radix: 16) else {
                throw NetworkError(.malformedReply, "an invalid chunk size in the reply")
            }
            if size == 0 { break }
            guard size <= limit - body.count else { throw tooLarge }
            let chunk = try take(size)
            guard chunk.count == size else { throw cut }
            body += chunk
            guard try nextLine(budget: &budget, what: "the chunk headers of the reply exceed their cap")?.isEmpty == true else {
                throw NetworkError(.malformedReply, "a chunk not followed by CRLF in the reply")
            }
        }
        while let trailer = try nextLine(budget: &budget, what: "the reply's trailers exceed their cap") {
            if trailer.isEmpty { return body }
        }
        throw cut
    }

    /// The next line without its line end (CRLF or LF); nil when the connection closes first.
    private mutating func nextLine(budget: inout Int, what: String) throws(NetworkError) -> String? {
        var searched = position
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                var end = newline
                if end > position && buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                budget -= newline + 1 - position
                guard budget >= 0 else { throw NetworkError(.tooLarge, what) }
                position = newline + 1
                compact()
                return line
            }
            searched = buffer.count
            guard buffer.count - position <= budget else { throw NetworkError(.tooLarge, what) }
            guard try fill() else { return nil }
        }
    }

    /// Exactly `count` bytes, fewer only when the connection closes first.
    private mutating func take(_ count: Int) throws(NetworkError) -> [UInt8] {
        while buffer.count - position < count {
            guard try fill() else { break }
        }
        let end = position + min(count, buffer.count - position)
        let bytes = Array(buffer[position..<end])
        position = end
        compact()
        return bytes
    }

    /// Reads more into the buffer; false at the end of the stream.
    private mutating func fill() throws(NetworkError) -> Bool {
        guard !ended else { return false }
        let bytes = try connection.read(maximum: 16 * 1024)
        if bytes.isEmpty { ended = true; return false }
        buffer += bytes
        return true
    }

    private mutating func compact() {
        if position > 64 * 1024 || position == buffer.count {
            buffer.removeFirst(position)
            position = 0
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : bytes % 1024 == 0 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (header values; no Foundation here).
    var trimmingSpaces: String {
        let isSpace = { (character: Character) in character == " " || character == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
