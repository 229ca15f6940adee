#ifndef CSE_OPENSSL_SHIM_H
#define CSE_OPENSSL_SHIM_H
/* The OpenSSL 3 headers se-attest uses. libcrypto only: se-attest does no TLS itself. */
#include <openssl/opensslv.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/param_build.h>
#include <openssl/ec.h>
#include <openssl/bn.h>
#include <openssl/rand.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>
#if OPENSSL_VERSION_MAJOR < 3
#error "se-attest needs OpenSSL 3"
#endif
#endif
