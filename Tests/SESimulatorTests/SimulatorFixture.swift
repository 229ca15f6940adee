import CSEUVDevice
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

    /// What one ioctl with a hand-built `uvio_attest` block left behind.
    struct RawCall {
        var status: UltravisorStatus
        var control: cse_uvio_ioctl_cb
        var block: cse_uvio_attest
        var measurement: [UInt8]
        var additionalData: [UInt8]
    }

    /// One ioctl on `simulator` with a block built by hand rather than by `AttestationCall`, to
    /// reach sizes `AttestationCall` never asks for.
    static func rawCall(
        _ simulator: SimulatedUltravisor, arcb: [UInt8], measurementSize: Int = 64, additionalDataSize: Int = 0,
        userDataLength: UInt16 = 0
    ) throws -> RawCall {
        func address(_ pointer: UnsafeRawPointer?) -> UInt64 { UInt64(UInt(bitPattern: pointer)) }
        var measurement = [UInt8](repeating: 0, count: measurementSize)
        var additionalData = [UInt8](repeating: 0, count: additionalDataSize)
        var block = cse_uvio_attest()
        block.arcb_len = UInt32(arcb.count)
        block.meas_len = UInt32(measurementSize)
        block.add_data_len = UInt32(additionalDataSize)
        block.user_data_len = userDataLength
        var control = cse_uvio_ioctl_cb()
        let status = try arcb.withUnsafeBytes { arcbBuffer in
            try measurement.withUnsafeMutableBytes { measurementBuffer in
                try additionalData.withUnsafeMutableBytes { additionalBuffer in
                    block.arcb_addr = address(arcbBuffer.baseAddress)
                    block.meas_addr = address(measurementBuffer.baseAddress)
                    block.add_data_addr = additionalBuffer.isEmpty ? 0 : address(additionalBuffer.baseAddress)
                    return try withUnsafeMutablePointer(to: &block) { argument in
                        control.argument_addr = address(argument)
                        control.argument_len = UInt32(MemoryLayout<cse_uvio_attest>.size)
                        return try simulator.retrieveAttestationMeasurement(&control)
                    }
                }
            }
        }
        return RawCall(status: status, control: control, block: block, measurement: measurement, additionalData: additionalData)
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
