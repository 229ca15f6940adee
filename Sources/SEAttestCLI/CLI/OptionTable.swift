/// The command line of se-attest as one declarative list (docs/cli-conventions.md §1; pvattest's spellings).
///
/// Parsing, `--help`, and the tests that check the man pages and the bash completion against
/// the parser all read this table, so an option added here shows up everywhere or fails a test.
enum OptionTable {
    /// Default endpoint of IBM's firmware verification service (docs/formats.md §11).
    static let firmwareVerifyURL = "https://esupport.ibm.com/eccedge/ent/z"

    /// Accepted before or after any subcommand.
    static let global: [OptionSpec] = [
        .flag(.verbose, short: "v", repeatable: true, deprecatedShort: "V",
              help: "Print more on stderr: -v information and the causes of errors, -vv debug (each file read and its size, flags, key-slot hashes, where the SE header is), -vvv trace (OpenSSL's error queue, HTTP exchanges). No level shows a secret. -V is a deprecated spelling."),
        .flag(.quiet, short: "q", repeatable: true,
              help: "Print less on stderr: -q errors only, -qq nothing but the final error line."),
        .flag(.help, short: "h", help: "Print help and exit."),
        .flag(.version, help: "Print the version and exit."),
    ]

    /// Checked for every command, before the command's own relations.
    static let globalRelations: [CommandSpec.Relation] = [.conflicts(.verbose, .quiet)]

    static let commands: [CommandSpec] = [create, perform, verify, check, inspect, extractHeader, challenge, help, version]

    static func spec(for subcommand: Subcommand) -> CommandSpec {
        switch subcommand {
        case .command(.create): create
        case .command(.perform): perform
        case .command(.verify): verify
        case .command(.check): check
        case .command(.inspect): inspect
        case .command(.extractHeader): extractHeader
        case .command(.challenge): challenge
        case .help: help
        case .version: version
        }
    }

    /// How create and challenge verify host-key documents: IBM's signing chain, or not at all.
    private static let signingChain: [OptionSpec] = [
        .option(.cert, short: "C", aliases: ["crt"], value: "FILE", list: true,
                help: "IBM Z signing-key certificate and intermediate CA certificate(s) that verify the host-key documents."),
        .option(.crl, value: "FILE", list: true,
                help: "Certificate revocation list(s), PEM or DER."),
        .option(.rootCA, value: "FILE",
                help: "Root CA certificate to trust instead of the system trust store."),
        .flag(.offline, help: "Do not download CRLs from the certificates' distribution points (otherwise 3 s and 8 MiB per URL; proxies from http_proxy/https_proxy)."),
        .flag(.noVerify, help: "Do not verify the host-key documents (prints a warning; for tests only)."),
    ]

    private static let signingChainRelations: [CommandSpec.Relation] = [
        .exactlyOne(.cert, .noVerify),
        .requires(.crl, .cert),
        .requires(.rootCA, .cert),
        .requires(.offline, .cert),
    ]

    private static let errorExit = (code: 1, meaning: "An error: unreadable or malformed input, a failed operation, or a usage error.")

    static let create = CommandSpec(
        subcommand: .command(.create),
        summary: "Create an attestation request and its protection key (ARPK)",
        usage: "create -k HKD... (-C CERT... | --no-verify) -o REQUEST -a ARPK",
        synopsis: [
            "create -k HKD [-k HKD ...] -o REQUEST -a ARPK",
            "       (--no-verify | -C CERT [-C CERT ...] [--crl CRL ...]",
            "       [--root-ca FILE] [--offline]) [--add-data FLAGS]",
        ],
        about: """
            Create an attestation request for the hosts whose host-key documents are given, and the \
            request protection key (ARPK) that verify needs to check the answer. Run it on a trusted \
            system and keep the ARPK secret.
            """,
        options: [
            .option(.hostKeyDocument, short: "k", value: "FILE", list: true,
                    help: "Host-key document (PEM or DER) of a host the request is for; 1 to 255, each with a different host key."),
        ] + signingChain + [
            .option(.output, short: "o", value: "FILE",
                    help: "Write the attestation request (exchange format v1) to FILE."),
            .option(.arpk, short: "a", value: "FILE", allowsStandardStream: false,
                    help: "Write the request protection key (32 bytes, mode 0600) to FILE; a real file, not '-' or a symbolic link."),
            .option(.addData, value: "FLAGS",
                    allowed: ["phkh-img", "phkh-att", "secret-store-hash", "firmware-state"], list: true,
                    help: "Ask the Ultravisor for additional data in the response."),
        ],
        operands: [],
        relations: [
            .required(.hostKeyDocument),
        ] + signingChainRelations + [
            .required(.output),
            .required(.arpk),
        ],
        exitStatus: [(0, "The request and the ARPK were written."), errorExit])

    static let perform = CommandSpec(
        subcommand: .command(.perform),
        summary: "Get the attestation measurement from the Ultravisor (on the guest)",
        usage: "perform [OPTIONS] [-i] REQUEST [-o] RESPONSE",
        synopsis: [
            "perform [-i] REQUEST [-o] RESPONSE [-u USER_DATA]",
            "perform --simulate --host-key-private KEY",
            "        --hdr SE_HEADER_OR_IMAGE [--cuid HEX] [-u USER_DATA]",
            "        [-i] REQUEST [-o] RESPONSE",
            "perform --challenge CHALLENGE [--runtime-data-digest HEX|@FILE]",
            "        -o EVIDENCE [--simulate --host-key-private KEY",
            "        --hdr SE_HEADER_OR_IMAGE [--cuid HEX]]",
        ],
        about: """
            Send an attestation request to the Ultravisor through /dev/uv and write its response. \
            Runs only inside an IBM Secure Execution guest on s390x; --simulate does what the \
            firmware does in software, for tests and CI on any machine. With --challenge it answers \
            a Confidential Containers (trustee) challenge with JSON evidence instead, as \
            guest-components' attester does.
            """,
        options: [
            .option(.input, short: "i", value: "FILE",
                    help: "Read the attestation request from FILE (or give it as the first argument)."),
            .option(.output, short: "o", value: "FILE",
                    help: "Write the attestation response to FILE (or give it as the second argument)."),
            .option(.userData, short: "u", value: "FILE",
                    help: "Bind up to 256 bytes of user data from FILE into the measurement."),
            .flag(.simulate, help: "Answer with a software Ultravisor instead of /dev/uv (tests and CI)."),
            .option(.hostKeyPrivate, value: "KEY",
                    help: "PEM private key of the test host key the request was created for."),
            .option(.hdr, value: "FILE",
                    help: "SE header or whole SE image of the simulated guest; it must have a key slot for the host key."),
            .option(.cuid, value: "HEX", hexByteCount: 16,
                    help: "Configuration unique ID of the simulated guest, 16 bytes in hex (default: derived from the request and header)."),
            .option(.challenge, value: "FILE",
                    help: "Answer this Confidential Containers challenge (JSON) instead of a request; the output is JSON evidence."),
            .option(.runtimeDataDigest, value: "HEX|@FILE",
                    help: "Report data to bind, at most 64 bytes (zero-padded to 64), as hex or @FILE for the bytes of FILE; default: the challenge's runtime_data_digest."),
        ],
        operands: [
            .init(name: "REQUEST", key: .input, required: true, option: .input, unlessGiven: .challenge),
            .init(name: "RESPONSE", key: .output, required: true, option: .output),
        ],
        relations: [
            .conflicts(.challenge, .input),
            .conflicts(.challenge, .userData),
            .requires(.runtimeDataDigest, .challenge),
            .requires(.simulate, .hostKeyPrivate),
            .requires(.simulate, .hdr),
            .requires(.hostKeyPrivate, .simulate),
            .requires(.hdr, .simulate),
            .requires(.cuid, .simulate),
        ],
        exitStatus: [(0, "The response was written."), errorExit])

    static let verify = CommandSpec(
        subcommand: .command(.verify),
        summary: "Verify the attestation measurement of a response",
        usage: "verify -i RESPONSE --hdr SE_HEADER_OR_IMAGE -a ARPK [OPTIONS]",
        synopsis: [
            "verify -i RESPONSE --hdr SE_HEADER_OR_IMAGE -a ARPK",
            "       [-o RESULT] [--format yaml|json] [-u USER_DATA_OUT]",
            "verify --evidence EVIDENCE --seal-key RSA_PRIVATE_KEY",
            "       --hdr SE_HEADER_OR_IMAGE [--report-data HEX|@FILE]",
            "       [--max-age SECONDS] [--trustee-compatible]",
            "       [-o CLAIMS] [--format yaml|json]",
        ],
        about: """
            Recompute the attestation measurement of a response with the ARPK and the SE header's \
            tags and compare it with the one the Ultravisor sent. Prints the result on stderr. With \
            --evidence it judges Confidential Containers (trustee) evidence instead and writes its \
            claims: the measurement, the image's header tags, the sealed key and nonce, the report \
            data and the age must all hold.
            """,
        options: [
            .option(.input, short: "i", value: "FILE",
                    help: "Read the attestation response from FILE."),
            .option(.hdr, value: "FILE",
                    help: "SE header or whole SE image of the attested guest."),
            .option(.arpk, short: "a", value: "FILE", allowsStandardStream: false,
                    help: "Read the request protection key from FILE (written by create; not '-')."),
            .option(.output, short: "o", value: "FILE",
                    help: "Write the verified result to FILE (only on success)."),
            .option(.format, value: "FORMAT", allowed: ["yaml", "json"], default: "yaml",
                    help: "Format of the result file."),
            .option(.userData, short: "u", value: "FILE",
                    help: "Write the verified user data to FILE (warning if the response has none)."),
            .option(.evidence, value: "FILE",
                    help: "Judge this Confidential Containers evidence (JSON) instead of a response; -o writes its claims."),
            .option(.sealKey, value: "FILE", allowsStandardStream: false,
                    help: "PEM RSA private key (2048 to 8192 bits) the challenge was sealed with; a secret, not '-'."),
            .option(.reportData, value: "HEX|@FILE",
                    help: "Report data the guest must have bound, at most 64 bytes, as hex or @FILE for the bytes of FILE (without it a warning: not checked)."),
            .option(.maxAge, value: "SECONDS",
                    help: "Refuse evidence whose challenge was issued more than SECONDS ago (or more than SECONDS ahead of the clock)."),
            .flag(.trusteeCompatible,
                  help: "Also accept evidence for challenges se-attest did not make (trustee's), with a warning: anyone holding the seal key's public half could forge it. Only then may --hdr be left out."),
        ],
        operands: [],
        relations: [
            .requiredUnless(.input, .evidence), .requiredUnless(.hdr, .trusteeCompatible), .requiredUnless(.arpk, .evidence),
            .conflicts(.evidence, .input), .conflicts(.evidence, .arpk), .conflicts(.evidence, .userData),
            .requires(.evidence, .sealKey), .requires(.sealKey, .evidence), .requires(.reportData, .evidence),
            .requires(.maxAge, .evidence), .requires(.trusteeCompatible, .evidence),
        ],
        exitStatus: [
            (0, "The measurement verified (with --evidence: every check held)."),
            errorExit,
            (2, "The measurement did not verify (with --evidence: or the header tags, the sealed key or nonce, the report data or the age did not hold)."),
        ])

    static let check = CommandSpec(
        subcommand: .command(.check),
        summary: "Check policies (host keys, user data, secret store, firmware) on a response",
        usage: "check [OPTIONS] [-i] RESPONSE [-o] RESULT",
        synopsis: [
            "check [-i] RESPONSE [-o] RESULT [--format yaml|json]",
            "      [-k HKD ...] [-u USER_DATA]",
            "      [--host-key-check att-key-hash,boot-key-hash]",
            "      [--secret ASRCB ... --secret-store-locked true|false]",
            "      [--firmware [--firmware-check-version 1|2]",
            "                  [--firmware-verify-url URL]]",
            "      [--hdr SE_HEADER_OR_IMAGE -a ARPK]",
        ],
        about: """
            Judge an attestation response against policies and write the result. Every failed \
            policy is listed in the result. Without --hdr and -a the measurement is not checked \
            (a warning, and measurement_verified: false in the result): run verify first. \
            Without a policy option nothing but the measurement is checked (a warning).
            """,
        options: [
            .option(.input, short: "i", value: "FILE",
                    help: "Read the attestation response from FILE (or give it as the first argument)."),
            .option(.output, short: "o", value: "FILE",
                    help: "Write the check result to FILE (or give it as the second argument)."),
            .option(.format, value: "FORMAT", allowed: ["yaml", "json"], default: "yaml",
                    help: "Format of the result file (strings with control characters are escaped, so they read back exactly)."),
            .option(.hostKeyDocument, short: "k", value: "FILE", list: true,
                    help: "Host-key document exactly one of which must match each host-key hash in the response (not chain-verified; each with a different host key)."),
            .option(.hostKeyCheck, value: "POLICY", allowed: ["att-key-hash", "boot-key-hash"], list: true,
                    help: "Fail if the response lacks the attestation (att-key-hash) or image (boot-key-hash) host-key hash."),
            .option(.userData, short: "u", value: "FILE",
                    help: "User data the response must carry, byte for byte."),
            .option(.secret, value: "FILE", list: true,
                    help: "Add-secret request expected in the secret store, in the order given."),
            .option(.secretStoreLocked, value: "BOOL", allowed: ["true", "false"],
                    help: "Check the secret-store hash: whether the store must be locked."),
            .flag(.firmware, help: "Check the firmware state with IBM's verification service (needs internet access; 120 s; no redirect from https to http)."),
            .option(.firmwareCheckVersion, aliases: ["fw-ver"], value: "VERSION", allowed: ["1", "2"], default: "1",
                    help: "API version of the firmware verification service."),
            .option(.firmwareVerifyURL, value: "URL", default: firmwareVerifyURL,
                    help: "Base URL of the firmware verification service."),
            .option(.hdr, value: "FILE",
                    help: "Verify the measurement first, with this SE header or whole SE image."),
            .option(.arpk, short: "a", value: "FILE", allowsStandardStream: false,
                    help: "Request protection key for verifying the measurement first (not '-')."),
        ],
        operands: [
            .init(name: "RESPONSE", key: .input, required: true, option: .input),
            .init(name: "RESULT", key: .output, required: true, option: .output),
        ],
        relations: [
            .requires(.hostKeyCheck, .hostKeyDocument),
            .requires(.secret, .secretStoreLocked),
            .requires(.firmwareCheckVersion, .firmware),
            .requires(.firmwareVerifyURL, .firmware),
            .requires(.hdr, .arpk),
            .requires(.arpk, .hdr),
        ],
        exitStatus: [
            (0, "Every policy was satisfied."),
            errorExit,
            (2, "A policy failed, or (with --hdr and -a) the measurement did not verify."),
        ])

    static let inspect = CommandSpec(
        subcommand: .command(.inspect),
        summary: "Show the fields of a request, response, SE header or image, host-key document, add-secret request, challenge or evidence",
        usage: "inspect FILE [-a ARPK] [--format text|yaml|json]",
        synopsis: ["inspect FILE [-a ARPK] [--format text|yaml|json]"],
        about: """
            Recognise FILE and show its fields: sizes, flags, key-slot host-key hashes, CUID, \
            additional data, user data, SE header tags, or a host-key document's subject, validity \
            and host-key hash; a Confidential Containers challenge or evidence (JSON) shows its report \
            data, header tags and request or measurement. Secrets are never shown.
            """,
        options: [
            .option(.arpk, short: "a", value: "FILE", allowsStandardStream: false,
                    help: "Also report whether the request (of a request, response or challenge) decrypts with this ARPK (not '-')."),
            .option(.format, value: "FORMAT", allowed: ["text", "yaml", "json"], default: "text",
                    help: "Output format on stdout."),
        ],
        operands: [.init(name: "FILE", key: .input, required: true, option: nil)],
        relations: [],
        exitStatus: [(0, "The file was recognised and shown."), errorExit])

    static let extractHeader = CommandSpec(
        subcommand: .command(.extractHeader),
        summary: "Write the SE header found in an SE image",
        usage: "extract-hdr IMAGE -o HEADER",
        synopsis: ["extract-hdr IMAGE -o HEADER"],
        about: "Find the Secure Execution header in an SE image and write it to a file (replaces pvextract-hdr).",
        options: [
            .option(.output, short: "o", value: "FILE", help: "Write the SE header to FILE."),
        ],
        operands: [.init(name: "IMAGE", key: .input, required: true, option: nil)],
        relations: [.required(.output)],
        exitStatus: [(0, "The header was written."), errorExit])

    static let challenge = CommandSpec(
        subcommand: .command(.challenge),
        summary: "Make a Confidential Containers (trustee) challenge for a guest (verifier side)",
        usage: "challenge -k HKD... --hdr HEADER --seal-key KEY -o CHALLENGE",
        synopsis: [
            "challenge -k HKD [-k HKD ...] --hdr SE_HEADER_OR_IMAGE",
            "          --seal-key RSA_PRIVATE_KEY -o CHALLENGE",
            "          (--no-verify | -C CERT [-C CERT ...] [--crl CRL ...]",
            "          [--root-ca FILE] [--offline])",
            "          [--runtime-data-digest HEX|@FILE]",
        ],
        about: """
            Write a challenge as trustee's verifier does (JSON): an attestation request for the hosts \
            whose host-key documents are given (image and attestation host-key hashes), its \
            measurement key and nonce sealed with the seal key, and the SE header's tags. The key \
            and nonce are derived from the seal key and the issue time, so verify --evidence needs \
            nothing but the seal key, and evidence cannot be forged with its public half.
            """,
        options: [
            .option(.hostKeyDocument, short: "k", value: "FILE", list: true,
                    help: "Host-key document (PEM or DER) of a host the guest may run on; 1 to 255, each with a different host key."),
        ] + signingChain + [
            .option(.hdr, value: "FILE",
                    help: "SE header or whole SE image the guest must run; its tags go into the challenge."),
            .option(.sealKey, value: "FILE", allowsStandardStream: false,
                    help: "PEM RSA private key (2048 to 8192 bits, e.g. openssl genrsa 4096) that seals the challenge's secrets; a secret, not '-'."),
            .option(.runtimeDataDigest, value: "HEX|@FILE",
                    help: "Report data the guest is asked to bind, at most 64 bytes, as hex or @FILE for the bytes of FILE."),
            .option(.output, short: "o", value: "FILE",
                    help: "Write the challenge (JSON) to FILE."),
        ],
        operands: [],
        relations: [
            .required(.hostKeyDocument),
        ] + signingChainRelations + [
            .required(.hdr),
            .required(.sealKey),
            .required(.output),
        ],
        exitStatus: [(0, "The challenge was written."), errorExit])

    static let help = CommandSpec(
        subcommand: .help,
        summary: "Print help for se-attest or one of its commands",
        usage: "help [COMMAND]",
        synopsis: ["help [COMMAND]"],
        about: "Print help for se-attest, or for COMMAND, on stdout.",
        options: [],
        operands: [.init(name: "COMMAND", key: nil, required: false, option: nil)],
        relations: [],
        exitStatus: [(0, "Help was printed."), (1, "COMMAND is not a command of se-attest.")])

    static let version = CommandSpec(
        subcommand: .version,
        summary: "Print the version",
        usage: "version",
        synopsis: ["version"],
        about: "Print the version of se-attest on stdout (the same as --version).",
        options: [],
        operands: [],
        relations: [],
        exitStatus: [(0, "The version was printed."), (1, "A usage error.")])
}
