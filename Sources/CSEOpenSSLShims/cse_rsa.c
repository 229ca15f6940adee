#include "cse_rsa.h"
#include <limits.h>
#include <stdint.h>
#include <openssl/asn1t.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/x509.h>

/* PKCS#1 RSAPrivateKey, version 0 (two primes): RFC 8017, appendix A.1.2. CBIGNUM clears the
 * private numbers when the structure is freed. */
typedef struct {
    int32_t version;
    BIGNUM *n, *e, *d, *p, *q, *dp, *dq, *qinv;
} CSE_RSA_PRIVATE_KEY;

ASN1_SEQUENCE(CSE_RSA_PRIVATE_KEY) = {
    ASN1_EMBED(CSE_RSA_PRIVATE_KEY, version, INT32),
    ASN1_SIMPLE(CSE_RSA_PRIVATE_KEY, n, BIGNUM),
    ASN1_SIMPLE(CSE_RSA_PRIVATE_KEY, e, BIGNUM),
    ASN1_SIMPLE(CSE_RSA_PRIVATE_KEY, d, CBIGNUM),
    ASN1_SIMPLE(CSE_RSA_PRIVATE_KEY, p, CBIGNUM),
    ASN1_SIMPLE(CSE_RSA_PRIVATE_KEY, q, CBIGNUM),
    ASN1_SIMPLE(CSE_RSA_PRIVATE_KEY, dp, CBIGNUM),
    ASN1_SIMPLE(CSE_RSA_PRIVATE_KEY, dq, CBIGNUM),
    ASN1_SIMPLE(CSE_RSA_PRIVATE_KEY, qinv, CBIGNUM),
} ASN1_SEQUENCE_END(CSE_RSA_PRIVATE_KEY)

IMPLEMENT_STATIC_ASN1_ALLOC_FUNCTIONS(CSE_RSA_PRIVATE_KEY)

static const char *const parameter_names[8] = {
    OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E, OSSL_PKEY_PARAM_RSA_D,
    OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2,
    OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
};

static BIGNUM **numbers(CSE_RSA_PRIVATE_KEY *key, int index) {
    BIGNUM **all[8] = { &key->n, &key->e, &key->d, &key->p, &key->q, &key->dp, &key->dq, &key->qinv };
    return all[index];
}

/* OSSL_PARAM_clear_free arrived in OpenSSL 3.2; Debian 12 has 3.0. */
static void clear_free_params(OSSL_PARAM *params) {
    for (OSSL_PARAM *param = params; param->key != NULL; param++) OPENSSL_cleanse(param->data, param->data_size);
    OSSL_PARAM_free(params);
}

static EVP_PKEY *import_key(CSE_RSA_PRIVATE_KEY *key) {
    if (key->version != 0) return NULL;
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    int pushed = builder != NULL;
    for (int i = 0; pushed && i < 8; i++) {
        const BIGNUM *number = *numbers(key, i);
        pushed = !BN_is_zero(number) && !BN_is_negative(number) && OSSL_PARAM_BLD_push_BN(builder, parameter_names[i], number);
    }
    OSSL_PARAM *params = pushed ? OSSL_PARAM_BLD_to_param(builder) : NULL;
    OSSL_PARAM_BLD_free(builder);
    if (params == NULL) return NULL;
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *context = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    if (context == NULL || EVP_PKEY_fromdata_init(context) != 1 || EVP_PKEY_fromdata(context, &pkey, EVP_PKEY_KEYPAIR, params) != 1) {
        EVP_PKEY_free(pkey);
        pkey = NULL;
    }
    EVP_PKEY_CTX_free(context);
    clear_free_params(params);
    return pkey;
}

/* The template's DER of `key` into `out` (room for `capacity` bytes); its length, or -1. */
static long encode(CSE_RSA_PRIVATE_KEY *key, unsigned char *out, long capacity) {
    const ASN1_ITEM *item = ASN1_ITEM_rptr(CSE_RSA_PRIVATE_KEY);
    int needed = ASN1_item_i2d((const ASN1_VALUE *)key, NULL, item);
    if (needed <= 0 || needed > capacity) return -1;
    if (out == NULL) return needed;
    unsigned char *cursor = out;
    return ASN1_item_i2d((const ASN1_VALUE *)key, &cursor, item) == needed ? needed : -1;
}

/* The RSAPrivateKey in `der` when it holds exactly one, else NULL; its DER as `encode` writes it. */
static EVP_PKEY *from_pkcs1(const unsigned char *der, long length, unsigned char *pkcs1, long capacity, long *pkcs1_length) {
    const unsigned char *cursor = der;
    CSE_RSA_PRIVATE_KEY *key = (CSE_RSA_PRIVATE_KEY *)ASN1_item_d2i(NULL, &cursor, length, ASN1_ITEM_rptr(CSE_RSA_PRIVATE_KEY));
    if (key == NULL) return NULL;
    EVP_PKEY *pkey = cursor == der + length ? import_key(key) : NULL;
    if (pkey != NULL && pkcs1 != NULL) *pkcs1_length = encode(key, pkcs1, capacity);
    CSE_RSA_PRIVATE_KEY_free(key);
    return pkey;
}

EVP_PKEY *cse_rsa_private_key_from_der(const unsigned char *der, long length, int pkcs8_only,
                                       unsigned char *pkcs1, long *pkcs1_length) {
    *pkcs1_length = -1;
    if (der == NULL || length <= 0) return NULL;
    const unsigned char *cursor = der;
    PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(NULL, &cursor, length);
    if (info == NULL) {
        ERR_clear_error();
        EVP_PKEY *pkey = pkcs8_only ? NULL : from_pkcs1(der, length, pkcs1, length, pkcs1_length);
        ERR_clear_error();
        return pkey;
    }
    const unsigned char *inner = NULL;
    int inner_length = 0;
    const X509_ALGOR *algorithm = NULL;
    const ASN1_OBJECT *oid = NULL;
    EVP_PKEY *pkey = NULL;
    if (cursor == der + length && PKCS8_pkey_get0(NULL, &inner, &inner_length, &algorithm, info) == 1) {
        X509_ALGOR_get0(&oid, NULL, NULL, algorithm);
        if (OBJ_obj2nid(oid) == NID_rsaEncryption) pkey = from_pkcs1(inner, inner_length, pkcs1, length, pkcs1_length);
    }
    PKCS8_PRIV_KEY_INFO_free(info);
    ERR_clear_error();
    return pkey;
}

long cse_rsa_private_key_der(const EVP_PKEY *pkey, unsigned char *out, long capacity) {
    BIGNUM *extra = NULL;
    /* A third prime means a multi-prime key, which this template does not describe. */
    if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_FACTOR3, &extra) == 1) {
        BN_clear_free(extra);
        return -1;
    }
    CSE_RSA_PRIVATE_KEY *key = CSE_RSA_PRIVATE_KEY_new();
    long length = -1;
    int complete = key != NULL;
    for (int i = 0; complete && i < 8; i++) {
        BIGNUM **number = numbers(key, i);
        BN_free(*number); /* the template allocated an empty number */
        *number = NULL;
        complete = EVP_PKEY_get_bn_param(pkey, parameter_names[i], number) == 1;
    }
    if (complete) length = encode(key, out, out == NULL ? LONG_MAX : capacity);
    CSE_RSA_PRIVATE_KEY_free(key);
    ERR_clear_error();
    return length;
}
