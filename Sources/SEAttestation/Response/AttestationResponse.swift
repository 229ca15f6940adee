public import SECore

/// A response as it arrives from a guest: the exchange file parsed and the attestation request
/// inside it parsed, every length checked, nothing verified yet.
public struct AttestationResponse: Sendable {
    public let exchange: ExchangeResponse
    /// The request the guest answered (its plaintext part; the secrets need the ARPK).
    public let request: AttestationRequest

    public init(parsing bytes: [UInt8]) throws(AttestationError) {
        let exchange: ExchangeResponse
        do {
            exchange = try ExchangeResponse(parsing: bytes)
        } catch {
            throw AttestationError(.malformedResponse, error.message)
        }
        try self.init(exchange)
    }

    public init(_ exchange: ExchangeResponse) throws(AttestationError) {
        do {
            request = try AttestationRequest(parsing: exchange.arcb)
        } catch {
            throw AttestationError(.malformedRequest, "the attestation request in the response is invalid: \(error.message)")
        }
        self.exchange = exchange
    }

    public var cuid: [UInt8] { exchange.cuid }
    public var userData: [UInt8]? { exchange.userData }

    /// The additional data split by the request's flags; nil when the flags ask for none. Missing
    /// additional data that the flags ask for counts as empty, so it is as wrong as too little.
    public func additionalData() throws(AttestationError) -> AdditionalData? {
        let data = exchange.additionalData ?? (request.flags.additionalDataSize > 0 ? [] : nil)
        do {
            return try data.map { (data) throws(FormatError) in try AdditionalData(splitting: data, flags: request.flags) }
        } catch {
            throw AttestationError(.malformedAdditionalData, error.message)
        }
    }
}
