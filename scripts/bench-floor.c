/*
 * The performance floor for scripts/bench: a plain C program doing the same OpenSSL work as
 * se-attest for each benchmark scenario, single-threaded, with no checks beyond what the work
 * needs. se-attest's times are reported as ratios to this program's times in the same run.
 *
 *   bench-floor create OUT ARPK HKD...                        request for every host-key document
 *   bench-floor create-verify OUT ARPK SIGNING INTER ROOT CRL... -- HKD...   plus chain and CRL checks
 *   bench-floor verify RESPONSE HEADER ARPK                   decrypt the ARCB, recompute the HMAC
 *   bench-floor challenge OUT SEAL_PUB HEADER REPORT_HEX HKD...   trustee's challenge: the ARCB's key slots,
 *                                                             the secrets sealed with two RSA public-key
 *                                                             encryptions, JSON
 *   bench-floor verify-evidence EVIDENCE SEAL_KEY HEADER REPORT_HEX   trustee's evaluate: two RSA
 *                                                             private-key decryptions, the HMAC, claims
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
#include <fcntl.h>

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

/* Outputs are written the way se-attest must write them: a temporary file, fsync, rename, and
 * the folder synced (docs/cli-conventions.md §1.11). */
static void spit(const char *path, const unsigned char *data, size_t size, mode_t mode) {
    char temporary[4096], folder[4096];
    snprintf(temporary, sizeof temporary, "%s.XXXXXX", path);
    int fd = mkstemp(temporary);
    if (fd < 0 || fchmod(fd, mode) || write(fd, data, size) != (ssize_t)size || fsync(fd) || close(fd) ||
        rename(temporary, path))
        die(path);
    snprintf(folder, sizeof folder, "%s", path);
    char *slash = strrchr(folder, '/');
    if (slash) slash[1] = 0; else snprintf(folder, sizeof folder, ".");
    int dir = open(folder, O_RDONLY | O_DIRECTORY);
    if (dir < 0 || fsync(dir) || close(dir)) die(folder);
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

/* The ARCB at `arcb` (room for arcb_size(count)): header, flags, customer key, one key slot per
 * host key, the 80 bytes of sealed secrets (measurement key, nonce). */
static size_t arcb_size(int count) { return 0xE0 + 80 * (size_t)count + 80 + 16; }

static void build_arcb(unsigned char *arcb, unsigned char flags, const unsigned char secrets[80],
                       const unsigned char arpk[32], char **hkds, int count) {
    unsigned char iv[12];
    RAND_bytes(iv, 12);
    EVP_PKEY *customer = EVP_EC_gen("P-521");
    if (!customer) die("keygen");
    size_t aadlen = 0xE0 + 80 * (size_t)count, rql = arcb_size(count);
    put32(arcb + 0x08, 0x100);
    put32(arcb + 0x0C, (uint32_t)rql);
    memcpy(arcb + 0x10, iv, 12);
    arcb[0x27] = (unsigned char)count;
    put32(arcb + 0x2C, 80);
    arcb[0x30] = flags;
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
    EVP_PKEY_free(customer);
}

/* The exchange request: pvattest's 64-byte header and the ARCB (flags: nonce). */
static int create(const char *out, const char *arpk_path, char **hkds, int count) {
    unsigned char arpk[32], secrets[80];
    RAND_bytes(arpk, 32);
    RAND_bytes(secrets, 80);
    size_t rql = arcb_size(count);
    unsigned char *req = calloc(1, 0x40 + rql);
    build_arcb(req + 0x40, 0x40, secrets, arpk, hkds, count);
    memcpy(req, "pvattest", 8);
    put32(req + 0x08, 0x100);
    put32(req + 0x0C, (uint32_t)(0x40 + rql));
    put32(req + 0x18, (uint32_t)rql);
    put32(req + 0x1C, 0x40);
    put32(req + 0x20, 64);
    spit(out, req, 0x40 + rql, 0644);
    spit(arpk_path, arpk, 32, 0600);
    fputs("Successfully generated the request\n", stderr);
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

/* PLD, ALD, TLD (at 0xE0) and the tag (the header's last 16 bytes): 208 bytes. */
static void header_tags(const char *header, unsigned char tags[208]) {
    size_t hn;
    unsigned char *hdr = slurp(header, &hn);
    if (hn < 0x1A0 || be32(hdr + 0x0C) > hn) die(header);
    memcpy(tags, hdr + 0xE0, 192);
    memcpy(tags + 192, hdr + be32(hdr + 0x0C) - 16, 16);
    free(hdr);
}

static size_t unhex(const char *text, unsigned char *out, size_t max) {
    size_t n = 0;
    for (; text[0] && text[1] && n < max; text += 2) {
        unsigned int byte;
        if (sscanf(text, "%2x", &byte) != 1) die("hex");
        out[n++] = (unsigned char)byte;
    }
    return n;
}

static void rsa(EVP_PKEY *key, int encrypt, const unsigned char *in, size_t len, unsigned char *out, size_t *outlen) {
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    if (!ctx || (encrypt ? EVP_PKEY_encrypt_init(ctx) : EVP_PKEY_decrypt_init(ctx)) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) != 1 ||
        (encrypt ? EVP_PKEY_encrypt(ctx, out, outlen, in, len) : EVP_PKEY_decrypt(ctx, out, outlen, in, len)) != 1)
        die("rsa");
    EVP_PKEY_CTX_free(ctx);
}

/* `"key":"base64"` appended to `json`, a comma first unless it is the first member. */
static size_t put_base64(char *json, size_t at, const char *key, const unsigned char *data, size_t len) {
    at += (size_t)sprintf(json + at, "%s\"%s\":\"", at > 1 ? "," : "", key);
    at += (size_t)EVP_EncodeBlock((unsigned char *)json + at, data, (int)len);
    json[at++] = '"';
    return at;
}

/* trustee's generate_supplemental_challenge: random measurement key and nonce, both sealed
 * with the RSA public key, the ARCB (flags nonce, image and attestation PHKH), the tags. */
static int challenge(const char *out, const char *seal_pub, const char *header, const char *report_hex, char **hkds, int count) {
    unsigned char arpk[32], secrets[80], tags[208], report[64], ek[1024], en[1024];
    RAND_bytes(arpk, 32);
    RAND_bytes(secrets, 80);
    header_tags(header, tags);
    size_t reportlen = unhex(report_hex, report, 64), rql = arcb_size(count), eklen = sizeof ek, enlen = sizeof en;
    unsigned char *arcb = calloc(1, rql);
    build_arcb(arcb, 0x70, secrets, arpk, hkds, count);
    EVP_PKEY *key = load_pem(seal_pub, (void *(*)(BIO *, void **, pem_password_cb *, void *))PEM_read_bio_PUBKEY);
    rsa(key, 1, secrets, 64, ek, &eklen);
    rsa(key, 1, secrets + 64, 16, en, &enlen);
    char *json = malloc(4 * (rql + eklen + enlen + 208 + 64) / 3 + 512);
    size_t at = 0;
    json[at++] = '{';
    at = put_base64(json, at, "request_blob", arcb, rql);
    at += (size_t)sprintf(json + at, ",\"measurement_size\":64,\"additional_size\":64");
    at = put_base64(json, at, "encr_measurement_key", ek, eklen);
    at = put_base64(json, at, "encr_request_nonce", en, enlen);
    at = put_base64(json, at, "image_hdr_tags", tags, 208);
    at = put_base64(json, at, "runtime_data_digest", report, reportlen);
    json[at++] = '}';
    spit(out, (unsigned char *)json, at, 0644);
    EVP_PKEY_free(key);
    free(json);
    free(arcb);
    return 0;
}

/* The bytes of the base64 string member `key` of a one-line JSON object (no checks beyond need). */
static size_t member(const char *json, const char *key, unsigned char *out, size_t max) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *start = strstr(json, pattern);
    if (!start) die(key);
    start += strlen(pattern);
    const char *end = strchr(start, '"');
    unsigned char decoded[1536];
    if (!end || end - start < 4 || (size_t)(end - start) / 4 * 3 > sizeof decoded) die(key);
    int n = EVP_DecodeBlock(decoded, (const unsigned char *)start, (int)(end - start));
    if (n < 0) die(key);
    size_t len = (size_t)n - (end[-1] == '=') - (end[-2] == '=');
    if (len > max) die(key);
    memcpy(out, decoded, len);
    return len;
}

static char *hex(const unsigned char *data, size_t len) {
    char *text = malloc(2 * len + 1);
    for (size_t i = 0; i < len; i++) sprintf(text + 2 * i, "%02x", data[i]);
    text[2 * len] = 0;
    return text;
}

/* trustee's evaluate: both secrets decrypted with the private key, the report data compared,
 * the HMAC recomputed over the trusted header's tags, the claims written as JSON. */
static int verify_evidence(const char *evidence, const char *seal_key, const char *header, const char *report_hex, const char *out) {
    size_t n;
    char *json = (char *)slurp(evidence, &n);
    json = realloc(json, n + 1);
    json[n] = 0;
    unsigned char msg[208 + 16 + 8 + 64 + 16 + 64], meas[64], ek[1024], en[1024], key[1024], nonce[1024], report[64] = {0}, mac[64];
    header_tags(header, msg);
    size_t eklen = member(json, "encr_measurement_key", ek, sizeof ek), enlen = member(json, "encr_request_nonce", en, sizeof en);
    EVP_PKEY *pkey = load_pem(seal_key, (void *(*)(BIO *, void **, pem_password_cb *, void *))PEM_read_bio_PrivateKey);
    size_t keylen = sizeof key, noncelen = sizeof nonce;
    rsa(pkey, 0, ek, eklen, key, &keylen);
    rsa(pkey, 0, en, enlen, nonce, &noncelen);
    if (keylen != 64 || noncelen != 16) die("secrets");
    if (member(json, "cuid", msg + 208, 16) != 16 || member(json, "user_data", msg + 232, 64) != 64 ||
        member(json, "additional_data", msg + 312, 64) != 64 || member(json, "measurement", meas, 64) != 64)
        die("evidence");
    msg[224] = 0; msg[225] = 64; msg[226] = msg[227] = 0;
    put32(msg + 228, 64);
    memcpy(msg + 296, nonce, 16);
    unhex(report_hex, report, 64);
    if (CRYPTO_memcmp(report, msg + 232, 64)) die("report data");
    size_t maclen = 64;
    if (!EVP_Q_mac(NULL, "HMAC", NULL, "SHA512", NULL, key, 64, msg, sizeof msg, mac, 64, &maclen)) die("hmac");
    if (CRYPTO_memcmp(mac, meas, 64)) {
        fputs("Attestation measurement verification failed.\n", stderr);
        return 2;
    }
    char claims[1024], *cuid = hex(msg + 208, 16), *image = hex(msg + 312, 32), *attest = hex(msg + 344, 32), *tag = hex(msg + 192, 16);
    int len = snprintf(claims, sizeof claims, "{\n  \"cuid\": \"%s\",\n  \"report_data\": \"%s\",\n  \"version\": 256,\n"
                       "  \"image_phkh\": \"%s\",\n  \"attestation_phkh\": \"%s\",\n  \"tag\": \"%s\"\n}\n",
                       cuid, report_hex, image, attest, tag);
    spit(out, (unsigned char *)claims, (size_t)len, 0644);
    free(cuid); free(image); free(attest); free(tag);
    EVP_PKEY_free(pkey);
    free(json);
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
    if (argc >= 7 && !strcmp(argv[1], "challenge")) return challenge(argv[2], argv[3], argv[4], argv[5], argv + 6, argc - 6);
    if (argc == 7 && !strcmp(argv[1], "verify-evidence")) return verify_evidence(argv[2], argv[3], argv[4], argv[5], argv[6]);
    die("usage: bench-floor create|create-verify|verify|challenge|verify-evidence ...");
    return 1;
}
