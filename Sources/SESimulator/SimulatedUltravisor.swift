import SECore
import SECrypto
import SEDevice

/// A software Ultravisor for attestation off s390x: what the kernel and the firmware do with an
/// attestation request, done with a test host key's private key, so the whole
/// create → perform → verify flow runs on any machine (docs/cli-conventions.md §2).
///
/// It sits behind the same seam as `/dev/uv` and answers in the same shape, so `perform` runs
/// the same code with either. It refuses what the firmware refuses, with the firmware's return
/// codes (docs/formats.md §4.5, §9.6).
public final class SimulatedUltravisor: UltravisorDevice, Sendable {
    private let hostKey: P521PrivateKey
    private let tags: SEHeaderTags
    private let cuid: [UInt8]?

    /// `hostKey` plays the machine's host key, `header` the SE header of the running image;
    /// `cuid` (16 bytes) fixes the configuration unique ID, which otherwise is derived from the
    /// request and the header so that fixed inputs give identical responses.
    ///
    /// A header without a key slot for `hostKey` is refused: the firmware could not have booted
    /// that image, so a response claiming it would carry an image host-key hash no machine gives.
    public init(hostKey: P521PrivateKey, header: SEHeader, cuid: [UInt8]? = nil) throws(UltravisorError) {
        if let cuid, cuid.count != ExchangeLimits.cuidSize {
            throw UltravisorError(.invalidRequest, "a CUID must be \(ExchangeLimits.cuidSize) bytes, not \(cuid.count)")
        }
        let phkh = hostKey.publicKey.phkh
        guard header.keySlots.contains(where: { $0.phkh == phkh }) else {
            let slots = header.keySlots.map { "0x" + Hex.encode($0.phkh) }
            throw UltravisorError(.invalidRequest, """
                the SE header has no key slot for the simulating host key (hash 0x\(Hex.encode(phkh))); \
                its key slots are for \(slots.isEmpty ? "no host key" : slots.joined(separator: ", ")): \
                a machine with this host key could not boot the image
                """)
        }
        self.hostKey = hostKey
        self.tags = header.tags
        self.cuid = cuid
    }

    /// The host-key hash this Ultravisor answers to (phkh-img and phkh-att).
    public var phkh: [UInt8] { hostKey.publicKey.phkh }

    /// Never throws: every refusal is a status, with the return code the real Ultravisor would give.
    public func retrieveAttestationMeasurement(_ arguments: UltravisorArguments) -> UltravisorResult {
        do throws(UltravisorRefusal) {
            let answer = try attest(
                AttestationRequest(screening: arguments.arcb), userData: arguments.userData,
                measurementCapacity: arguments.measurementSize, additionalDataCapacity: arguments.additionalDataSize)
            // The additional data keeps the length the caller asked for: the kernel copies the
            // caller's add_data_len back, not the size the firmware wrote (docs/formats.md §9.4, §14.4).
            return UltravisorResult(
                UltravisorStatus(returnCode: .executed), for: arguments,
                measurement: answer.measurement, additionalData: answer.additionalData, cuid: answer.cuid)
        } catch {
            return UltravisorResult(UltravisorStatus(returnCode: error.returnCode), for: arguments)
        }
    }

    /// What the firmware computes for a request that passed its checks.
    private func attest(
        _ request: AttestationRequest, userData: [UInt8], measurementCapacity: Int, additionalDataCapacity: Int
    ) throws(UltravisorRefusal) -> (measurement: [UInt8], additionalData: [UInt8], cuid: [UInt8]) {
        let secrets: AttestationSecrets
        do {
            secrets = try AttestationRequestOpener(request: request, hostKey: hostKey).open(request)
        } catch {
            throw UltravisorRefusal(.cannotDecrypt)
        }
        guard measurementCapacity >= request.algorithm.measurementSize else {
            throw UltravisorRefusal(.measurementAreaTooSmall)
        }
        guard additionalDataCapacity >= request.flags.additionalDataSize else {
            throw UltravisorRefusal(.additionalDataAreaTooSmall)
        }
        let additionalData = try additionalData(for: request.flags)
        let cuid: [UInt8]
        if let fixed = self.cuid {
            cuid = fixed
        } else {
            cuid = try derivedCUID(for: request)
        }
        do {
            let measurement = try AttestationMeasurement.compute(
                key: secrets.measurementKey, tags: tags, cuid: cuid, userData: userData, nonce: secrets.nonce,
                additionalData: additionalData)
            return (measurement, additionalData, cuid)
        } catch {
            throw UltravisorRefusal(.invalid)
        }
    }

    /// The additional data an Ultravisor with this host key, running this image with an empty,
    /// unlocked secret store, returns: items in flag-bit order (docs/formats.md §6.2).
    private func additionalData(for flags: AttestationFlags) throws(UltravisorRefusal) -> [UInt8] {
        var data: [UInt8] = []
        for kind in flags.additionalDataKinds {
            switch kind {
            case .imagePHKH, .attestationPHKH:
                data += phkh
            case .secretStoreHash:
                guard let hash = try? SHA512.hash([UInt8(0)]) else { throw UltravisorRefusal(.invalid) }
                data += hash
            case .firmwareState:
                data += [UInt8](repeating: 0, count: kind.size)
            }
        }
        return data
    }

    /// A stable stand-in for the guest's CUID: a labelled SHA-256 of the request and the SE
    /// header tags, cut to 16 bytes.
    private func derivedCUID(for request: AttestationRequest) throws(UltravisorRefusal) -> [UInt8] {
        guard let digest = try? SHA256.hash(Array("se-attest simulated CUID".utf8), request.bytes, tags.bytes) else {
            throw UltravisorRefusal(.invalid)
        }
        return Array(digest.prefix(ExchangeLimits.cuidSize))
    }
}
