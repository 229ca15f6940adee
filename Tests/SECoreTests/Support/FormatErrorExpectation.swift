import Testing
@testable import SECore

/// Runs `body`, which must fail with a `FormatError` of `code` (and, if given, a message that
/// mentions `fragment`). Returns the error so a test can look closer.
@discardableResult
func expectFormatError<R>(
    _ code: FormatError.Code, mentioning fragment: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(FormatError) -> R
) -> FormatError? {
    do {
        let value = try body()
        Issue.record("expected FormatError(.\(code)), got a value: \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        #expect(error.code == code, "message: \(error.message)", sourceLocation: sourceLocation)
        if let fragment {
            #expect(error.message.contains(fragment), "message: \(error.message)", sourceLocation: sourceLocation)
        }
        return error
    }
}

/// Hex in the vectors' spelling; a typo in a test literal is a test bug, so it fails loudly.
func hex(_ text: String) -> [UInt8] {
    let compact = text.filter { !$0.isWhitespace }
    guard let bytes = Hex.decode(compact) else { fatalError("bad hex literal in test: \(text)") }
    return bytes
}

/// `bytes` with the big-endian integer `value` of `width` bytes written at `offset`.
func patched(_ bytes: [UInt8], at offset: Int, width: Int, value: UInt64) -> [UInt8] {
    var copy = bytes
    for index in 0..<width {
        copy[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * (width - 1 - index)))
    }
    return copy
}

/// `bytes` with one byte replaced.
func patched(_ bytes: [UInt8], at offset: Int, byte: UInt8) -> [UInt8] {
    var copy = bytes
    copy[offset] = byte
    return copy
}
