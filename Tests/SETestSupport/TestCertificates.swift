import Foundation

/// Certificates that host-key verification must not trust, made on the fly.
public enum TestCertificates {
    /// The DER inside a PEM certificate.
    public static func der(fromPEM pem: [UInt8]) -> [UInt8] {
        let body = String(decoding: pem, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Data(base64Encoded: body).map { [UInt8]($0) } ?? []
    }

    /// `pem` as DER with the last byte of its signature flipped: it parses, names the same
    /// issuer and keys, and its signature no longer verifies.
    public static func brokenSignature(of pem: [UInt8]) -> [UInt8] {
        var der = der(fromPEM: pem)
        if !der.isEmpty { der[der.count - 1] ^= 0x01 }
        return der
    }

    /// A valid self-signed certificate (PEM, EC P-256) that is no one's issuer, whose CRL
    /// distribution point is `url`: a stray `--cert` certificate.
    public static func stray(distributionPoint url: String) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-stray-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                             "-keyout", directory + "/stray.key", "-out", directory + "/stray.crt", "-days", "36500",
                             "-subj", "/O=TEST stray/CN=TEST stray certificate",
                             "-addext", "crlDistributionPoints=URI:\(url)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: directory + "/stray.crt") else {
            throw POSIXError(.EIO)
        }
        return [UInt8](data)
    }
}
