#ifndef CSE_X509_H
#define CSE_X509_H
/* X.509 and HTTP helpers: OpenSSL's STACK_OF macros and a few macros Swift cannot import. No logic. */
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/conf.h>
#include <openssl/http.h>
#include <openssl/ssl.h>

STACK_OF(X509) *cse_sk_X509_new_null(void);
int cse_sk_X509_push(STACK_OF(X509) *stack, X509 *cert);
void cse_sk_X509_free(STACK_OF(X509) *stack);
int cse_sk_X509_num(const STACK_OF(X509) *stack);
X509 *cse_sk_X509_value(const STACK_OF(X509) *stack, int index);

int cse_sk_DIST_POINT_num(const CRL_DIST_POINTS *points);
DIST_POINT *cse_sk_DIST_POINT_value(const CRL_DIST_POINTS *points, int index);
int cse_sk_GENERAL_NAME_num(const GENERAL_NAMES *names);
GENERAL_NAME *cse_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index);

/* Request headers for OSSL_HTTP_get: sk_CONF_VALUE_pop_free(headers, X509V3_conf_free). */
void cse_http_headers_free(STACK_OF(CONF_VALUE) *headers);

/* TLS for CRL downloads over https: macros over SSL_ctrl / BIO_ctrl. */
int cse_ssl_set_tlsext_host_name(SSL *ssl, const char *host);
long cse_bio_set_ssl(BIO *bio, SSL *ssl);

#endif
