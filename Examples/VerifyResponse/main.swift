// Verifies a guest's attestation response against the trusted SE header (or image) and the
// request's ARPK, then judges two policies, through SEAttestation alone. Exit 0 when all hold.
//   VerifyResponse RESPONSE SE_HEADER ARPK HOST_KEY_DOCUMENT
import Glibc
import SEAttestation

func fail(_ message: String) -> Never {
    _ = "VerifyResponse: \(message)\n".withCString { write(STDERR_FILENO, $0, strlen($0)) }
    exit(1)
}
/// Reads `path` into `storage`, plain bytes or zeroizing storage for the ARPK; returns the count.
func read(_ path: String, into storage: UnsafeMutableRawBufferPointer) -> Int {
    guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
    defer { fclose(file) }
    return fread(storage.baseAddress, 1, storage.count, file)
}
func bytes(_ path: String) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 1 << 20)
    let count = bytes.withUnsafeMutableBytes { read(path, into: $0) }
    return Array(bytes.prefix(count))
}
let paths = Array(CommandLine.arguments.dropFirst())
guard paths.count == 4 else { fail("usage: VerifyResponse RESPONSE SE_HEADER ARPK HOST_KEY_DOCUMENT") }

let arpk = SecretBytes(count: 32)
guard arpk.withUnsafeMutableBytes({ read(paths[2], into: $0) }) == 32 else { fail("an ARPK has 32 bytes") }
do throws(AttestationError) {
    let response = try AttestationResponse(parsing: bytes(paths[0]))
    let verified = try ResponseVerifier(headerOrImage: bytes(paths[1])).verify(response, arpk: arpk)
    let policies: [any AttestationPolicy] = [
        MeasurementVerifiedPolicy(),
        HostKeyPolicy(.attestation, documents: [try HostKeyDocument(name: paths[3], bytes: bytes(paths[3]))], enforced: true),
    ]
    let results = try policies.judge(PolicySubject(response: response, measurementVerified: verified))
    for (name, result) in zip(["measurement verified", "attestation host key"], results) { print("\(name): \(result.verdict)") }
    exit(results.contains(where: \.isViolated) ? 2 : 0)
} catch {
    fail(error.message)
}
