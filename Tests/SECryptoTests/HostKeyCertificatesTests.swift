import CSEOpenSSL
import Foundation
import Testing
import SECore
@testable import SECrypto
import SETestSupport

/// A host-key document's key read without d2i_X509 (ASN.1 templates mirroring OpenSSL's
/// certificate) against `Certificate.loadAll`: the same key and count where it reads, the
/// generic path and its messages everywhere else.
@Suite struct HostKeyCertificatesTests {
    static let hostPEM = Fixture.bytes("pv/cert/host.crt")

    /// What the generic path makes of `bytes`: the first key's coordinate block and the count,
    /// or the error message.
    static func generic(_ bytes: [UInt8]) -> Result<([UInt8], Int), CryptoError> {
        Result { () throws(CryptoError) in
            let certificates = try Certificate.loadAll(from: bytes)
            return (try certificates[0].publicKey().coordinateBlock, certificates.count)
        }
    }

    /// Whether the first certificate `loadAll` reads holds the key the quick path takes: an
    /// id-ecPublicKey on the named curve secp521r1 as a whole-byte uncompressed point.
    static func holdsPlainKey(_ bytes: [UInt8]) -> Bool {
        guard let first = try? Certificate.loadAll(from: bytes).first,
              let bits = X509_get0_pubkey_bitstr(first.x509), let spki = X509_get_X509_PUBKEY(first.x509) else { return false }
        var algorithm: OpaquePointer?
        var parameterType: Int32 = 0
        var parameter: UnsafeRawPointer?
        var algorithmIdentifier: UnsafeMutablePointer<X509_ALGOR>?
        guard X509_PUBKEY_get0_param(&algorithm, nil, nil, &algorithmIdentifier, spki) == 1 else { return false }
        X509_ALGOR_get0(nil, &parameterType, &parameter, algorithmIdentifier)
        let point = UnsafeBufferPointer(start: ASN1_STRING_get0_data(bits), count: Int(ASN1_STRING_length(bits)))
        let unusedBits = bits.pointee.flags & Int(ASN1_STRING_FLAG_BITS_LEFT) != 0 ? bits.pointee.flags & 7 : 0
        return OBJ_obj2nid(algorithm) == NID_X9_62_id_ecPublicKey && parameterType == V_ASN1_OBJECT
            && OBJ_obj2nid(OpaquePointer(parameter)) == NID_secp521r1 && unusedBits == 0 && point.count == 133 && point.first == 4
    }

    /// A self-signed certificate for a fresh key made by `openssl genpkey ARGUMENTS`, in PEM.
    static func selfSigned(_ keyArguments: [String]) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-hkc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("key.pem").path
        _ = try openssl(["genpkey"] + keyArguments + ["-out", key])
        return try openssl(["req", "-new", "-x509", "-key", key, "-subj", "/CN=test", "-days", "1"])
    }

    static func pem(_ label: String, _ der: [UInt8]) throws -> [UInt8] {
        Array("-----BEGIN \(label)-----\n".utf8) + (try openssl(["base64"], input: der)) + Array("-----END \(label)-----\n".utf8)
    }

    @Test("every certificate file of the vectors reads as through loadAll: the same key and count, or the same message; the host-key documents by the quick path")
    func vectorsReadAsByLoadAll() throws {
        let folder = Fixture.url("pv/cert")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".crt") }
        #expect(names.count > 20)
        for name in names.sorted() {
            let bytes = Fixture.bytes("pv/cert/\(name)")
            let read = Result { () throws(CryptoError) in
                let certificates = try HostKeyCertificates(bytes: bytes)
                return (certificates.key.coordinateBlock, certificates.count)
            }
            switch (read, Self.generic(bytes)) {
            case (.success(let one), .success(let other)):
                #expect(one.0 == other.0 && one.1 == other.1, "\(name)")
            case (.failure(let one), .failure(let other)):
                #expect(one == other, "\(name)")
            default:
                Issue.record("\(name) read differently: \(read) against \(Self.generic(bytes))")
            }
            #expect((HostKeyCertificates.quickRead(bytes) != nil) == Self.holdsPlainKey(bytes), "\(name)")
        }
        for name in ["host.crt", "host2.crt", "host_rev.crt"] {
            #expect(HostKeyCertificates.quickRead(Fixture.bytes("pv/cert/\(name)")) != nil, "\(name) not taken by the quick path")
        }
        let der = try openssl(["x509", "-outform", "DER"], input: Self.hostPEM)
        #expect(HostKeyCertificates.quickRead(der) != nil, "DER not taken by the quick path")
    }

    @Test("the first certificate, decoded when asked for, is the one loadAll reads")
    func firstCertificateIsDecodedOnDemand() throws {
        let twoDocuments = Self.hostPEM + Fixture.bytes("pv/cert/host2.crt")
        let certificates = try HostKeyCertificates(bytes: twoDocuments)
        #expect(certificates.count == 2)
        let first = try certificates.firstCertificate()
        let expected = try Certificate.loadAll(from: Self.hostPEM)[0]
        #expect(first.subject == expected.subject && first.serialHex == expected.serialHex)
        #expect(certificates.key == (try expected.publicKey()))
    }

    @Test("forms left to loadAll: explicit curve parameters, another curve, trailing bytes after DER, a PEM header; the old certificate label and a CRL first taken")
    func otherFormsTakeTheGenericPath() throws {
        let explicit = try Self.selfSigned(["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521", "-pkeyopt", "ec_param_enc:explicit"])
        #expect(String(decoding: try openssl(["x509", "-noout", "-text"], input: explicit), as: UTF8.self).contains("Prime:"))
        let p256 = try Self.selfSigned(["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        let der = try openssl(["x509", "-outform", "DER"], input: Self.hostPEM)
        let body = try openssl(["base64"], input: der)
        let withHeader = Array("-----BEGIN CERTIFICATE-----\nComment: a header\n\n".utf8) + body + Array("-----END CERTIFICATE-----\n".utf8)
        for (form, bytes) in [("explicit parameters", explicit), ("P-256", p256), ("DER and a byte", der + [0]), ("PEM header", withHeader)] {
            #expect(HostKeyCertificates.quickRead(bytes) == nil, "\(form)")
            let read = Result { () throws(CryptoError) in try HostKeyCertificates(bytes: bytes).key.coordinateBlock }
            #expect("\(read)" == "\(Self.generic(bytes).map(\.0))", "\(form)")
        }
        if case .failure(let error) = Self.generic(der + [0]) {
            #expect(error.message == "has 1 unexpected bytes after the DER certificate")
        } else {
            Issue.record("trailing byte accepted")
        }

        let crlFirst = Fixture.bytes("pv/cert/ibm.crl") + Self.hostPEM
        let oldLabel = try Self.pem("X509 CERTIFICATE", der)
        let trusted = try Self.pem("TRUSTED CERTIFICATE", der)
        for (form, bytes) in [("CRL first", crlFirst), ("X509 CERTIFICATE", oldLabel)] {
            let quick = try #require(HostKeyCertificates.quickRead(bytes), "\(form)")
            #expect(quick.0.coordinateBlock == (try Self.generic(bytes).get().0) && quick.1 == 1, "\(form)")
        }
        #expect(HostKeyCertificates.quickRead(trusted) == nil)
        #expect(throws: CryptoError(.decodingFailed, "contains no certificate")) { try HostKeyCertificates(bytes: trusted) }
    }

    @Test("4,000 seeded mutants of a document in DER, in PEM and of a two-document PEM: what the quick path takes, loadAll reads as the same key and count; what it leaves, loadAll refuses or reads as another kind of key")
    /// Another fixed seed: SE_ATTEST_MUTANT_SEED=N.
    func sameAcceptanceAsLoadAll() throws {
        let der = try openssl(["x509", "-outform", "DER"], input: Self.hostPEM)
        let seeds = [der, Self.hostPEM, Self.hostPEM + Fixture.bytes("pv/cert/host2.crt")]
        var generator = SplitMix64(seed: UInt64(ProcessInfo.processInfo.environment["SE_ATTEST_MUTANT_SEED"] ?? "") ?? 0xCE57_0A11)
        var taken = 0, refusedByBoth = 0, otherKeys = 0
        for _ in 0..<4_000 {
            var mutant = seeds.randomElement(using: &generator)!
            let isDER = mutant == der
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let at = Int.random(in: 0..<mutant.count, using: &generator)
                // DER: a byte one up or down (a tag or a length off by one) or any byte; PEM: text.
                let replacement: UInt8
                if !isDER {
                    replacement = Array("\n-=A/+ :".utf8).randomElement(using: &generator)!
                } else if Bool.random(using: &generator) {
                    replacement = Bool.random(using: &generator) ? mutant[at] &+ 1 : mutant[at] &- 1
                } else {
                    replacement = UInt8.random(in: 0...255, using: &generator)
                }
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutant.remove(at: at)
                case 1: mutant.insert(replacement, at: at)
                default: mutant[at] = replacement
                }
            }
            let generic = Self.generic(mutant)
            if let (key, count) = HostKeyCertificates.quickRead(mutant) {
                taken += 1
                guard case .success(let read) = generic else {
                    Issue.record("taken by the quick path only: \(Hex.encode(mutant))")
                    continue
                }
                #expect(key.coordinateBlock == read.0 && count == read.1, "\(Hex.encode(mutant))")
            } else if case .success = generic {
                otherKeys += 1
                let plain = Self.holdsPlainKey(mutant)
                #expect(!plain, "left by the quick path though plain: \(Hex.encode(mutant))")
            } else {
                refusedByBoth += 1
            }
        }
        #expect(taken > 400 && refusedByBoth > 400, "taken \(taken), refused \(refusedByBoth), other keys \(otherKeys)")
    }
}
