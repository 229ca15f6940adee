public import SECore

/// A response as it arrives from a guest: the exchange file parsed and the attestation request
/// inside it parsed, every length checked, nothing verified yet.
public struct AttestationResponse: Sendable {
    /// The exchange file as parsed: measurement, user data, additional data, CUID, ARCB.
    public let exchange: ExchangeResponse
    /// The request the guest answered (its plaintext part; the secrets need the ARPK).
    public let request: AttestationRequest

    /// Parses an exchange-format response file (docs/formats.md §8.5); throws `malformedResponse`
    /// or `malformedRequest`.
    public init(parsing bytes: [UInt8]) throws(AttestationError) {
        let exchange: ExchangeResponse
        do {
            exchange = try ExchangeResponse(parsing: bytes)
        } catch {
            throw AttestationError(.malformedResponse, error.message)
        }
        try self.init(exchange)
    }

    /// For a caller that already parsed the exchange file; throws `malformedRequest` when its ARCB
    /// is not one.
    public init(_ exchange: ExchangeResponse) throws(AttestationError) {
        do {
            request = try AttestationRequest(parsing: exchange.arcb)
        } catch {
            throw AttestationError(.malformedRequest, "the attestation request in the response is invalid: \(error.message)")
        }
        self.exchange = exchange
    }

    /// The guest's configuration unique ID (16 bytes), as the response states it.
    public var cuid: [UInt8] { exchange.cuid }
    /// The user data the guest bound; nil when the response carries none.
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
