import SECore
import SECrypto
import SEDevice
import SESimulator

/// `perform`: hands a request to the Ultravisor through `/dev/uv` inside an SE guest, or to
/// the software Ultravisor with `--simulate`, and writes the response (docs/formats.md §9, §10.2).
struct PerformCommand {
    var input: String
    var output: String
    var userData: String?
    /// `--simulate`: the test host key's private key and the guest's SE header or image.
    var simulation: Simulation?

    struct Simulation {
        var hostKeyPrivate: String
        var header: String
        var cuid: [UInt8]?
    }

    func run(_ diagnostics: Diagnostics) throws(CLIError) -> ExitStatus {
        let requestBytes = try InputFile.read(input, what: "attestation request")
        diagnostics.debugRead("attestation request", path: input, size: requestBytes.count)
        let request: ExchangeRequest
        do {
            request = try ExchangeRequest(parsing: requestBytes)
        } catch {
            throw CLIError(path: input, error.message)
        }
        var user: [UInt8]?
        if let userData {
            let bytes = try InputFile.read(userData, what: "user data", maxSize: ExchangeLimits.maxUserDataSize)
            diagnostics.debugRead("user data", path: userData, size: bytes.count)
            user = bytes
        }
        let call: AttestationCall
        do {
            call = try AttestationCall(request: request, userData: user)
        } catch {
            throw CLIError(error.message)
        }
        let device = try Self.device(for: simulation, diagnostics)
        let response: ExchangeResponse
        do {
            response = try call.perform(on: device, notice: { diagnostics.info($0) })
        } catch {
            throw CLIError(path: input, error.message)
        }
        try OutputFile.write(response.bytes, to: output, what: "attestation response")
        return .success
    }
}

extension PerformCommand {
    /// The software Ultravisor with `--simulate`, else `/dev/uv`.
    static func device(for simulation: Simulation?, _ diagnostics: Diagnostics) throws(CLIError) -> any UltravisorDevice {
        if let simulation { return try simulation.device(diagnostics) }
        do {
            return try DevUVDevice()
        } catch where error.code == .unsupportedArchitecture {
            throw CLIError("perform needs \(DevUVDevice.path), the Ultravisor device of an IBM Secure Execution guest, which exists only on s390x; to try attestation on this machine, use --simulate with a test host key")
        } catch {
            throw CLIError(error.message)
        }
    }
}

extension PerformCommand.Simulation {
    /// The software Ultravisor for a test host key and a guest's SE header.
    func device(_ diagnostics: Diagnostics) throws(CLIError) -> SimulatedUltravisor {
        let keyBytes = try InputFile.read(hostKeyPrivate, what: "host private key")
        let key: P521PrivateKey
        do {
            key = try P521PrivateKey(encoded: keyBytes)
        } catch {
            throw CLIError(path: hostKeyPrivate, "not a usable host private key: \(error.message)", details: error.underlying)
        }
        diagnostics.debug("simulating host key \(CLIError.quote(hostKeyPrivate)): host-key hash 0x\(Hex.encode(key.publicKey.phkh))")
        let seHeader = try SEHeader.load(path: header, diagnostics: diagnostics)
        do {
            return try SimulatedUltravisor(hostKey: key, header: seHeader, cuid: cuid)
        } catch {
            throw CLIError(path: header, error.message)
        }
    }
}
