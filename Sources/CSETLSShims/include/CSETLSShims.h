#ifndef CSE_TLS_SHIMS_H
#define CSE_TLS_SHIMS_H
/* libssl for SENetwork's HTTPS client: the headers, and the macros over SSL_ctrl Swift cannot import. No logic. */
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

/* SSL_set_tlsext_host_name: the server name sent in the handshake (SNI). */
int cse_ssl_set_tlsext_host_name(SSL *ssl, const char *host);
/* SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER): a write
   retried after WANT_WRITE may come from another buffer address (Swift arrays move). */
long cse_ssl_set_nonblocking_modes(SSL *ssl);

#endif
