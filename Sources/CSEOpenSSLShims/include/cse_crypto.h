#ifndef CSE_CRYPTO_H
#define CSE_CRYPTO_H
#include <stddef.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

/* OPENSSL_free is a macro over CRYPTO_free(ptr, __FILE__, __LINE__). */
void cse_openssl_free(void *ptr);

/* EVP_PKEY_PUBLIC_KEY / EVP_PKEY_KEYPAIR are composite macros Swift cannot import. */
extern const int cse_evp_pkey_public_key;
extern const int cse_evp_pkey_keypair;

/* XN_FLAG_RFC2253 is a composite macro Swift cannot import (Certificate names). */
extern const unsigned long cse_xn_flag_rfc2253;

#endif
