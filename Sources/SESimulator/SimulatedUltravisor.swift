#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSEUVDevice
import SECore
import SECrypto
import SEDevice

/// A software Ultravisor for `perform --simulate`: what the kernel and the firmware do with an
/// attestation request, done with a test host key's private key, so the whole
/// create → perform → verify flow runs on any machine (CLI.md `perform`).
///
/// It sits behind the same seam as `/dev/uv` and reads the same `uvio_attest` block, so the
/// code that builds the block is exercised for real. It refuses what the firmware refuses, with
/// the firmware's return codes (FORMATS.md §4.5, §9.6).
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

    public func retrieveAttestationMeasurement(_ control: inout cse_uvio_ioctl_cb) throws(UltravisorError) -> UltravisorStatus {
        let argument = try Self.kernelArgument(control)
        let block = argument.pointee
        let arcb = Self.bytes(at: block.arcb_addr, count: Int(block.arcb_len))
        let userData = withUnsafeBytes(of: block.user_data) { Array($0.prefix(Int(block.user_data_len))) }
        let status: UltravisorStatus
        do throws(UltravisorRefusal) {
            guard block.user_data_len <= ExchangeLimits.maxUserDataSize else {
                throw UltravisorRefusal(.userDataTooLong)
            }
            let answer = try attest(
                AttestationRequest(screening: arcb), userData: userData,
                measurementCapacity: Int(block.meas_len), additionalDataCapacity: Int(block.add_data_len))
            Self.copy(answer.measurement, to: block.meas_addr)
            // add_data_len stays as the caller set it: the kernel copies the caller's value back,
            // not the size the firmware wrote (FORMATS.md §9.4, §14.4).
            Self.copy(answer.additionalData, to: block.add_data_addr)
            withUnsafeMutableBytes(of: &argument.pointee.config_uid) { $0.copyBytes(from: answer.cuid) }
            status = UltravisorStatus(returnCode: .executed)
        } catch {
            status = UltravisorStatus(returnCode: error.returnCode)
        }
        control.uv_rc = status.returnCode.rawValue
        control.uv_rrc = status.reasonCode
        return status
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
    /// unlocked secret store, returns: items in flag-bit order (FORMATS.md §6.2).
    private func additionalData(for flags: AttestationFlags) throws(UltravisorRefusal) -> [UInt8] {
        var data: [UInt8] = []
        for item in AttestationFlags.additionalDataItems where flags.contains(item.flag) {
            switch item.flag {
            case .imagePHKH, .attestationPHKH:
                data += phkh
            case .secretStoreHash:
                guard let hash = try? SHA512.hash([UInt8(0)]) else { throw UltravisorRefusal(.invalid) }
                data += hash
            default:
                data += [UInt8](repeating: 0, count: item.size)
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

    /// The kernel's own checks of the ioctl argument (FORMATS.md §9.3–§9.5), as errno errors.
    private static func kernelArgument(_ control: cse_uvio_ioctl_cb) throws(UltravisorError) -> UnsafeMutablePointer<cse_uvio_attest> {
        func invalid(_ what: String) -> UltravisorError {
            UltravisorError(.systemError(errno: EINVAL), "the simulated uvdevice rejected the ioctl argument: \(what)")
        }
        let reservedClear = withUnsafeBytes(of: control.reserved14) { $0.allSatisfy { $0 == 0 } }
        guard control.flags == 0, reservedClear else { throw invalid("flags or reserved bytes are not zero") }
        guard control.argument_len == MemoryLayout<cse_uvio_attest>.size else {
            throw invalid("argument length \(control.argument_len), expected \(MemoryLayout<cse_uvio_attest>.size)")
        }
        guard let argument = UnsafeMutablePointer<cse_uvio_attest>(bitPattern: UInt(control.argument_addr)) else {
            throw UltravisorError(.systemError(errno: EFAULT), "the simulated uvdevice got a null argument address")
        }
        let block = argument.pointee
        guard (1...ExchangeLimits.maxRequestSize).contains(Int(block.arcb_len)),
              (1...ExchangeLimits.maxMeasurementSize).contains(Int(block.meas_len)),
              block.add_data_len <= ExchangeLimits.maxAdditionalDataSize,
              block.reserved136 == 0
        else { throw invalid("a length is out of range or reserved136 is not zero") }
        guard block.arcb_addr != 0, block.meas_addr != 0, block.add_data_len == 0 || block.add_data_addr != 0 else {
            throw UltravisorError(.systemError(errno: EFAULT), "the simulated uvdevice got a null buffer address")
        }
        return argument
    }

    private static func bytes(at address: UInt64, count: Int) -> [UInt8] {
        guard let pointer = UnsafeRawPointer(bitPattern: UInt(address)) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private static func copy(_ bytes: [UInt8], to address: UInt64) {
        guard !bytes.isEmpty, let pointer = UnsafeMutableRawPointer(bitPattern: UInt(address)) else { return }
        UnsafeMutableRawBufferPointer(start: pointer, count: bytes.count).copyBytes(from: bytes)
    }
}
