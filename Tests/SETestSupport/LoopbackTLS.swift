import Foundation
import CSEOpenSSL
import CSETLSShims

/// A throw-away server certificate for 127.0.0.1 (P-256, one day), its key and a TLS server
/// context, for HTTPS tests; clients trust it through `certificateFile`.
public final class LoopbackTLS: @unchecked Sendable {
    public let certificateFile: String
    let context: OpaquePointer

    public init() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("se-attest-tls-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        certificateFile = directory + "/TEST-server.crt"
        let keyFile = directory + "/TEST-server.key"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                             "-subj", "/CN=TEST loopback", "-addext", "subjectAltName=IP:127.0.0.1",
                             "-keyout", keyFile, "-out", certificateFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let context = SSL_CTX_new(TLS_server_method()) else { throw POSIXError(.EIO) }
        self.context = context
        guard SSL_CTX_use_certificate_file(context, certificateFile, SSL_FILETYPE_PEM) == 1,
              SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else { throw POSIXError(.EIO) }
    }

    deinit {
        SSL_CTX_free(context)
        try? FileManager.default.removeItem(atPath: (certificateFile as NSString).deletingLastPathComponent)
    }
}

/// One accepted connection, plain or TLS (blocking, on the server's connection thread).
final class LoopbackStream {
    private let fd: Int32
    private let ssl: OpaquePointer?

    init?(_ fd: Int32, tls: LoopbackTLS?) {
        self.fd = fd
        guard let tls else { ssl = nil; return }
        guard let ssl = SSL_new(tls.context) else { return nil }
        self.ssl = ssl
        guard SSL_set_fd(ssl, fd) == 1, SSL_accept(ssl) == 1 else { return nil }
    }

    deinit {
        if let ssl { SSL_free(ssl) }
    }

    func read(_ buffer: inout [UInt8]) -> Int {
        buffer.withUnsafeMutableBytes { raw in
            if let ssl { return Int(SSL_read(ssl, raw.baseAddress, Int32(raw.count))) }
            return Glibc.read(fd, raw.baseAddress, raw.count)
        }
    }

    /// Over TLS, sends the close_notify alert that tells the client nothing was cut off.
    func closeNotify() {
        if let ssl { _ = SSL_shutdown(ssl) }
    }

    /// Writes all of `bytes`; false once the client has gone.
    func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { raw in
                if let ssl { return Int(SSL_write(ssl, raw.baseAddress, Int32(raw.count))) }
                return send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }
}
