import SEDocuments
import SECore
import SEAttestation
import SECrypto

/// `inspect`: recognises a file of the attestation flow and shows its fields, so reference
/// values come from the tool that checks them instead of scripts (pvattest-info printed
/// byte-swapped values on little-endian hosts).
struct InspectCommand {
    enum Format: String {
        case text, yaml, json
    }

    var input: String
    var arpk: String?
    var format: Format = .text

    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus {
        let source: any RandomAccessBytes = input == "-"
            ? try InputFile.read(input, what: "input")
            : try FileBytes(path: input, what: "input")
        diagnostics.debugRead("input", path: input, size: source.count)
        let document = try inspect(source, diagnostics: diagnostics)
        let rendered: String
        switch format {
        case .text: rendered = document.text
        case .yaml: rendered = document.yaml
        case .json: rendered = document.json
        }
        try OutputFile.write(Array(rendered.utf8), to: "-", what: "inspection")
        return .success
    }

    private func inspect(_ source: any RandomAccessBytes, diagnostics: Diagnostics) throws(CLIError) -> ReportValue {
        let head = source.read(at: 0, count: min(8, source.count)) ?? []
        if head == Array("pvattest".utf8) {
            return try exchangeFile(try whole(source), diagnostics: diagnostics)
        }
        if head.starts(with: AddSecretRequest.magic) {
            let bytes = try whole(source)
            return InspectReport.addSecretRequest(try parse { () throws(FormatError) in try AddSecretRequest(parsing: bytes) }, size: bytes.count)
        }
        let headerError: FormatError
        switch Result(catching: { () throws(FormatError) in try SEHeader.locate(in: source) }) {
        case .success(let found):
            if let warning = found.location.warning {
                diagnostics.warning("\(CLIError.quote(input)): \(warning)")
            }
            try requireNoKey("an SE header")
            return InspectReport.seHeader(found.header, location: found.location)
        case .failure(let error) where head == SEHeader.magic:
            throw CLIError(path: input, error.message)
        case .failure(let error):
            headerError = error
        }
        if head.count == 8, head.allSatisfy({ $0 == 0 }) {
            // An ARCB starts with eight zero bytes, and so does many an SE image.
            let bytes = try whole(source)
            switch Result(catching: { () throws(FormatError) in try AttestationRequest(parsing: bytes) }) {
            case .success(let request):
                return InspectReport.bareRequest(request, decryption: try decryption(of: request, diagnostics: diagnostics))
            case .failure(let error):
                throw CLIError(path: input, "neither an attestation request (\(error.message)) nor an SE header or image (\(headerError.message))")
            }
        }
        let bytes = try whole(source)
        if bytes.first(where: { !Self.jsonWhitespace.contains($0) }) == UInt8(ascii: "{") {
            return try cocoDocument(bytes, diagnostics: diagnostics)
        }
        if head.first == 0x30 || ByteSearch.contains("-----BEGIN ", in: bytes) {
            try requireNoKey("a host-key document")
            do {
                let certificates = try Certificate.loadAll(from: bytes)
                if let first = certificates.first {
                    return InspectReport.hostKeyDocument(first, count: certificates.count)
                }
            } catch {
                throw CLIError(path: input, "not a host-key document: the file \(error.message)", details: error.underlying)
            }
        }
        throw CLIError(path: input, """
            not a file inspect recognises (an exchange request or response, an attestation request, \
            an SE header or image, a host-key document, an add-secret request, or a Confidential \
            Containers challenge or evidence)
            """)
    }

    private static let jsonWhitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]

    /// A Confidential Containers challenge or evidence, told apart by the key only the one has;
    /// read by the library's readers, so a malformed one is refused as `challenge` and
    /// `verify --evidence` refuse it, naming the key.
    private func cocoDocument(_ bytes: [UInt8], diagnostics: Diagnostics) throws(CLIError) -> ReportValue {
        guard bytes.count <= CoCoChallenge.maxDocumentSize else {
            throw CLIError(path: input, "a JSON document of \(bytes.count) bytes; a challenge or evidence has at most \(CoCoChallenge.maxDocumentSize)")
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            throw CLIError(path: input, "not a challenge or evidence: the file is \(error.message)")
        }
        if value["request_blob"] != nil {
            let challenge = try attestation { () throws(AttestationError) in try CoCoChallenge(parsing: bytes) }
            let parsed = Result { () throws(FormatError) in try AttestationRequest(parsing: challenge.requestBlob) }
            return InspectReport.challenge(challenge, fileSize: bytes.count,
                                           arcb: InspectReport.embeddedRequest(parsed, decryption: try decryption(of: parsed, diagnostics: diagnostics)))
        }
        if value["measurement"] != nil {
            try requireNoKey("evidence")
            return InspectReport.evidence(try attestation { () throws(AttestationError) in try CoCoEvidence(parsing: bytes) }, fileSize: bytes.count)
        }
        throw CLIError(path: input, "a JSON document that is neither a challenge (no 'request_blob') nor evidence (no 'measurement')")
    }

    /// A request or response file; which one is told by whether the measurement holds data.
    private func exchangeFile(_ bytes: [UInt8], diagnostics: Diagnostics) throws(CLIError) -> ReportValue {
        let measurementOffset = bytes.bigEndianInteger(at: 0x24, width: 4) ?? 0
        if measurementOffset == 0 {
            let request = try parse { () throws(FormatError) in try ExchangeRequest(parsing: bytes) }
            let parsed = Result { () throws(FormatError) in try AttestationRequest(parsing: request.arcb) }
            return InspectReport.exchangeRequest(request, fileSize: bytes.count,
                                                 arcb: InspectReport.embeddedRequest(parsed, decryption: try decryption(of: parsed, diagnostics: diagnostics)))
        }
        let response = try parse { () throws(FormatError) in try ExchangeResponse(parsing: bytes) }
        let parsed = Result { () throws(FormatError) in try AttestationRequest(parsing: response.arcb) }
        return InspectReport.exchangeResponse(response, fileSize: bytes.count, request: try? parsed.get(),
                                              arcb: InspectReport.embeddedRequest(parsed, decryption: try decryption(of: parsed, diagnostics: diagnostics)))
    }

    private func decryption(of parsed: Result<AttestationRequest, FormatError>, diagnostics: Diagnostics) throws(CLIError) -> InspectReport.Decryption? {
        switch parsed {
        case .success(let request): return try decryption(of: request, diagnostics: diagnostics)
        case .failure: return nil
        }
    }

    /// With `-a`: whether the request opens with that ARPK. The secrets are not kept.
    private func decryption(of request: AttestationRequest, diagnostics: Diagnostics) throws(CLIError) -> InspectReport.Decryption? {
        guard let arpk else { return nil }
        let key = try ProtectionKeyFile.read(arpk)
        do {
            return .decrypts(nonce: try request.open(with: key).nonce != nil)
        } catch {
            for entry in error.underlying { diagnostics.trace("OpenSSL: \(entry)") }
            return .fails(error.message)
        }
    }

    private func requireNoKey(_ what: String) throws(CLIError) {
        guard arpk == nil else {
            throw CLIError(path: input, "is \(what); -a applies only to attestation requests, exchange files and challenges")
        }
    }

    private func whole(_ source: any RandomAccessBytes) throws(CLIError) -> [UInt8] {
        guard source.count <= InputFile.maxSize, let bytes = source.read(at: 0, count: source.count) else {
            throw CLIError(path: input, "cannot read the input (more than \(InputFile.maxSize) bytes, or a read error)")
        }
        return bytes
    }

    private func parse<T>(_ body: () throws(FormatError) -> T) throws(CLIError) -> T {
        do {
            return try body()
        } catch {
            throw CLIError(path: input, error.message)
        }
    }

    private func attestation<T>(_ body: () throws(AttestationError) -> T) throws(CLIError) -> T {
        do {
            return try body()
        } catch {
            throw CLIError(path: input, error.message)
        }
    }
}
