// SECrypto: cryptography over OpenSSL 3.
