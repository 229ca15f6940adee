#include "cse_crypto.h"
#include <openssl/crypto.h>

void cse_openssl_free(void *ptr) { OPENSSL_free(ptr); }
