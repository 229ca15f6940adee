#ifndef CSE_RSA_H
#define CSE_RSA_H
/* The RSA seal key's DER, through OpenSSL's ASN.1 templates instead of the generic decoder and
 * encoder searches, which cost more than half a millisecond per process (docs/architecture.md §2.3).
 * Only the plain case is handled here; the callers fall back to the generic
 * path for everything else, so what is accepted and refused does not change. */
#include <openssl/evp.h>

/* A two-prime RSA private key from DER: PKCS#8 PrivateKeyInfo with rsaEncryption around a
 * PKCS#1 RSAPrivateKey, or (unless `pkcs8_only`, as OpenSSL's reader of a PEM "PRIVATE KEY"
 * block is) a bare RSAPrivateKey; the whole input and nothing more, as a provider key. NULL
 * for anything else. With the key, its PKCS#1 DER as cse_rsa_private_key_der writes it goes
 * to `pkcs1`, which has room for `length` bytes, and its size to `pkcs1_length` (-1 if it did
 * not fit): encoded from the numbers just read, it spares taking them out of the key again. */
EVP_PKEY *cse_rsa_private_key_from_der(const unsigned char *der, long length, int pkcs8_only,
                                       unsigned char *pkcs1, long *pkcs1_length);

/* The PKCS#1 RSAPrivateKey DER of a two-prime RSA key (the bytes i2d_PrivateKey writes)
 * into `out`, which has room for `capacity` bytes; with out == NULL only its length. -1 for
 * a key with more primes, a key without its private half, or too little room. */
long cse_rsa_private_key_der(const EVP_PKEY *key, unsigned char *out, long capacity);

#endif
