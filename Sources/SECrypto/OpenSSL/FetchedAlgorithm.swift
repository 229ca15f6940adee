internal import CSEOpenSSL

/// The algorithms of the hot path, fetched from OpenSSL's providers once per process. OpenSSL 3
/// looks an algorithm up again on every implicit use (an `EVP_aes_256_gcm()` handed to an init
/// call, `EVP_MAC_fetch`), which costs more than the cryptography on these short inputs. Fetched
/// objects are immutable and reference-counted, so every thread may share them; nil only when the
/// default provider lacks the algorithm, which the call sites report as an OpenSSL failure.
enum FetchedAlgorithm {
    nonisolated(unsafe) static let aes256GCM: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil)
    /// An HMAC context with SHA-512 set and no key, duplicated for each use: naming the digest
    /// in a fresh context fetches SHA-512 again every time. Never used itself, only copied.
    nonisolated(unsafe) static let hmacSHA512: OpaquePointer? = {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { return nil }
        defer { EVP_MAC_free(mac) }
        guard let context = EVP_MAC_CTX_new(mac) else { return nil }
        let set = OSSL_MAC_PARAM_DIGEST.withCString { digestKey in
            "SHA512".withCString { digest in
                var parameters = [
                    OSSL_PARAM_construct_utf8_string(digestKey, UnsafeMutablePointer(mutating: digest), 0),
                    OSSL_PARAM_construct_end(),
                ]
                return EVP_MAC_CTX_set_params(context, &parameters)
            }
        }
        guard set == 1 else {
            EVP_MAC_CTX_free(context)
            return nil
        }
        return context
    }()
}
