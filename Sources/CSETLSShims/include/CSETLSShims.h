#ifndef CSE_TLS_SHIMS_H
#define CSE_TLS_SHIMS_H
/* libssl for SENetwork's HTTPS client. se-attest does not link libssl: it is loaded when the
 * first TLS connection is set up (cse_tls_load), so that the commands that never download do not
 * pay for loading it (docs/architecture.md §4). Every cse_ssl_* function below calls the libssl
 * function of the same name; call them only after cse_tls_load succeeded. The headers still
 * declare libssl's own functions and constants, for the tests' loopback server, which links it. */
#include <stddef.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

/* Loads libssl once per process. 1 when it is usable; else 0 and a one-line reason in `reason`. */
int cse_tls_load(char *reason, size_t capacity);
/* What cse_tls_load would say of the library `name`, without using it: for tests. */
int cse_tls_check(const char *name, char *reason, size_t capacity);

SSL_CTX *cse_ssl_ctx_new_client(void);
void cse_ssl_ctx_free(SSL_CTX *context);
int cse_ssl_ctx_load_verify_locations(SSL_CTX *context, const char *file);
int cse_ssl_ctx_set_default_verify_paths(SSL_CTX *context);
SSL *cse_ssl_new(SSL_CTX *context);
void cse_ssl_free(SSL *ssl);
void cse_ssl_set_bio(SSL *ssl, BIO *incoming, BIO *outgoing);
void cse_ssl_set_verify_peer(SSL *ssl);
X509_VERIFY_PARAM *cse_ssl_get0_param(SSL *ssl);
int cse_ssl_set1_host(SSL *ssl, const char *host);
/* SSL_set_tlsext_host_name: the server name sent in the handshake (SNI). */
int cse_ssl_set_tlsext_host_name(SSL *ssl, const char *host);
/* SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER): a write
   retried after WANT_WRITE may come from another buffer address (Swift arrays move). */
long cse_ssl_set_nonblocking_modes(SSL *ssl);
void cse_ssl_set_connect_state(SSL *ssl);
int cse_ssl_do_handshake(SSL *ssl);
int cse_ssl_read(SSL *ssl, void *buffer, int count);
int cse_ssl_write(SSL *ssl, const void *buffer, int count);
int cse_ssl_get_error(const SSL *ssl, int result);
long cse_ssl_get_verify_result(const SSL *ssl);

#endif
