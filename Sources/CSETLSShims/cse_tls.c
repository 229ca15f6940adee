#include "CSETLSShims.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* The libssl functions the client uses, looked up by name in the loaded library. */
#define CSE_TLS_FUNCTIONS(X) \
    X(TLS_client_method) X(SSL_CTX_new) X(SSL_CTX_free) X(SSL_CTX_load_verify_locations) \
    X(SSL_CTX_set_default_verify_paths) X(SSL_new) X(SSL_free) X(SSL_set_bio) X(SSL_set_verify) \
    X(SSL_get0_param) X(SSL_set1_host) X(SSL_ctrl) X(SSL_set_connect_state) X(SSL_do_handshake) \
    X(SSL_read) X(SSL_write) X(SSL_get_error) X(SSL_get_verify_result)

struct cse_tls_functions {
#define CSE_TLS_POINTER(name) __typeof__(&name) name;
    CSE_TLS_FUNCTIONS(CSE_TLS_POINTER)
#undef CSE_TLS_POINTER
};

static struct cse_tls_functions tls;
static pthread_mutex_t loading = PTHREAD_MUTEX_INITIALIZER;
static int loaded;

#define CSE_TLS_TEXT(x) #x
#define CSE_TLS_NAME(version) "libssl.so." CSE_TLS_TEXT(version)

/* Opens `name` and finds every function in it. RTLD_LOCAL: libssl's symbols stay out of the
 * global scope; it finds libcrypto, which the process already has, through its own dependency. */
static void *open_library(const char *name, struct cse_tls_functions *functions, char *reason, size_t capacity) {
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *error = dlerror();
        snprintf(reason, capacity, "cannot load %s, OpenSSL's TLS library: %s", name, error ? error : "unknown error");
        return NULL;
    }
#define CSE_TLS_LOOKUP(symbol) \
    if ((functions->symbol = (__typeof__(&symbol))dlsym(library, #symbol)) == NULL) { \
        snprintf(reason, capacity, "%s has no %s: it is not OpenSSL 3's TLS library", name, #symbol); \
        dlclose(library); \
        return NULL; \
    }
    CSE_TLS_FUNCTIONS(CSE_TLS_LOOKUP)
#undef CSE_TLS_LOOKUP
    return library;
}

/* A failure is not remembered: the next connection tries again. */
int cse_tls_load(char *reason, size_t capacity) {
    pthread_mutex_lock(&loading);
    if (!loaded) loaded = open_library(CSE_TLS_NAME(OPENSSL_SHLIB_VERSION), &tls, reason, capacity) != NULL;
    int usable = loaded;
    pthread_mutex_unlock(&loading);
    return usable;
}

int cse_tls_check(const char *name, char *reason, size_t capacity) {
    struct cse_tls_functions functions;
    void *library = open_library(name, &functions, reason, capacity);
    if (library != NULL) dlclose(library);
    return library != NULL;
}

SSL_CTX *cse_ssl_ctx_new_client(void) { return tls.SSL_CTX_new(tls.TLS_client_method()); }
void cse_ssl_ctx_free(SSL_CTX *context) { tls.SSL_CTX_free(context); }
int cse_ssl_ctx_load_verify_locations(SSL_CTX *context, const char *file) {
    return tls.SSL_CTX_load_verify_locations(context, file, NULL);
}
int cse_ssl_ctx_set_default_verify_paths(SSL_CTX *context) { return tls.SSL_CTX_set_default_verify_paths(context); }
SSL *cse_ssl_new(SSL_CTX *context) { return tls.SSL_new(context); }
void cse_ssl_free(SSL *ssl) { tls.SSL_free(ssl); }
void cse_ssl_set_bio(SSL *ssl, BIO *incoming, BIO *outgoing) { tls.SSL_set_bio(ssl, incoming, outgoing); }
void cse_ssl_set_verify_peer(SSL *ssl) { tls.SSL_set_verify(ssl, SSL_VERIFY_PEER, NULL); }
X509_VERIFY_PARAM *cse_ssl_get0_param(SSL *ssl) { return tls.SSL_get0_param(ssl); }
int cse_ssl_set1_host(SSL *ssl, const char *host) { return tls.SSL_set1_host(ssl, host); }
int cse_ssl_set_tlsext_host_name(SSL *ssl, const char *host) {
    return (int)tls.SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, (void *)host);
}
long cse_ssl_set_nonblocking_modes(SSL *ssl) {
    return tls.SSL_ctrl(ssl, SSL_CTRL_MODE, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER, NULL);
}
void cse_ssl_set_connect_state(SSL *ssl) { tls.SSL_set_connect_state(ssl); }
int cse_ssl_do_handshake(SSL *ssl) { return tls.SSL_do_handshake(ssl); }
int cse_ssl_read(SSL *ssl, void *buffer, int count) { return tls.SSL_read(ssl, buffer, count); }
int cse_ssl_write(SSL *ssl, const void *buffer, int count) { return tls.SSL_write(ssl, buffer, count); }
int cse_ssl_get_error(const SSL *ssl, int result) { return tls.SSL_get_error(ssl, result); }
long cse_ssl_get_verify_result(const SSL *ssl) { return tls.SSL_get_verify_result(ssl); }
