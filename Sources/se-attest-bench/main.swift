// Support for scripts/bench: builds benchmark inputs that need the library (a response with a
// chosen amount of additional data that really verifies) and measures in-process throughput.
//
//   se-attest-bench respond REQUEST ARPK HEADER ADDITIONAL_BYTES USER_BYTES OUT
//   se-attest-bench verify-rate RESPONSE HEADER ARPK SECONDS
#if canImport(Glibc)
import Glibc
#endif
import SEAttestation
import SECrypto

func fail(_ message: String) -> Never {
    let line = Array("se-attest-bench: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(1)
}

func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count == 0 { break }
        bytes += chunk[0..<count]
    }
    return bytes
}

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}


let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "respond" where arguments.count == 7:
    guard let additional = Int(arguments[4]), let user = Int(arguments[5]) else { fail("sizes must be numbers") }
    do {
        let request = try ExchangeRequest(parsing: readFile(arguments[1]))
        let opened = try AttestationRequest(parsing: request.arcb).open(with: SecretBytes(copying: readFile(arguments[2])))
        let tags = try SEHeader.locate(in: readFile(arguments[3])).header.tags
        let additionalData = (0..<additional).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let userData = user > 0 ? (0..<user).map { UInt8(truncatingIfNeeded: $0) } : nil
        let cuid = Array(0..<16).map(UInt8.init)
        let measurement = try AttestationMeasurement.compute(
            key: opened.measurementKey, tags: tags, cuid: cuid, userData: userData ?? [], nonce: opened.nonce,
            additionalData: additionalData)
        let response = ExchangeResponse(
            arcb: request.arcb, measurement: measurement, additionalData: additional > 0 ? additionalData : nil,
            userData: userData, cuid: cuid)
        guard let file = fopen(arguments[6], "wb") else { fail("cannot create \(arguments[6])") }
        _ = response.bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    } catch {
        fail("\(error)")
    }
case "verify-rate" where arguments.count == 5:
    guard let seconds = Double(arguments[4]) else { fail("SECONDS must be a number") }
    let file = readFile(arguments[1])
    let arpk = SecretBytes(copying: readFile(arguments[3]))
    // Through the front door, as a service would: the trusted header is read once.
    let verifier: ResponseVerifier
    do {
        verifier = try ResponseVerifier(headerOrImage: readFile(arguments[2]))
    } catch {
        fail(error.message)
    }
    var count = 0
    let start = now()
    var elapsed = 0.0
    repeat {
        for _ in 0..<100 {
            do {
                guard try verifier.verify(AttestationResponse(parsing: file), arpk: arpk) else { fail("does not verify") }
            } catch {
                fail("\(error)")
            }
            count += 1
        }
        elapsed = now() - start
    } while elapsed < seconds
    print(Int(Double(count) / elapsed))
default:
    fail("usage: se-attest-bench respond REQUEST ARPK HEADER ADDITIONAL USER OUT | verify-rate RESPONSE HEADER ARPK SECONDS")
}
