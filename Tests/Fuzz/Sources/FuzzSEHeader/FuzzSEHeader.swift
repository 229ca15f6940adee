import SECore

/// The SE-header locator over the bytes as an image (the `SeImgLnx` record or the page scan),
/// and the header parser over the bytes as a bare header.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSEHeader(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    if let found = try? SEHeader.locate(in: bytes) {
        let header = found.header
        guard header.bytes.count == header.size, found.location.offset + header.size <= bytes.count,
              Array(bytes[found.location.offset..<(found.location.offset + header.size)]) == header.bytes
        else { fatalError("the located SE header is not the bytes at its offset") }
    }
    _ = try? SEHeader(parsing: bytes)
    return 0
}
