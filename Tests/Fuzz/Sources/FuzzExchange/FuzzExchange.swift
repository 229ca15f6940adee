import SECore

/// The exchange reader over arbitrary bytes, as a response from a hostile guest or a damaged
/// request file: it must throw or parse, and whatever parses must survive a write and a re-read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExchange(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let file = Array(UnsafeBufferPointer(start: data, count: count))
    if let request = try? ExchangeRequest(parsing: file) {
        guard let again = try? ExchangeRequest(parsing: request.bytes), again.arcb == request.arcb,
              again.measurementSize == request.measurementSize, again.additionalDataSize == request.additionalDataSize
        else { fatalError("an exchange request does not survive writing and reading it again") }
    }
    if let response = try? ExchangeResponse(parsing: file) {
        guard let again = try? ExchangeResponse(parsing: response.bytes), again.arcb == response.arcb,
              again.measurement == response.measurement, again.additionalData == response.additionalData,
              again.userData == response.userData, again.cuid == response.cuid
        else { fatalError("an exchange response does not survive writing and reading it again") }
        // What verify does next with the blobs: the ARCB's flags split the additional data.
        if let request = try? AttestationRequest(parsing: response.arcb), let additionalData = response.additionalData {
            _ = try? AdditionalData(splitting: additionalData, flags: request.flags)
        }
    }
    return 0
}
