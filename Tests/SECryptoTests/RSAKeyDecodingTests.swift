import Foundation
import Testing
import SECore
@testable import SECrypto
import SETestSupport

/// The seal key's quick decoding path (ASN.1 templates) against OpenSSL's generic decoder and
/// encoder: the same key, the same PKCS#1 DER (the seal secret is derived from it, so challenges
/// made before stay verifiable), and every other form still taken by the generic path.
@Suite struct RSAKeyDecodingTests {
    static let pkcs8PEM = Fixture.bytes("trustee/rsa/encrypt_key.pem")

    /// `openssl ARGUMENTS` with `input` on stdin; its stdout.
    static func openssl(_ arguments: [String], input: [UInt8] = []) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " ")) failed")
        return [UInt8](output)
    }

    static func bytes(_ secret: SecretBytes) -> [UInt8] { secret.withUnsafeBytes { Array($0) } }

    /// The four plain forms of one key: PKCS#8 and PKCS#1, PEM and DER.
    static func plainForms(of pem: [UInt8]) throws -> [(String, [UInt8])] {
        [("PKCS#8 PEM", pem),
         ("PKCS#1 PEM", try openssl(["pkey", "-traditional"], input: pem)),
         ("PKCS#8 DER", try openssl(["pkey", "-outform", "DER"], input: pem)),
         ("PKCS#1 DER", try openssl(["pkey", "-traditional", "-outform", "DER"], input: pem))]
    }

    @Test("PKCS#8 and PKCS#1, PEM and DER, 2048 to 4096 bits: the quick path decodes each, and its PKCS#1 DER is what OpenSSL's encoder writes")
    func quickPathMatchesOpenSSL() throws {
        let generated = try [3072, 4096].map { try Self.openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\($0)"]) }
        for pem in [Self.pkcs8PEM] + generated {
            let pkcs1 = try Self.openssl(["pkey", "-traditional", "-outform", "DER"], input: pem)
            for (form, encoded) in try Self.plainForms(of: pem) {
                let quick = try #require(RSAKeyDecoding.decode(encoded), "\(form) not taken by the quick path")
                let key = try RSAPrivateKey(owning: quick)
                #expect(Self.bytes(try key.pkcs1DER()) == pkcs1, "\(form)")
            }
        }
    }

    @Test("the seal secret is HMAC-SHA512 over the label keyed with the PKCS#1 DER (known answer for the trustee vectors' key)")
    func derivedSecretKnownAnswer() throws {
        let key = try RSAPrivateKey(encoded: Self.pkcs8PEM)
        let label = Array("se-attest coco seal secret v1".utf8)
        let pkcs1 = try Self.openssl(["pkey", "-traditional", "-outform", "DER"], input: Self.pkcs8PEM)
        let expected = try HMACSHA512.secretCode(key: SecretBytes(copying: pkcs1), label)
        #expect(Self.bytes(try key.derivedSecret(label: label)) == Self.bytes(expected))
    }

    @Test("forms the quick path leaves to OpenSSL's decoder: three primes, encrypted, PEM headers, trailing bytes, another first block, a bad '='")
    func otherFormsTakeTheGenericPath() throws {
        let threePrimes = try Self.openssl(["genrsa", "-primes", "3", "2048"])
        #expect(RSAKeyDecoding.decode(threePrimes) == nil)
        let key = try RSAPrivateKey(encoded: threePrimes)
        let generic = try Self.openssl(["pkey", "-traditional", "-outform", "DER"], input: threePrimes)
        #expect(Self.bytes(try key.pkcs1DER()) == generic, "three primes: the generic encoder's bytes")

        let encrypted = try Self.openssl(["pkey", "-aes256", "-passout", "pass:secret"], input: Self.pkcs8PEM)
        #expect(RSAKeyDecoding.decode(encrypted) == nil)
        #expect(throws: CryptoError.self) { try RSAPrivateKey(encoded: encrypted) }

        let legacyEncrypted = try Self.openssl(["rsa", "-traditional", "-aes256", "-passout", "pass:secret"], input: Self.pkcs8PEM)
        #expect(String(decoding: legacyEncrypted, as: UTF8.self).contains("Proc-Type:"))
        #expect(RSAKeyDecoding.decode(legacyEncrypted) == nil)

        let der = try Self.openssl(["pkey", "-outform", "DER"], input: Self.pkcs8PEM)
        #expect(RSAKeyDecoding.decode(der + [0]) == nil, "trailing byte after the DER")
        let certificateFirst = Array("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".utf8) + Self.pkcs8PEM
        #expect(RSAKeyDecoding.decode(certificateFirst) == nil)
        #expect(try RSAPrivateKey(encoded: certificateFirst).bits == 2048, "OpenSSL's reader skips the certificate")

        var text = String(decoding: Self.pkcs8PEM, as: UTF8.self)
        let body = try #require(text.range(of: "-----BEGIN PRIVATE KEY-----\n")).upperBound
        text.replaceSubrange(body..<text.index(body, offsetBy: 4), with: "MI==")
        #expect(RSAKeyDecoding.decode(Array(text.utf8)) == nil, "'=' before the end")

        let ec = try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        #expect(RSAKeyDecoding.decode(ec) == nil)
        #expect(throws: CryptoError.self) { try RSAPrivateKey(encoded: ec) }
    }
}
