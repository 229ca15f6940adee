import Foundation
import SECore
import SECrypto
import SEDevice
import SESimulator
import SETestSupport

/// Random bytes handed out in order: the request's ARPK, IV, measurement key and nonce.
final class FixedRandomSource: RandomSource {
    private var pending: [UInt8]

    init(_ chunks: [UInt8]...) {
        pending = chunks.flatMap { $0 }
    }

    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        guard pending.count >= buffer.count else {
            throw CryptoError(.openssl, "FixedRandomSource ran out of bytes")
        }
        buffer.copyBytes(from: pending.prefix(buffer.count))
        pending.removeFirst(buffer.count)
    }
}

/// The fixed inputs of the simulator tests: the upstream test PKI's host keys (whose private
/// halves exist), the customer key and randomness of `pv/exp/arcb.bin`, and `secure_guest.hdr`
/// with key slots for both host keys (`golden/simulate_guest.hdr`, the same tags).
enum SimulatorFixture {
    static let hostKey = privateKey("pv/cert/host.key")
    static let host2Key = privateKey("pv/cert/host2.key")
    static let hostPublicKey = certificateKey("pv/cert/host.crt")
    static let host2PublicKey = certificateKey("pv/cert/host2.crt")
    static let header = loadHeader()
    static let tags = header.tags

    /// `Tests/Fixtures/golden`, next to the shared vectors.
    static func goldenURL(_ name: String) -> URL {
        Fixture.vectors.deletingLastPathComponent().appendingPathComponent("golden/\(name)")
    }

    /// A request built like `pv/exp/arcb.bin` (same customer key, ARPK rep(17,32), IV rep(55,12),
    /// measurement key rep(77,64), nonce rep(ab,16)), for `hostKeys`, in exchange format.
    static func request(flags: AttestationFlags, hostKeys: [P521PublicKey] = [hostPublicKey]) throws -> (request: ExchangeRequest, arpk: SecretBytes) {
        let customerKey = try P521PrivateKey(paddedScalar: SecretBytes(copying: Fixture.bytes("pv/keys/private_cust.bin")))
        let random = FixedRandomSource(Fixture.rep(0x17, 32), Fixture.rep(0x55, 12), Fixture.rep(0x77, 64), Fixture.rep(0xAB, 16))
        let built = try AttestationRequestBuilder(flags: flags, hostKeys: hostKeys).build(random: random, customerKey: customerKey)
        let request = ExchangeRequest(
            arcb: built.arcb, measurementSize: MeasurementAlgorithm.hmacSHA512.measurementSize,
            additionalDataSize: flags.additionalDataSize)
        return (request, built.arpk)
    }

    /// What `verify` does with a response: parse it back, open the ARCB with the ARPK and
    /// recompute the measurement.
    static func verifies(_ response: ExchangeResponse, arpk: SecretBytes, tags: SEHeaderTags = tags) throws -> Bool {
        let reread = try ExchangeResponse(parsing: response.bytes)
        let request = try AttestationRequest(parsing: reread.arcb)
        let secrets = try AttestationRequestOpener(arpk: arpk).open(request)
        return try AttestationMeasurement.verify(reread, tags: tags, secrets: secrets)
    }

    private static func privateKey(_ path: String) -> P521PrivateKey {
        do {
            return try P521PrivateKey(encoded: Fixture.bytes(path))
        } catch {
            fatalError("test fixture \(path) is not a P-521 private key: \(error)")
        }
    }

    private static func certificateKey(_ path: String) -> P521PublicKey {
        do {
            guard let certificate = try Certificate.loadAll(from: Fixture.bytes(path)).first else {
                fatalError("test fixture \(path) holds no certificate")
            }
            return try certificate.publicKey()
        } catch {
            fatalError("test fixture \(path) has no P-521 public key: \(error)")
        }
    }

    private static func loadHeader() -> SEHeader {
        do {
            return try SEHeader(parsing: Array(try Data(contentsOf: goldenURL("simulate_guest.hdr"))))
        } catch {
            fatalError("test fixture simulate_guest.hdr is not an SE header: \(error)")
        }
    }
}
