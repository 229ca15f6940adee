#ifndef CSE_OPENSSL_SHIMS_H
#define CSE_OPENSSL_SHIMS_H
/* Umbrella header: one header per area so that parallel work does not collide. */
#include "cse_crypto.h"
#include "cse_x509.h"
#include "cse_rsa.h"
#include "cse_host_key.h"
#endif
