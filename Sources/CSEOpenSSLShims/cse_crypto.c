#include "cse_crypto.h"
#include <openssl/crypto.h>

void cse_openssl_free(void *ptr) { OPENSSL_free(ptr); }

const int cse_evp_pkey_public_key = EVP_PKEY_PUBLIC_KEY;
const int cse_evp_pkey_keypair = EVP_PKEY_KEYPAIR;
const unsigned long cse_xn_flag_rfc2253 = XN_FLAG_RFC2253;
