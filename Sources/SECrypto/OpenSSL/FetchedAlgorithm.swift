internal import CSEOpenSSL

/// The algorithms of the hot path, fetched from OpenSSL's providers once per process. OpenSSL 3
/// looks an algorithm up again on every implicit use (an `EVP_aes_256_gcm()` handed to an init
/// call, `EVP_MAC_fetch`), which costs more than the cryptography on these short inputs. Fetched
/// objects are immutable and reference-counted, so every thread may share them; nil only when the
/// default provider lacks the algorithm, which the call sites report as an OpenSSL failure.
enum FetchedAlgorithm {
    nonisolated(unsafe) static let aes256GCM: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil)
    nonisolated(unsafe) static let hmac: OpaquePointer? = EVP_MAC_fetch(nil, "HMAC", nil)
}
