/*
 * The performance floor for scripts/bench: a plain C program doing the same OpenSSL work as
 * se-attest for each benchmark scenario, single-threaded, with no checks beyond what the work
 * needs. se-attest's times are reported as ratios to this program's times in the same run.
 *
 *   bench-floor create OUT ARPK HKD...                        request for every host-key document
 *   bench-floor create-verify OUT ARPK SIGNING INTER ROOT CRL... -- HKD...   plus chain and CRL checks
 *   bench-floor verify RESPONSE HEADER ARPK                   decrypt the ARCB, recompute the HMAC
 *
 * Build: cc -O2 -o bench-floor bench-floor.c -lcrypto
 */
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void die(const char *what) {
    fprintf(stderr, "bench-floor: %s\n", what);
    exit(1);
}

static unsigned char *slurp(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) die(path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(n ? (size_t)n : 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) die(path);
    fclose(f);
    *size = (size_t)n;
    return buf;
}

/* Outputs are written the way se-attest must write them: a temporary file, fsync, rename. */
static void spit(const char *path, const unsigned char *data, size_t size, mode_t mode) {
    char temporary[4096];
    snprintf(temporary, sizeof temporary, "%s.XXXXXX", path);
    int fd = mkstemp(temporary);
    if (fd < 0 || fchmod(fd, mode) || write(fd, data, size) != (ssize_t)size || fsync(fd) || close(fd) ||
        rename(temporary, path))
        die(path);
}

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(unsigned char *p, uint32_t v) {
    p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

/* The first PEM object of a file, read with one of OpenSSL's PEM readers. */
static void *load_pem(const char *path, void *(*reader)(BIO *, void **, pem_password_cb *, void *)) {
    size_t n;
    unsigned char *buf = slurp(path, &n);
    BIO *bio = BIO_new_mem_buf(buf, (int)n);
    void *object = reader(bio, NULL, NULL, NULL);
    BIO_free(bio);
    free(buf);
    if (!object) die(path);
    return object;
}

static X509 *load_cert(const char *path) {
    return load_pem(path, (void *(*)(BIO *, void **, pem_password_cb *, void *))PEM_read_bio_X509);
}

static X509_CRL *load_crl(const char *path) {
    return load_pem(path, (void *(*)(BIO *, void **, pem_password_cb *, void *))PEM_read_bio_X509_CRL);
}

static void coordinates(EVP_PKEY *key, unsigned char out[160]) {
    BIGNUM *x = NULL, *y = NULL;
    if (!EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) ||
        !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y))
        die("coordinates");
    BN_bn2binpad(x, out, 80);
    BN_bn2binpad(y, out + 80, 80);
    BN_free(x);
    BN_free(y);
}

static void gcm(int enc, const unsigned char *key, const unsigned char *iv, const unsigned char *aad, size_t aadlen,
                const unsigned char *in, size_t len, unsigned char *out, unsigned char *tag) {
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n;
    if (enc ? !EVP_EncryptInit_ex2(ctx, EVP_aes_256_gcm(), key, iv, NULL)
            : !EVP_DecryptInit_ex2(ctx, EVP_aes_256_gcm(), key, iv, NULL))
        die("gcm init");
    if (aadlen && !EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aadlen)) die("gcm aad");
    if (!EVP_CipherUpdate(ctx, out, &n, in, (int)len)) die("gcm update");
    if (!enc && !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, tag)) die("gcm tag");
    if (!EVP_CipherFinal_ex(ctx, out + n, &n)) die("gcm final");
    if (enc && !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag)) die("gcm tag");
    EVP_CIPHER_CTX_free(ctx);
}

/* The request: 48-byte header, flags, customer key, one key slot per host key, sealed secrets. */
static int create(const char *out, const char *arpk_path, char **hkds, int count) {
    unsigned char arpk[32], iv[12], secrets[80];
    RAND_bytes(arpk, 32);
    RAND_bytes(iv, 12);
    RAND_bytes(secrets, 80);
    EVP_PKEY *customer = EVP_EC_gen("P-521");
    if (!customer) die("keygen");
    size_t aadlen = 0xE0 + 80 * (size_t)count, rql = aadlen + 80 + 16;
    unsigned char *req = calloc(1, 0x40 + rql), *arcb = req + 0x40;
    put32(arcb + 0x08, 0x100);
    put32(arcb + 0x0C, (uint32_t)rql);
    memcpy(arcb + 0x10, iv, 12);
    arcb[0x27] = (unsigned char)count;
    put32(arcb + 0x2C, 80);
    arcb[0x30] = 0x40;
    put32(arcb + 0x38, 1);
    coordinates(customer, arcb + 0x40);
    for (int i = 0; i < count; i++) {
        X509 *cert = load_cert(hkds[i]);
        EVP_PKEY *host = X509_get_pubkey(cert);
        unsigned char *slot = arcb + 0xE0 + 80 * i, block[160], secret[66 + 4], key[32];
        coordinates(host, block);
        EVP_Digest(block, 160, slot, NULL, EVP_sha256(), NULL);
        EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(customer, NULL);
        size_t len = 66;
        if (EVP_PKEY_derive_init(ctx) != 1 || EVP_PKEY_derive_set_peer(ctx, host) != 1 ||
            EVP_PKEY_derive(ctx, secret, &len) != 1)
            die("ecdh");
        put32(secret + 66, 1);
        EVP_Digest(secret, 70, key, NULL, EVP_sha256(), NULL);
        unsigned char zero[12] = {0};
        gcm(1, key, zero, NULL, 0, arpk, 32, slot + 32, slot + 64);
        EVP_PKEY_CTX_free(ctx);
        EVP_PKEY_free(host);
        X509_free(cert);
    }
    gcm(1, arpk, iv, arcb, aadlen, secrets, 80, arcb + aadlen, arcb + aadlen + 80);
    memcpy(req, "pvattest", 8);
    put32(req + 0x08, 0x100);
    put32(req + 0x0C, (uint32_t)(0x40 + rql));
    put32(req + 0x18, (uint32_t)rql);
    put32(req + 0x1C, 0x40);
    put32(req + 0x20, 64);
    spit(out, req, 0x40 + rql, 0644);
    spit(arpk_path, arpk, 32, 0600);
    fputs("Successfully generated the request\n", stderr);
    EVP_PKEY_free(customer);
    free(req);
    return 0;
}

/* Chain of the signing key with CRLs, then per document: signature, CRL signature, revocation. */
static void verify_documents(char **args, int nargs, char **hkds, int count) {
    X509 *signing = load_cert(args[0]), *inter = load_cert(args[1]), *root = load_cert(args[2]);
    X509_STORE *store = X509_STORE_new();
    X509_STORE_add_cert(store, root);
    X509_CRL *signing_crl = NULL;
    for (int i = 3; i < nargs; i++) {
        X509_CRL *crl = load_crl(args[i]);
        X509_STORE_add_crl(store, crl);
        if (!X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(signing))) signing_crl = crl;
        else X509_CRL_free(crl);
    }
    X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL | X509_V_FLAG_X509_STRICT);
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    sk_X509_push(untrusted, inter);
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, signing, untrusted);
    if (X509_verify_cert(ctx) != 1) die("chain");
    X509_STORE_CTX_free(ctx);
    EVP_PKEY *signing_key = X509_get_pubkey(signing);
    if (!signing_crl || X509_CRL_verify(signing_crl, signing_key) != 1) die("crl");
    for (int i = 0; i < count; i++) {
        X509 *hkd = load_cert(hkds[i]);
        X509_REVOKED *revoked = NULL;
        if (X509_verify(hkd, signing_key) != 1) die("hkd signature");
        if (X509_CRL_get0_by_cert(signing_crl, &revoked, hkd) == 1) die("revoked");
        X509_free(hkd);
    }
    EVP_PKEY_free(signing_key);
    X509_CRL_free(signing_crl);
    sk_X509_free(untrusted);
    X509_STORE_free(store);
    X509_free(signing);
    X509_free(inter);
    X509_free(root);
}

static void hex_line(BIO *out, const unsigned char *data, size_t len) {
    static const char digits[] = "0123456789abcdef";
    char *text = malloc(2 * len + 4);
    text[0] = '0';
    text[1] = 'x';
    for (size_t i = 0; i < len; i++) {
        text[2 + 2 * i] = digits[data[i] >> 4];
        text[3 + 2 * i] = digits[data[i] & 15];
    }
    text[2 + 2 * len] = '\n';
    BIO_write(out, text, (int)(2 * len + 3));
    free(text);
}

/* Decrypt the ARCB, recompute the HMAC over tags, CUID, user data, nonce and additional data. */
static int verify(const char *response, const char *header, const char *arpk_path) {
    size_t n, hn, kn;
    unsigned char *resp = slurp(response, &n), *hdr = slurp(header, &hn), *arpk = slurp(arpk_path, &kn);
    if (n < 0x40 || hn < 0x1A0 || kn != 32) die("input");
    const unsigned char *arcb = resp + be32(resp + 0x1C), *meas = resp + be32(resp + 0x24);
    uint32_t addlen = be32(resp + 0x28), userlen = be32(resp + 0x30);
    const unsigned char *add = resp + be32(resp + 0x2C), *user = resp + be32(resp + 0x34), *cuid = resp + be32(resp + 0x3C);
    uint32_t rql = be32(arcb + 0x0C), sea = be32(arcb + 0x2C), aadlen = rql - sea - 16;
    unsigned char plain[80];
    gcm(0, arpk, arcb + 0x10, arcb, aadlen, arcb + aadlen, sea, plain, (unsigned char *)arcb + rql - 16);
    uint32_t phs = be32(hdr + 0x0C);
    size_t msglen = 0xE8 + userlen + (sea == 80 ? 16 : 0) + addlen;
    unsigned char *msg = malloc(msglen), mac[64];
    memcpy(msg, hdr + 0xE0, 192);
    memcpy(msg + 192, hdr + phs - 16, 16);
    memcpy(msg + 0xD0, cuid, 16);
    msg[0xE0] = userlen >> 8; msg[0xE1] = userlen; msg[0xE2] = msg[0xE3] = 0;
    put32(msg + 0xE4, addlen);
    memcpy(msg + 0xE8, user, userlen);
    if (sea == 80) memcpy(msg + 0xE8 + userlen, plain + 64, 16);
    memcpy(msg + msglen - addlen, add, addlen);
    size_t maclen = 64;
    if (!EVP_Q_mac(NULL, "HMAC", NULL, "SHA512", NULL, plain, 64, msg, msglen, mac, 64, &maclen)) die("hmac");
    if (CRYPTO_memcmp(mac, meas, 64)) {
        fputs("Attestation measurement verification failed.\n", stderr);
        return 2;
    }
    BIO *out = BIO_new(BIO_s_mem());
    BIO_puts(out, "Attestation measurement verified\nConfig UID:\n");
    hex_line(out, cuid, 16);
    if (addlen) {
        BIO_puts(out, "Additional-data:\n");
        hex_line(out, add, addlen);
    }
    if (userlen) {
        BIO_puts(out, "user-data:\n");
        hex_line(out, user, userlen);
    }
    char *text;
    long len = BIO_get_mem_data(out, &text);
    fwrite(text, 1, (size_t)len, stderr);
    BIO_free(out);
    free(msg);
    free(resp);
    free(hdr);
    free(arpk);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 5 && !strcmp(argv[1], "create")) return create(argv[2], argv[3], argv + 4, argc - 4);
    if (argc >= 5 && !strcmp(argv[1], "create-verify")) {
        int sep = 4;
        while (sep < argc && strcmp(argv[sep], "--")) sep++;
        if (sep - 4 < 4 || sep + 1 >= argc) die("usage");
        verify_documents(argv + 4, sep - 4, argv + sep + 1, argc - sep - 1);
        return create(argv[2], argv[3], argv + sep + 1, argc - sep - 1);
    }
    if (argc == 5 && !strcmp(argv[1], "verify")) return verify(argv[2], argv[3], argv[4]);
    die("usage: bench-floor create|create-verify|verify ...");
    return 1;
}
