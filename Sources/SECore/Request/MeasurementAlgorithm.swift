/// Measurement algorithm identifier (MAI) of an ARCB, docs/formats.md §5.2.
public enum MeasurementAlgorithm: UInt32, Sendable {
    /// HMAC-SHA512 (docs/formats.md §6.1), the only algorithm defined; the Ultravisor refuses
    /// others (rc 0x010B).
    case hmacSHA512 = 1

    /// Bytes of the measurement the Ultravisor returns.
    public var measurementSize: Int { 64 }
    /// Bytes of the measurement key carried in the encrypted area.
    public var keySize: Int { 64 }
}
