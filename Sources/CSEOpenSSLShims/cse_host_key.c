#include "cse_host_key.h"
#include <limits.h>
#include <string.h>
#include <openssl/asn1t.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

/* OpenSSL's X509 and X509_CINF templates field for field (RFC 5280, section 4.1), with the
 * same items for every field but one: the SubjectPublicKeyInfo stays its algorithm and bit
 * string, where OpenSSL's X509_PUBKEY reads the same two fields and then hands them to the
 * provider decoder, whose failure d2i_X509 ignores. So this accepts exactly the certificates
 * d2i_X509 does. */
typedef struct {
    X509_ALGOR *algorithm;
    ASN1_BIT_STRING *key;
} CSE_SPKI;

ASN1_SEQUENCE(CSE_SPKI) = {
    ASN1_SIMPLE(CSE_SPKI, algorithm, X509_ALGOR),
    ASN1_SIMPLE(CSE_SPKI, key, ASN1_BIT_STRING),
} ASN1_SEQUENCE_END(CSE_SPKI)

typedef struct {
    ASN1_INTEGER *version;
    ASN1_INTEGER *serial;
    X509_ALGOR *signature;
    X509_NAME *issuer;
    X509_VAL *validity;
    X509_NAME *subject;
    CSE_SPKI *key;
    ASN1_BIT_STRING *issuer_uid;
    ASN1_BIT_STRING *subject_uid;
    STACK_OF(X509_EXTENSION) *extensions;
} CSE_TBS_CERTIFICATE;

ASN1_SEQUENCE(CSE_TBS_CERTIFICATE) = {
    ASN1_EXP_OPT(CSE_TBS_CERTIFICATE, version, ASN1_INTEGER, 0),
    ASN1_SIMPLE(CSE_TBS_CERTIFICATE, serial, ASN1_INTEGER),
    ASN1_SIMPLE(CSE_TBS_CERTIFICATE, signature, X509_ALGOR),
    ASN1_SIMPLE(CSE_TBS_CERTIFICATE, issuer, X509_NAME),
    ASN1_SIMPLE(CSE_TBS_CERTIFICATE, validity, X509_VAL),
    ASN1_SIMPLE(CSE_TBS_CERTIFICATE, subject, X509_NAME),
    ASN1_SIMPLE(CSE_TBS_CERTIFICATE, key, CSE_SPKI),
    ASN1_IMP_OPT(CSE_TBS_CERTIFICATE, issuer_uid, ASN1_BIT_STRING, 1),
    ASN1_IMP_OPT(CSE_TBS_CERTIFICATE, subject_uid, ASN1_BIT_STRING, 2),
    ASN1_EXP_SEQUENCE_OF_OPT(CSE_TBS_CERTIFICATE, extensions, X509_EXTENSION, 3),
} ASN1_SEQUENCE_END(CSE_TBS_CERTIFICATE)

typedef struct {
    CSE_TBS_CERTIFICATE *tbs;
    X509_ALGOR *signature_algorithm;
    ASN1_BIT_STRING *signature;
} CSE_CERTIFICATE;

ASN1_SEQUENCE(CSE_CERTIFICATE) = {
    ASN1_SIMPLE(CSE_CERTIFICATE, tbs, CSE_TBS_CERTIFICATE),
    ASN1_SIMPLE(CSE_CERTIFICATE, signature_algorithm, X509_ALGOR),
    ASN1_SIMPLE(CSE_CERTIFICATE, signature, ASN1_BIT_STRING),
} ASN1_SEQUENCE_END(CSE_CERTIFICATE)

IMPLEMENT_STATIC_ASN1_ALLOC_FUNCTIONS(CSE_CERTIFICATE)

/* The certificate at the start of `der` (trailing bytes are the caller's business, as for
 * d2i_X509); `end` is where it stops. */
static CSE_CERTIFICATE *read_certificate(const unsigned char *der, long length, const unsigned char **end) {
    *end = der;
    return (CSE_CERTIFICATE *)ASN1_item_d2i(NULL, end, length, ASN1_ITEM_rptr(CSE_CERTIFICATE));
}

/* The point of an id-ecPublicKey on the named curve secp521r1, uncompressed, with no unused
 * bits in its bit string; 0 for any other key. */
static int p521_point(const CSE_CERTIFICATE *certificate, unsigned char point[CSE_P521_POINT_SIZE]) {
    const CSE_SPKI *key = certificate->tbs->key;
    const ASN1_OBJECT *algorithm = NULL;
    int parameter_type = V_ASN1_UNDEF;
    const void *parameter = NULL;
    X509_ALGOR_get0(&algorithm, &parameter_type, &parameter, key->algorithm);
    if (OBJ_obj2nid(algorithm) != NID_X9_62_id_ecPublicKey || parameter_type != V_ASN1_OBJECT
        || OBJ_obj2nid((const ASN1_OBJECT *)parameter) != NID_secp521r1)
        return 0;
    if ((key->key->flags & ASN1_STRING_FLAG_BITS_LEFT) && (key->key->flags & 0x07) != 0) return 0;
    if (ASN1_STRING_length(key->key) != CSE_P521_POINT_SIZE) return 0;
    const unsigned char *data = ASN1_STRING_get0_data(key->key);
    if (data[0] != 0x04) return 0;
    memcpy(point, data, CSE_P521_POINT_SIZE);
    return 1;
}

/* One DER certificate spanning the whole input. */
static int from_der(const unsigned char *bytes, long length, unsigned char point[CSE_P521_POINT_SIZE], int *count) {
    const unsigned char *end;
    CSE_CERTIFICATE *certificate = read_certificate(bytes, length, &end);
    int found = certificate != NULL && end == bytes + length && p521_point(certificate, point);
    CSE_CERTIFICATE_free(certificate);
    *count = 1;
    return found;
}

/* PEM_read_bio_X509 in a loop: blocks named as OpenSSL's reader of certificates takes them,
 * others skipped; the loop ends where OpenSSL's does, at "no start line". Blocks with headers
 * (which OpenSSL would try to decrypt) are not the plain case. */
static int from_pem(const unsigned char *bytes, long length, unsigned char point[CSE_P521_POINT_SIZE], int *count) {
    if (length > INT_MAX) return 0;
    BIO *bio = BIO_new_mem_buf(bytes, (int)length);
    if (bio == NULL) return 0;
    int plain = 1;
    *count = 0;
    for (;;) {
        char *name = NULL, *header = NULL;
        unsigned char *data = NULL;
        long size = 0;
        if (!PEM_read_bio(bio, &name, &header, &data, &size)) {
            plain = ERR_GET_REASON(ERR_peek_last_error()) == PEM_R_NO_START_LINE;
            break;
        }
        int certificate_block = strcmp(name, PEM_STRING_X509) == 0 || strcmp(name, PEM_STRING_X509_OLD) == 0;
        if (certificate_block) {
            const unsigned char *end;
            CSE_CERTIFICATE *certificate = header[0] == '\0' ? read_certificate(data, size, &end) : NULL;
            plain = certificate != NULL && (*count > 0 || p521_point(certificate, point));
            CSE_CERTIFICATE_free(certificate);
            *count += plain;
        }
        OPENSSL_free(name);
        OPENSSL_free(header);
        OPENSSL_free(data);
        if (!plain) break;
    }
    BIO_free(bio);
    return plain && *count > 0;
}

int cse_host_key_document_point(const unsigned char *bytes, long length,
                                unsigned char point[CSE_P521_POINT_SIZE], int *count) {
    *count = 0;
    int found = 0;
    if (bytes != NULL && length > 0)
        found = bytes[0] == 0x30 ? from_der(bytes, length, point, count) : from_pem(bytes, length, point, count);
    ERR_clear_error();
    return found;
}
