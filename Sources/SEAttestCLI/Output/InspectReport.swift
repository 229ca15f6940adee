import SEDocuments
import SECore
import SECrypto
import SEAttestation

/// What `inspect` shows about each kind of file: the values a reference-value store or a policy
/// compares (host-key hashes, SE-header digests and tag, CUID, additional data), never a secret.
/// Keys are snake_case as in verify's result; byte strings are `0x` + lower-case hex.
enum InspectReport {
    /// Whether `-a` opened the request; the secrets themselves are dropped at once.
    enum Decryption {
        case decrypts(nonce: Bool)
        case fails(String)
    }

    static func exchangeRequest(_ request: ExchangeRequest, fileSize: Int, arcb: [(String, ReportValue)]) -> ReportValue {
        .map([
            ("type", .string("exchange-request")),
            ("size", .int(fileSize)),
            ("measurement_size", .int(request.measurementSize)),
            ("additional_data_size", .int(request.additionalDataSize)),
        ] + arcb)
    }

    static func exchangeResponse(_ response: ExchangeResponse, fileSize: Int, request: AttestationRequest?,
                                 arcb: [(String, ReportValue)]) -> ReportValue {
        var entries: [(String, ReportValue)] = [
            ("type", .string("exchange-response")),
            ("size", .int(fileSize)),
            ("cuid", .hex(response.cuid)),
            ("measurement", .hex(response.measurement)),
        ]
        if let additionalData = response.additionalData {
            entries.append(("additional_data", .hex(additionalData)))
            if let request {
                entries.append(additionalDataFields(additionalData, flags: request.flags))
            }
        }
        if let userData = response.userData {
            entries.append(("user_data", .hex(userData)))
        }
        return .map(entries + arcb)
    }

    /// The ARCB inside an exchange file, or why it is not one (pvattest's own test files carry a
    /// 16-byte placeholder).
    static func embeddedRequest(_ parsed: Result<AttestationRequest, FormatError>, decryption: Decryption?) -> [(String, ReportValue)] {
        switch parsed {
        case .success(let request): return [("request", .map(attestationRequest(request, decryption: decryption)))]
        case .failure(let error): return [("request_error", .string(error.message))]
        }
    }

    static func bareRequest(_ request: AttestationRequest, decryption: Decryption?) -> ReportValue {
        .map([("type", .string("attestation-request"))] + attestationRequest(request, decryption: decryption))
    }

    static func attestationRequest(_ request: AttestationRequest, decryption: Decryption?) -> [(String, ReportValue)] {
        let flags = request.flags
        let named = AdditionalDataKind.allCases.reduce(AttestationFlags.nonce) { $0.union($1.flag) }
        var entries: [(String, ReportValue)] = [
            ("version", number(request.header.version)),
            ("size", .int(Int(request.header.requestLength))),
            ("flags", .hex(bigEndian(flags.rawValue))),
            ("flag_names", .list(((flags.contains(.nonce) ? ["nonce"] : []) + flags.addDataValues).map { .string($0) })),
        ]
        if !flags.subtracting(named).isEmpty {
            entries.append(("unknown_flags", .hex(bigEndian(flags.subtracting(named).rawValue))))
        }
        entries += [
            ("algorithm", .string("HMAC-SHA512")),
            ("measurement_size", .int(request.algorithm.measurementSize)),
            ("additional_data_size", .int(flags.additionalDataSize)),
            ("iv", .hex(request.iv)),
            ("encrypted_size", .int(Int(request.header.encryptedSize))),
            ("key_slot_count", .int(Int(request.header.keySlotCount))),
            ("key_slot_phkhs", .list(request.keySlots.map { .hex($0.phkh) })),
            ("tag", .hex(Array(request.sealed.tag))),
        ]
        switch decryption {
        case .decrypts(let nonce)?:
            entries += [("decrypts", .bool(true)), ("nonce", .bool(nonce))]
        case .fails(let reason)?:
            entries += [("decrypts", .bool(false)), ("decrypt_error", .string(reason))]
        case nil:
            break
        }
        return entries
    }

    /// The additional data split by the request's flags, or why it cannot be.
    private static func additionalDataFields(_ data: [UInt8], flags: AttestationFlags) -> (String, ReportValue) {
        do {
            let split = try AdditionalData(splitting: data, flags: flags)
            var fields = split.fields.map { ($0.kind.resultKey, ReportValue.hex($0.value)) }
            if let rest = split.unrecognized {
                fields.append(("unrecognized", .hex(rest)))
            }
            return ("additional_data_fields", .map(fields))
        } catch {
            return ("additional_data_error", .string(error.message))
        }
    }

    static func seHeader(_ header: SEHeader, location: SEHeaderLocation) -> ReportValue {
        var entries: [(String, ReportValue)] = [("type", .string(location.offset == 0 ? "se-header" : "se-image"))]
        if location.offset != 0 {
            entries.append(("header_offset", number(location.offset)))
        }
        entries += [
            ("version", number(header.version)),
            ("size", .int(header.size)),
            ("iv", .hex(header.iv)),
            ("key_slot_count", .int(Int(clamping: header.keySlotCount))),
            ("encrypted_size", .int(Int(clamping: header.encryptedSize))),
            ("encrypted_pages", .int(Int(clamping: header.encryptedPageCount))),
            ("control_flags", .hex(bigEndian(header.controlFlags))),
        ] + tagEntries(header.tags) + [
            ("key_slot_phkhs", .list(header.keySlots.map { .hex($0.phkh) })),
        ]
        return .map(entries)
    }

    /// The SE-header tags under the keys `inspect` shows for a header, so a challenge's or
    /// evidence's tags compare with the image's directly.
    private static func tagEntries(_ tags: SEHeaderTags) -> [(String, ReportValue)] {
        [("pld", .hex(tags.pld)), ("ald", .hex(tags.ald)), ("tld", .hex(tags.tld)), ("tag", .hex(tags.tag))]
    }

    /// A challenge: the sizes it asks for, the report data it names, how large its sealed secrets
    /// are (the verifier's RSA key size), the image's tags and the ARCB; the secrets stay sealed.
    static func challenge(_ challenge: CoCoChallenge, fileSize: Int, arcb: [(String, ReportValue)]) -> ReportValue {
        var entries: [(String, ReportValue)] = [
            ("type", .string("coco-challenge")),
            ("size", .int(fileSize)),
            ("measurement_size", .int(challenge.measurementSize)),
            ("additional_size", .int(challenge.additionalSize)),
        ]
        if let digest = challenge.runtimeDataDigest {
            entries.append(("runtime_data_digest", .hex(digest)))
        }
        entries += sealedSizes(challenge.encryptedMeasurementKey, challenge.encryptedRequestNonce)
        return .map(entries + tagEntries(SEHeaderTags(bytes: challenge.imageHeaderTags)) + arcb)
    }

    /// Evidence: what the Ultravisor returned (unverified), and the tags of the image it claims.
    static func evidence(_ evidence: CoCoEvidence, fileSize: Int) -> ReportValue {
        .map([
            ("type", .string("coco-evidence")),
            ("size", .int(fileSize)),
            ("cuid", .hex(evidence.cuid)),
            ("measurement", .hex(evidence.measurement)),
            ("additional_data", .hex(evidence.additionalData)),
            additionalDataFields(evidence.additionalData, flags: .challengeFlags),
            ("user_data", .hex(evidence.userData)),
        ] + sealedSizes(evidence.encryptedMeasurementKey, evidence.encryptedRequestNonce)
          + tagEntries(SEHeaderTags(bytes: evidence.imageHeaderTags)))
    }

    private static func sealedSizes(_ measurementKey: [UInt8], _ nonce: [UInt8]) -> [(String, ReportValue)] {
        [("encr_measurement_key_size", .int(measurementKey.count)), ("encr_request_nonce_size", .int(nonce.count))]
    }

    /// The first certificate of a host-key document (the one create and check use).
    static func hostKeyDocument(_ certificate: Certificate, count: Int) -> ReportValue {
        let key = Result { () throws(CryptoError) in try certificate.publicKey() }
        var entries: [(String, ReportValue)] = [
            // A certificate without a P-521 key (a CA, the signing key) is shown but is no host key.
            ("type", .string((try? key.get()) == nil ? "certificate" : "host-key-document")),
            ("subject", .string(certificate.subject)),
            ("issuer", .string(certificate.issuer)),
            ("serial", .string("0x" + certificate.serialHex)),
            ("not_before", .string(certificate.notBefore)),
            ("not_after", .string(certificate.notAfter)),
        ]
        switch key {
        case .success(let publicKey): entries.append(("phkh", .hex(publicKey.phkh)))
        case .failure(let error): entries.append(("key_error", .string("not a host key: the certificate \(error.message)")))
        }
        if count > 1 {
            entries.append(("certificates", .int(count)))
        }
        return .map(entries)
    }

    static func addSecretRequest(_ request: AddSecretRequest, size: Int) -> ReportValue {
        .map([
            ("type", .string("add-secret-request")),
            ("version", number(request.version)),
            ("size", .int(size)),
            ("user_data_type", .int(Int(request.userDataType))),
            ("tag", .hex(request.tag)),
        ])
    }

    private static func number(_ value: some BinaryInteger) -> ReportValue {
        .string("0x" + String(value, radix: 16))
    }

    private static func bigEndian(_ value: UInt64) -> [UInt8] {
        var writer = ByteWriter(capacity: 8)
        writer.append(value)
        return writer.bytes
    }
}

extension ReportValue {
    /// `inspect --format text`: the same document as YAML without quotes, for people.
    var text: String {
        var out = ""
        writeText(into: &out, indent: "")
        return out
    }

    private func writeText(into out: inout String, indent: String) {
        switch self {
        case .map(let entries):
            for (key, value) in entries {
                switch value {
                case .map, .list:
                    out += "\(indent)\(key):\n"
                    value.writeText(into: &out, indent: indent + "  ")
                default:
                    out += "\(indent)\(key): \(value.textScalar)\n"
                }
            }
        case .list(let items):
            for item in items {
                out += "\(indent)- \(item.textScalar)\n"
            }
        default:
            out += "\(indent)\(textScalar)\n"
        }
    }

    private var textScalar: String {
        switch self {
        case .string(let text): return text
        case .bool(let flag): return flag ? "yes" : "no"
        case .int(let number): return String(number)
        case .list, .map: return text
        }
    }
}
