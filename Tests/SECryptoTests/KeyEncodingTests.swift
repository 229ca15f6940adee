import Foundation
import Testing
import SECore
import SECrypto
import SETestSupport

/// Key encodings beyond the upstream fixtures; the keys below were made for these tests with the
/// openssl command line and protect nothing.
@Suite struct KeyEncodingTests {
    static let sec1P521 = """
        -----BEGIN EC PRIVATE KEY-----
        MIHcAgEBBEIApssyM/KpLDDqp480pZIg0/A8fto6SshtiTrMJqBEZdaKkxFrwkPf
        NlzdMhJxl8AZx9rJsYHWc/9rjAqJuMgTiNGgBwYFK4EEACOhgYkDgYYABAGmnIGS
        phsPNJG37pAZngRNVqIeISkglkdnYIXZ6xuravoIfau5k3ukLfc9z8rRe6DK8HGz
        F/r92tnpO+/76qOJ9gFIPn1gY0VetvRGIRD6Y5OhBmMJDNdfrAXypa2WfIsvF5KC
        MZQFJI0eUwRDhmjXwRENifwoMdfqvY1qrThwpcaeOA==
        -----END EC PRIVATE KEY-----

        """
    /// X ‖ Y (66 bytes each) of `sec1P521`, from `openssl ec -pubout`.
    static let sec1Point = "01a69c8192a61b0f3491b7ee90199e044d56a21e2129209647676085d9eb1bab6afa087dabb9937ba42df73dcfcad17ba0caf071b317fafddad9e93beffbeaa389f601483e7d6063455eb6f4462110fa6393a10663090cd75fac05f2a5ad967c8b2f179282319405248d1e5304438668d7c1110d89fc2831d7eabd8d6aad3870a5c69e38"

    static let p256Certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBiTCCAS+gAwIBAgIUS97ZclGJ0JTDgb4s/RR6m0m0eyQwCgYIKoZIzj0EAwIw
        GTEXMBUGA1UEAwwObm90IGEgaG9zdCBrZXkwIBcNMjYxMTI5MDUzNDIxWhgPMjEy
        NjExMDUwNTM0MjFaMBkxFzAVBgNVBAMMDm5vdCBhIGhvc3Qga2V5MFkwEwYHKoZI
        zj0CAQYIKoZIzj0DAQcDQgAEpGctWISVewqGxr/2zwBnDqHD1TiesH/TN2IEIYDZ
        pOhT24fujAcQjnRLE/WVU1PhGPuek+F3tMGcl626ZX6NXKNTMFEwHQYDVR0OBBYE
        FATw9hWSM1xBadPoHRtCAjwEDjzLMB8GA1UdIwQYMBaAFATw9hWSM1xBadPoHRtC
        AjwEDjzLMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAKL38PJI
        XtbXPlB+yPVHZZ46ijoBHzUZUgu5RDadEzhzAiBn2Sdel4HysKpn1gAqEMBC+buC
        QqpxlVUkyXs5Ald8eA==
        -----END CERTIFICATE-----

        """
    static let p256Key = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgol7Nc6MW/XwbGHCp
        xBAckBMBoTo1tpqA+S7+A2mN2b2hRANCAASkZy1YhJV7CobGv/bPAGcOocPVOJ6w
        f9M3YgQhgNmk6FPbh+6MBxCOdEsT9ZVTU+EY+56T4Xe0wZyXrbplfo1c
        -----END PRIVATE KEY-----

        """

    var expectedBlock: [UInt8] {
        let point = hex(Self.sec1Point)
        return Fixture.rep(0, 14) + point.prefix(66) + Fixture.rep(0, 14) + point.suffix(66)
    }

    @Test func loadsSEC1PEM() throws {
        let key = try P521PrivateKey(encoded: Array(Self.sec1P521.utf8))
        #expect(key.publicKey.coordinateBlock == expectedBlock)
    }

    @Test func loadsSEC1DER() throws {
        let body = Self.sec1P521.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let der = try #require(Data(base64Encoded: body))
        let key = try P521PrivateKey(encoded: [UInt8](der))
        #expect(key.publicKey.coordinateBlock == expectedBlock)
    }

    @Test func rejectsAP256PrivateKey() throws {
        let error = #expect(throws: CryptoError.self) { try P521PrivateKey(encoded: Array(Self.p256Key.utf8)) }
        #expect(error?.message == "is not an EC P-521 key (found EC P-256)")
    }

    @Test func rejectsAP256Certificate() throws {
        let certificate = try #require(try Certificate.loadAll(from: Array(Self.p256Certificate.utf8)).first)
        #expect(certificate.subject == "CN=not a host key")
        let error = #expect(throws: CryptoError.self) { try certificate.publicKey() }
        #expect(error?.code == .invalidKey)
        #expect(error?.message == "is not an EC P-521 key (found EC P-256)")
    }

    @Test func rejectsAnEncryptedKeyWithoutPrompting() throws {
        // `sec1P521` encrypted with the passphrase "test".
        let encrypted = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIIBXTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIvdiJzmaOsqYCAggA
            MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBAIlDuC+SioaZ5IogFNYIw6BIIB
            AFIANWnlVmKoC+lm6j3K8d84vhaC70KXXYh9iMGVPm8sQV6Ij1zsF/a9aReNvnII
            UGtAZwln/ELRT1/eam8/aQK7AWwfafWT6+u5JVOMNPuMqucZUyjBJ/mgyF+cOHbN
            nc+LCUfYon/a8uDevs0ivrrw67SrljkzpL7ykXhuSkYIlDpt3ftQna48iCkud41Y
            ++vv5+XNdcxiIuE+P1aHEj++Xb882WNZuXu9LmAdWXa7JekQMjKzN1MyibblX5KF
            iFXtbMEjdnRE7fTHSiZNKmUt/izsuO7To8VpfiBPwQMTVzGA1LDVhxPm1EPf7edP
            cUIo3xU/sGb7nEl9f1EbYX0=
            -----END ENCRYPTED PRIVATE KEY-----

            """
        let error = #expect(throws: CryptoError.self) { try P521PrivateKey(encoded: Array(encrypted.utf8)) }
        #expect(error?.code == .decodingFailed)
    }
}
