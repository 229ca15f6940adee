#ifndef CSE_X509_H
#define CSE_X509_H
/* X.509 helpers: OpenSSL's STACK_OF macros and a few macros Swift cannot import. No logic. */
#include <openssl/x509.h>
#include <openssl/x509v3.h>

STACK_OF(X509) *cse_sk_X509_new_null(void);
int cse_sk_X509_push(STACK_OF(X509) *stack, X509 *cert);
void cse_sk_X509_free(STACK_OF(X509) *stack);
int cse_sk_X509_num(const STACK_OF(X509) *stack);
X509 *cse_sk_X509_value(const STACK_OF(X509) *stack, int index);

int cse_sk_DIST_POINT_num(const CRL_DIST_POINTS *points);
DIST_POINT *cse_sk_DIST_POINT_value(const CRL_DIST_POINTS *points, int index);
int cse_sk_GENERAL_NAME_num(const GENERAL_NAMES *names);
GENERAL_NAME *cse_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index);

#endif
