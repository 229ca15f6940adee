#ifndef CSE_CRYPTO_H
#define CSE_CRYPTO_H
#include <stddef.h>
#include <openssl/evp.h>

/* OPENSSL_free is a macro over CRYPTO_free(ptr, __FILE__, __LINE__). */
void cse_openssl_free(void *ptr);

#endif
