import SEAttestation

/// The Confidential Containers challenge and evidence readers over arbitrary bytes, as a hostile
/// verifier or guest sends them: each must throw or parse, and whatever parses must survive
/// being written and read again unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCoCoDocuments(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    if let challenge = try? CoCoChallenge(parsing: bytes) {
        guard (try? CoCoChallenge(parsing: challenge.json)) == challenge else {
            fatalError("a challenge does not survive writing and reading it again")
        }
    }
    if let evidence = try? CoCoEvidence(parsing: bytes) {
        guard (try? CoCoEvidence(parsing: evidence.json)) == evidence else {
            fatalError("evidence does not survive writing and reading it again")
        }
    }
    return 0
}
