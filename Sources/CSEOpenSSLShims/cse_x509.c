#include "cse_x509.h"

STACK_OF(X509) *cse_sk_X509_new_null(void) { return sk_X509_new_null(); }
int cse_sk_X509_push(STACK_OF(X509) *stack, X509 *cert) { return sk_X509_push(stack, cert); }
void cse_sk_X509_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }
int cse_sk_X509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
X509 *cse_sk_X509_value(const STACK_OF(X509) *stack, int index) { return sk_X509_value(stack, index); }

int cse_sk_DIST_POINT_num(const CRL_DIST_POINTS *points) { return sk_DIST_POINT_num(points); }
DIST_POINT *cse_sk_DIST_POINT_value(const CRL_DIST_POINTS *points, int index) { return sk_DIST_POINT_value(points, index); }
int cse_sk_GENERAL_NAME_num(const GENERAL_NAMES *names) { return sk_GENERAL_NAME_num(names); }
GENERAL_NAME *cse_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index) { return sk_GENERAL_NAME_value(names, index); }
