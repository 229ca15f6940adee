#include "CSETLSShims.h"

int cse_ssl_set_tlsext_host_name(SSL *ssl, const char *host) { return (int)SSL_set_tlsext_host_name(ssl, host); }
long cse_ssl_set_nonblocking_modes(SSL *ssl) {
    return SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
}
