#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Fixed-size storage for a secret (ARPK, measurement key, nonce, ECDH output, derived keys)
/// that is wiped when released.
///
/// A class, not an array: the bytes live in one allocation that never grows or moves, so no
/// stray copy is left behind by copy-on-write, and `deinit` zeroes that one allocation with
/// `explicit_bzero`, which the optimiser may not remove. It has no `description` that shows
/// the bytes; reach them only through the `with…` closures and do not let pointers escape.
public final class SecretBytes: @unchecked Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let storage: UnsafeMutableRawBufferPointer
    private let ownsStorage: Bool

    /// `count` zero bytes, to be filled through `withUnsafeMutableBytes` (e.g. by a decryptor).
    public init(count: Int) {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(count, 1), alignment: 16)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        self.count = count
        ownsStorage = true
    }

    /// A secret copied from `bytes`; the caller remains responsible for wiping its own copy.
    public convenience init<C: Collection>(copying bytes: C) where C.Element == UInt8 {
        self.init(count: bytes.count)
        storage.copyBytes(from: bytes)
    }

    /// Wraps storage the caller owns (tests use this to observe the wipe on release).
    init(borrowing storage: UnsafeMutableRawBufferPointer) {
        self.storage = storage
        self.count = storage.count
        ownsStorage = false
    }

    deinit {
        if let base = storage.baseAddress {
            explicit_bzero(base, storage.count)
        }
        if ownsStorage {
            storage.deallocate()
        }
    }

    /// The secret's length in bytes (not secret).
    public let count: Int

    /// Reads the secret in place; the pointer must not escape `body`.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
    }

    /// Fills or changes the secret in place; the pointer must not escape `body`.
    public func withUnsafeMutableBytes<R, E: Error>(_ body: (UnsafeMutableRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeMutableRawBufferPointer(rebasing: storage[0..<count]))
    }

    /// A new secret holding `range` of this one (e.g. the nonce after the measurement key);
    /// the range is clamped to the bytes present, so a short secret gives a short result.
    public func subrange(_ range: Range<Int>) -> SecretBytes {
        let lower = Swift.min(Swift.max(range.lowerBound, 0), count)
        let upper = Swift.min(Swift.max(range.upperBound, lower), count)
        return withUnsafeBytes { SecretBytes(copying: UnsafeRawBufferPointer(rebasing: $0[lower..<upper])) }
    }

    /// Only the length: the bytes never appear in logs, `print` or string interpolation.
    public var description: String { "SecretBytes(\(count) bytes, redacted)" }
    /// The same redacted text, so the debugger and `dump` show no bytes either.
    public var debugDescription: String { description }
}
