/// Bytes that can be read at any offset without loading them all: an SE image may be large,
/// and only a few pages of it matter. The CLI wraps files; tests and small inputs use arrays.
public protocol RandomAccessBytes {
    /// The total length in bytes.
    var count: Int { get }
    /// `count` bytes at `offset`, or nil when they are not all there.
    func read(at offset: Int, count: Int) -> [UInt8]?
}

extension Array: RandomAccessBytes where Element == UInt8 {
    /// A copy of the bytes at `offset`, bounds-checked without overflow.
    public func read(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, offset <= self.count, count <= self.count - offset else { return nil }
        return Array(self[offset..<(offset + count)])
    }
}
