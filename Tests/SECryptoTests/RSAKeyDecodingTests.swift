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

    static func bytes(_ secret: SecretBytes) -> [UInt8] { secret.withUnsafeBytes { Array($0) } }

    /// The four plain forms of one key: PKCS#8 and PKCS#1, PEM and DER.
    static func plainForms(of pem: [UInt8]) throws -> [(String, [UInt8])] {
        [("PKCS#8 PEM", pem),
         ("PKCS#1 PEM", try openssl(["pkey", "-traditional"], input: pem)),
         ("PKCS#8 DER", try openssl(["pkcs8", "-topk8", "-nocrypt", "-outform", "DER"], input: pem)),
         ("PKCS#1 DER", try openssl(["pkey", "-traditional", "-outform", "DER"], input: pem))]
    }

    @Test("PKCS#8 and PKCS#1, PEM and DER, 2048 to 4096 bits: the quick path decodes each, and its PKCS#1 DER, kept from decoding or taken out of the key, is what OpenSSL's encoder writes")
    func quickPathMatchesOpenSSL() throws {
        let generated = try [3072, 4096].map { try openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\($0)"]) }
        for pem in [Self.pkcs8PEM] + generated {
            let pkcs1 = try openssl(["pkey", "-traditional", "-outform", "DER"], input: pem)
            for (form, encoded) in try Self.plainForms(of: pem) {
                let quick = try #require(RSAKeyDecoding.decode(encoded), "\(form) not taken by the quick path")
                #expect(Self.bytes(try #require(quick.pkcs1, "\(form): no DER kept")) == pkcs1, "\(form)")
                #expect(Self.bytes(try RSAPrivateKey(encoded: encoded).pkcs1DER()) == pkcs1, "\(form)")
                let extracted = try RSAPrivateKey(owning: quick.pkey)
                #expect(Self.bytes(try extracted.pkcs1DER()) == pkcs1, "\(form): taken out of the key")
            }
        }
    }

    @Test("the seal secret is HMAC-SHA512 over the label keyed with the PKCS#1 DER (known answer for the trustee vectors' key)")
    func derivedSecretKnownAnswer() throws {
        let key = try RSAPrivateKey(encoded: Self.pkcs8PEM)
        let label = Array("se-attest coco seal secret v1".utf8)
        let pkcs1 = try openssl(["pkey", "-traditional", "-outform", "DER"], input: Self.pkcs8PEM)
        let expected = try HMACSHA512.secretCode(key: SecretBytes(copying: pkcs1), label)
        #expect(Self.bytes(try key.derivedSecret(label: label)) == Self.bytes(expected))
    }

    @Test("forms the quick path leaves to OpenSSL's decoder: three primes, encrypted, PEM headers, trailing bytes, another first block, a bad '=', PKCS#1 labelled PKCS#8")
    func otherFormsTakeTheGenericPath() throws {
        let threePrimes = try openssl(["genrsa", "-primes", "3", "2048"])
        #expect(RSAKeyDecoding.decode(threePrimes) == nil)
        let key = try RSAPrivateKey(encoded: threePrimes)
        let generic = try openssl(["pkey", "-traditional", "-outform", "DER"], input: threePrimes)
        #expect(Self.bytes(try key.pkcs1DER()) == generic, "three primes: the generic encoder's bytes")

        let encrypted = try openssl(["pkey", "-aes256", "-passout", "pass:secret"], input: Self.pkcs8PEM)
        #expect(RSAKeyDecoding.decode(encrypted) == nil)
        #expect(throws: CryptoError.self) { try RSAPrivateKey(encoded: encrypted) }

        let legacyEncrypted = try openssl(["rsa", "-traditional", "-aes256", "-passout", "pass:secret"], input: Self.pkcs8PEM)
        #expect(String(decoding: legacyEncrypted, as: UTF8.self).contains("Proc-Type:"))
        #expect(RSAKeyDecoding.decode(legacyEncrypted) == nil)

        let der = try openssl(["pkcs8", "-topk8", "-nocrypt", "-outform", "DER"], input: Self.pkcs8PEM)
        #expect(RSAKeyDecoding.decode(der + [0]) == nil, "trailing byte after the DER")
        let certificateFirst = Array("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".utf8) + Self.pkcs8PEM
        #expect(RSAKeyDecoding.decode(certificateFirst) == nil)
        #expect(try RSAPrivateKey(encoded: certificateFirst).bits == 2048, "OpenSSL's reader skips the certificate")

        var text = String(decoding: Self.pkcs8PEM, as: UTF8.self)
        let body = try #require(text.range(of: "-----BEGIN PRIVATE KEY-----\n")).upperBound
        text.replaceSubrange(body..<text.index(body, offsetBy: 4), with: "MI==")
        #expect(RSAKeyDecoding.decode(Array(text.utf8)) == nil, "'=' before the end")

        // Labels as OpenSSL's reader takes them: PKCS#8 in "RSA PRIVATE KEY" yes, PKCS#1 in "PRIVATE KEY" no.
        let pkcs1Body = try openssl(["base64"], input: try openssl(["pkey", "-traditional", "-outform", "DER"], input: Self.pkcs8PEM)),
            pkcs8Body = try openssl(["base64"], input: der)
        let mislabelled = Array("-----BEGIN PRIVATE KEY-----\n".utf8) + pkcs1Body + Array("-----END PRIVATE KEY-----\n".utf8)
        #expect(RSAKeyDecoding.decode(mislabelled) == nil)
        #expect(throws: CryptoError.self) { try RSAPrivateKey(encoded: mislabelled) }
        let relabelled = Array("-----BEGIN RSA PRIVATE KEY-----\n".utf8) + pkcs8Body + Array("-----END RSA PRIVATE KEY-----\n".utf8)
        #expect(RSAKeyDecoding.decode(relabelled) != nil)
        #expect(try RSAPrivateKey(encoded: relabelled).bits == 2048)

        // Markers off their own lines: OpenSSL's reader refuses both, so the quick path must too.
        let lines = String(decoding: pkcs8Body, as: UTF8.self).trimmingCharacters(in: .newlines)
        for text in ["-----BEGIN PRIVATE KEY-----\(lines)\n-----END PRIVATE KEY-----\n",
                     "-----BEGIN PRIVATE KEY-----\n\(lines)-----END PRIVATE KEY-----\n"] {
            #expect(RSAKeyDecoding.decode(Array(text.utf8)) == nil)
            #expect(throws: CryptoError.self) { try RSAPrivateKey(encoded: Array(text.utf8)) }
        }
        // What it does take as OpenSSL does: one long line, blanks in lines and after the marker, CRLF.
        let oneLine = lines.replacingOccurrences(of: "\n", with: "")
        for text in ["-----BEGIN PRIVATE KEY-----\n\(oneLine)\n-----END PRIVATE KEY-----\n",
                     "-----BEGIN PRIVATE KEY-----  \r\n\(lines.replacingOccurrences(of: "\n", with: " \r\n"))\r\n-----END PRIVATE KEY-----\r\n"] {
            #expect(RSAKeyDecoding.decode(Array(text.utf8)) != nil)
            #expect(try openssl(["pkey", "-noout"], input: Array(text.utf8)) == [])
        }

        let ec = try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        #expect(RSAKeyDecoding.decode(ec) == nil)
        #expect(throws: CryptoError.self) { try RSAPrivateKey(encoded: ec) }
    }

    @Test("4,000 seeded mutants of the key's PEM and DER forms: whatever the quick path takes, OpenSSL's decoder takes as the same key")
    /// Another fixed seed: SE_ATTEST_MUTANT_SEED=N (68 seeds, 270,000 mutants, held when written).
    func neverLooserThanOpenSSL() throws {
        let seeds = try Self.plainForms(of: Self.pkcs8PEM).map(\.1)
        let inserts = Array("\n\r\t -=:A/+".utf8)
        var generator = SplitMix64(seed: UInt64(ProcessInfo.processInfo.environment["SE_ATTEST_MUTANT_SEED"] ?? "") ?? 0x5EA1_CE75)
        var taken = 0
        for _ in 0..<4_000 {
            var mutant = seeds.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                // Half of the changes at a line break or a marker's dash, where PEM's rules are.
                let structural = mutant.indices.filter { mutant[$0] == UInt8(ascii: "\n") || mutant[$0] == UInt8(ascii: "-") }
                let at = Bool.random(using: &generator) && !structural.isEmpty
                    ? structural.randomElement(using: &generator)! : Int.random(in: 0..<mutant.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutant.remove(at: at)
                case 1: mutant.insert(inserts.randomElement(using: &generator)!, at: at)
                default: mutant[at] = inserts.randomElement(using: &generator)!
                }
            }
            guard let quick = RSAKeyDecoding.decode(mutant) else { continue }
            taken += 1
            let generic = try #require(PrivateKeyDecoding.decode(mutant),
                                       "taken by the quick path only: \(String(decoding: mutant, as: UTF8.self).debugDescription)")
            // Both keys judged alike (a mutant may hold an RSA key of a refused size), and equal.
            let (fromQuick, fromGeneric) = (Result { try RSAPrivateKey(owning: quick.pkey, pkcs1: quick.pkcs1) },
                                            Result { try RSAPrivateKey(owning: generic) })
            switch (fromQuick, fromGeneric) {
            case (.success(let one), .success(let other)):
                #expect(Self.bytes(try one.pkcs1DER()) == Self.bytes(try other.pkcs1DER()))
            case (.failure(let one), .failure(let other)):
                #expect("\(one)" == "\(other)")
            default:
                Issue.record("judged differently: \(fromQuick) against \(fromGeneric)")
            }
        }
        #expect(taken > 100, "too few mutants decode to say anything")
    }
}
