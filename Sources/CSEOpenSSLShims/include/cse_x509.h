#ifndef CSE_X509_H
#define CSE_X509_H
#include <openssl/x509.h>

#endif
