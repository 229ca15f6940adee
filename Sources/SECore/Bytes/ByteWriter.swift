/// Builds big-endian byte strings for the request, response and header formats.
public struct ByteWriter {
    /// What has been written so far.
    public private(set) var bytes: [UInt8]

    /// `capacity` is a hint that saves reallocation when the final size is known.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// One byte.
    public mutating func append(_ value: UInt8) { bytes.append(value) }
    /// Two bytes, big-endian.
    public mutating func append(_ value: UInt16) { appendInteger(UInt64(value), width: 2) }
    /// Four bytes, big-endian.
    public mutating func append(_ value: UInt32) { appendInteger(UInt64(value), width: 4) }
    /// Eight bytes, big-endian.
    public mutating func append(_ value: UInt64) { appendInteger(value, width: 8) }
    /// Bytes as they are, e.g. a magic or a blob.
    public mutating func append<C: Collection>(contentsOf data: C) where C.Element == UInt8 {
        bytes.append(contentsOf: data)
    }
    /// Reserved fields and padding.
    public mutating func appendZeros(_ count: Int) {
        bytes.append(contentsOf: repeatElement(0, count: count))
    }

    private mutating func appendInteger(_ value: UInt64, width: Int) {
        for shift in stride(from: (width - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
