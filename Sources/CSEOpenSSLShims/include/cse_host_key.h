#ifndef CSE_HOST_KEY_H
#define CSE_HOST_KEY_H
/* A host-key document's key without d2i_X509: OpenSSL 3.0 sets up a provider decoder for the
 * SubjectPublicKeyInfo of every certificate it reads, which costs five times the rest of
 * reading the certificate (docs/architecture.md §2.3). Only the plain case is handled here; the
 * caller falls back to d2i_X509 for everything else, so what is accepted and refused, and every
 * error message, stays OpenSSL's. */

/* Bytes of the SEC1 uncompressed P-521 point this returns: 04 ‖ X ‖ Y. */
#define CSE_P521_POINT_SIZE 133

/* Reads `bytes` as Certificate.loadAll does (one DER certificate spanning the whole input, or
 * the certificate blocks of a PEM file), with certificate templates that accept exactly what
 * d2i_X509 accepts. Returns 1 when every certificate reads and the first one holds an
 * id-ecPublicKey on the named curve secp521r1 as an uncompressed point: the point goes to
 * `point` and the number of certificates to `count`. Returns 0 for anything else. The point
 * is not checked here to be on the curve. Leaves OpenSSL's error queue empty. */
int cse_host_key_document_point(const unsigned char *bytes, long length,
                                unsigned char point[CSE_P521_POINT_SIZE], int *count);

#endif
