import CSETLSShims
import Testing

/// How the HTTPS client's libssl is found: by OpenSSL 3's name, every function it calls
/// checked, and a one-line reason when the library is missing or another one.
@Suite struct TLSLibraryTests {
    private func check(_ name: String) -> (usable: Bool, reason: String) {
        var reason = [CChar](repeating: 0, count: 512)
        let usable = cse_tls_check(name, &reason, reason.count) == 1
        return (usable, String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    @Test func opensslThreeIsUsable() {
        #expect(check("libssl.so.3").usable)
        var reason = [CChar](repeating: 0, count: 512)
        #expect(cse_tls_load(&reason, reason.count) == 1)
    }

    @Test func aMissingLibraryIsNamed() {
        let missing = check("libssl-missing.so.3")
        #expect(!missing.usable)
        #expect(missing.reason.hasPrefix("cannot load libssl-missing.so.3, OpenSSL's TLS library: "), "\(missing.reason)")
    }

    @Test func anotherLibraryIsRefusedByTheFirstFunctionItLacks() {
        let other = check("libm.so.6")
        #expect(!other.usable)
        #expect(other.reason == "libm.so.6 has no TLS_client_method: it is not OpenSSL 3's TLS library", "\(other.reason)")
    }
}
