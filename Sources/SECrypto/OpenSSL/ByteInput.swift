public import SECore

/// Bytes a primitive can read in place: public bytes and secrets alike, so that a hash or MAC
/// over "header ‖ nonce ‖ data" never has to gather a secret into an array.
public protocol ByteInput {
    /// Calls `body` with the bytes in place; the pointer must not escape it.
    func withInputBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R
}

extension Array: ByteInput where Element == UInt8 {
    /// Reads the array's storage in place, without a copy.
    public func withInputBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        // The standard library's withUnsafeBytes rethrows untyped; carry the typed error through a Result.
        try withUnsafeBytes { raw in Result { () throws(E) -> R in try body(raw) } }.get()
    }
}

extension ArraySlice: ByteInput where Element == UInt8 {
    /// Reads the slice's storage in place, without a copy.
    public func withInputBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try withUnsafeBytes { raw in Result { () throws(E) -> R in try body(raw) } }.get()
    }
}

extension SecretBytes: ByteInput {
    /// Reads the secret in place, so it is never copied out of its zeroizing storage.
    public func withInputBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try withUnsafeBytes(body)
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeMutableBytes` that keeps a typed error (the standard library's rethrows `any Error`).
    mutating func withMutableBytes<R, E: Error>(_ body: (UnsafeMutableRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try withUnsafeMutableBytes { raw in Result { () throws(E) -> R in try body(raw) } }.get()
    }
}
