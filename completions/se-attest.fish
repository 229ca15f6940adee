# fish completion for se-attest: subcommands, options and their enumerated values.
# Generated from the option table (Sources/SEAttestCLI/CLI/OptionTable.swift); do not edit:
# run scripts/completions after changing the table. Install as
# /usr/share/fish/vendor_completions.d/se-attest.fish.

# Comma lists: the words of the list typed so far, followed by each allowed value.
function __se_attest_list
    set -l token (string replace -r -- '^-[^=]*=' '' (commandline -ct))
    set -l prefix (string match -r -- '^.*,' "$token")
    printf '%s\n' "$prefix"$argv
end

complete -c se-attest -f
complete -c se-attest -n 'not __fish_seen_subcommand_from create perform verify check inspect extract-hdr challenge help version' -a create -d 'Create an attestation request and its protection key (ARPK)'
complete -c se-attest -n 'not __fish_seen_subcommand_from create perform verify check inspect extract-hdr challenge help version' -a perform -d 'Get the attestation measurement from the Ultravisor (on the guest)'
complete -c se-attest -n 'not __fish_seen_subcommand_from create perform verify check inspect extract-hdr challenge help version' -a verify -d 'Verify the attestation measurement of a response'
complete -c se-attest -n 'not __fish_seen_subcommand_from create perform verify check inspect extract-hdr challenge help version' -a check -d 'Check policies (host keys, user data, secret store, firmware) on a response'
complete -c se-attest -n 'not __fish_seen_subcommand_from create perform verify check inspect extract-hdr challenge help version' -a inspect -d 'Show the fields of a request, response, SE header or image, host-key document, add-secret request, challenge or evidence'
complete -c se-attest -n 'not __fish_seen_subcommand_from create perform verify check inspect extract-hdr challenge help version' -a extract-hdr -d 'Write the SE header found in an SE image'
complete -c se-attest -n 'not __fish_seen_subcommand_from create perform verify check inspect extract-hdr challenge help version' -a challenge -d 'Make a Confidential Containers (trustee) challenge for a guest (verifier side)'
complete -c se-attest -n 'not __fish_seen_subcommand_from create perform verify check inspect extract-hdr challenge help version' -a help -d 'Print help for se-attest or one of its commands'
complete -c se-attest -n 'not __fish_seen_subcommand_from create perform verify check inspect extract-hdr challenge help version' -a version -d 'Print the version'
complete -c se-attest -n '__fish_seen_subcommand_from help' -a 'create perform verify check inspect extract-hdr challenge help version'
complete -c se-attest -l verbose -s v -s V -d 'Print more on stderr  -v information and the causes of errors, -vv debug (each file read and its size, flags, key-slot hashes, where the SE header is), -vvv trace (OpenSSL s error queue, HTTP exchanges)'
complete -c se-attest -l quiet -s q -d 'Print less on stderr  -q errors only, -qq nothing but the final error line'
complete -c se-attest -l help -s h -d 'Print help and exit'
complete -c se-attest -l version -d 'Print the version and exit'
complete -c se-attest -n '__fish_seen_subcommand_from create' -l host-key-document -s k -r -F -d 'Host-key document (PEM or DER) of a host the request is for; 1 to 255, each with a different host key'
complete -c se-attest -n '__fish_seen_subcommand_from create' -l cert -l crt -s C -r -F -d 'IBM Z signing-key certificate and intermediate CA certificate(s) that verify the host-key documents'
complete -c se-attest -n '__fish_seen_subcommand_from create' -l crl -r -F -d 'Certificate revocation list(s), PEM or DER'
complete -c se-attest -n '__fish_seen_subcommand_from create' -l root-ca -r -F -d 'Root CA certificate to trust instead of the system trust store'
complete -c se-attest -n '__fish_seen_subcommand_from create' -l offline -d 'Do not download CRLs from the certificates  distribution points (otherwise 3 s and 8 MiB per URL; proxies from http_proxy/https_proxy)'
complete -c se-attest -n '__fish_seen_subcommand_from create' -l no-verify -d 'Do not verify the host-key documents (prints a warning; for tests only)'
complete -c se-attest -n '__fish_seen_subcommand_from create' -l output -s o -r -F -d 'Write the attestation request (exchange format v1) to FILE'
complete -c se-attest -n '__fish_seen_subcommand_from create' -l arpk -s a -r -F -d 'Write the request protection key (32 bytes, mode 0600) to FILE; a real file, not  -  or a symbolic link'
complete -c se-attest -n '__fish_seen_subcommand_from create' -l add-data -x -a '(__se_attest_list phkh-img phkh-att secret-store-hash firmware-state)' -d 'Ask the Ultravisor for additional data in the response'
complete -c se-attest -n '__fish_seen_subcommand_from perform' -F
complete -c se-attest -n '__fish_seen_subcommand_from perform' -l input -s i -r -F -d 'Read the attestation request from FILE (or give it as the first argument)'
complete -c se-attest -n '__fish_seen_subcommand_from perform' -l output -s o -r -F -d 'Write the attestation response to FILE (or give it as the second argument)'
complete -c se-attest -n '__fish_seen_subcommand_from perform' -l user-data -s u -r -F -d 'Bind up to 256 bytes of user data from FILE into the measurement'
complete -c se-attest -n '__fish_seen_subcommand_from perform' -l simulate -d 'Answer with a software Ultravisor instead of /dev/uv (tests and CI)'
complete -c se-attest -n '__fish_seen_subcommand_from perform' -l host-key-private -r -F -d 'PEM private key of the test host key the request was created for'
complete -c se-attest -n '__fish_seen_subcommand_from perform' -l hdr -r -F -d 'SE header or whole SE image of the simulated guest; it must have a key slot for the host key'
complete -c se-attest -n '__fish_seen_subcommand_from perform' -l cuid -x -d 'Configuration unique ID of the simulated guest, 16 bytes in hex (default  derived from the request and header)'
complete -c se-attest -n '__fish_seen_subcommand_from perform' -l challenge -r -F -d 'Answer this Confidential Containers challenge (JSON) instead of a request; the output is JSON evidence'
complete -c se-attest -n '__fish_seen_subcommand_from perform' -l runtime-data-digest -x -d 'Report data to bind, at most 64 bytes (zero-padded to 64), as hex or @FILE for the bytes of FILE; default  the challenge s runtime_data_digest'
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l input -s i -r -F -d 'Read the attestation response from FILE'
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l hdr -r -F -d 'SE header or whole SE image of the attested guest'
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l arpk -s a -r -F -d 'Read the request protection key from FILE (written by create; not  - )'
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l output -s o -r -F -d 'Write the verified result to FILE (only on success)'
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l format -x -a 'yaml json' -d 'Format of the result file'
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l user-data -s u -r -F -d 'Write the verified user data to FILE (warning if the response has none)'
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l evidence -r -F -d 'Judge this Confidential Containers evidence (JSON) instead of a response; -o writes its claims'
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l seal-key -r -F -d 'PEM RSA private key (2048 to 8192 bits) the challenge was sealed with; a secret, not  - '
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l report-data -x -d 'Report data the guest must have bound, at most 64 bytes, as hex or @FILE for the bytes of FILE (without it a warning  not checked)'
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l max-age -x -d 'Refuse evidence whose challenge was issued more than SECONDS ago (or more than SECONDS ahead of the clock)'
complete -c se-attest -n '__fish_seen_subcommand_from verify' -l trustee-compatible -d 'Also accept evidence for challenges se-attest did not make (trustee s), with a warning  anyone holding the seal key s public half could forge it'
complete -c se-attest -n '__fish_seen_subcommand_from check' -F
complete -c se-attest -n '__fish_seen_subcommand_from check' -l input -s i -r -F -d 'Read the attestation response from FILE (or give it as the first argument)'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l output -s o -r -F -d 'Write the check result to FILE (or give it as the second argument)'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l format -x -a 'yaml json' -d 'Format of the result file (strings with control characters are escaped, so they read back exactly)'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l host-key-document -s k -r -F -d 'Host-key document exactly one of which must match each host-key hash in the response (not chain-verified; each with a different host key)'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l host-key-check -x -a '(__se_attest_list att-key-hash boot-key-hash)' -d 'Fail if the response lacks the attestation (att-key-hash) or image (boot-key-hash) host-key hash'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l user-data -s u -r -F -d 'User data the response must carry, byte for byte'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l secret -r -F -d 'Add-secret request expected in the secret store, in the order given'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l secret-store-locked -x -a 'true false' -d 'Check the secret-store hash  whether the store must be locked'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l firmware -d 'Check the firmware state with IBM s verification service (needs internet access; 120 s; no redirect from https to http)'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l firmware-check-version -l fw-ver -x -a '1 2' -d 'API version of the firmware verification service'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l firmware-verify-url -x -d 'Base URL of the firmware verification service'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l hdr -r -F -d 'Verify the measurement first, with this SE header or whole SE image'
complete -c se-attest -n '__fish_seen_subcommand_from check' -l arpk -s a -r -F -d 'Request protection key for verifying the measurement first (not  - )'
complete -c se-attest -n '__fish_seen_subcommand_from inspect' -F
complete -c se-attest -n '__fish_seen_subcommand_from inspect' -l arpk -s a -r -F -d 'Also report whether the request (of a request, response or challenge) decrypts with this ARPK (not  - )'
complete -c se-attest -n '__fish_seen_subcommand_from inspect' -l format -x -a 'text yaml json' -d 'Output format on stdout'
complete -c se-attest -n '__fish_seen_subcommand_from extract-hdr' -F
complete -c se-attest -n '__fish_seen_subcommand_from extract-hdr' -l output -s o -r -F -d 'Write the SE header to FILE'
complete -c se-attest -n '__fish_seen_subcommand_from challenge' -l host-key-document -s k -r -F -d 'Host-key document (PEM or DER) of a host the guest may run on; 1 to 255, each with a different host key'
complete -c se-attest -n '__fish_seen_subcommand_from challenge' -l cert -l crt -s C -r -F -d 'IBM Z signing-key certificate and intermediate CA certificate(s) that verify the host-key documents'
complete -c se-attest -n '__fish_seen_subcommand_from challenge' -l crl -r -F -d 'Certificate revocation list(s), PEM or DER'
complete -c se-attest -n '__fish_seen_subcommand_from challenge' -l root-ca -r -F -d 'Root CA certificate to trust instead of the system trust store'
complete -c se-attest -n '__fish_seen_subcommand_from challenge' -l offline -d 'Do not download CRLs from the certificates  distribution points (otherwise 3 s and 8 MiB per URL; proxies from http_proxy/https_proxy)'
complete -c se-attest -n '__fish_seen_subcommand_from challenge' -l no-verify -d 'Do not verify the host-key documents (prints a warning; for tests only)'
complete -c se-attest -n '__fish_seen_subcommand_from challenge' -l hdr -r -F -d 'SE header or whole SE image the guest must run; its tags go into the challenge'
complete -c se-attest -n '__fish_seen_subcommand_from challenge' -l seal-key -r -F -d 'PEM RSA private key (2048 to 8192 bits, e.g. openssl genrsa 4096) that seals the challenge s secrets; a secret, not  - '
complete -c se-attest -n '__fish_seen_subcommand_from challenge' -l runtime-data-digest -x -d 'Report data the guest is asked to bind, at most 64 bytes, as hex or @FILE for the bytes of FILE'
complete -c se-attest -n '__fish_seen_subcommand_from challenge' -l output -s o -r -F -d 'Write the challenge (JSON) to FILE'
