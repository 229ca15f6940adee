/// Lower-case hexadecimal, the way pvattest prints byte strings (`0x` is added by callers).
public enum Hex {
    @usableFromInline
    static let digits = Array("0123456789abcdef".utf8)

    /// Results can be 64 KiB of hex (32 KiB of additional data), so this writes straight into
    /// the string's storage instead of going through a generic collection. Inlinable for the
    /// same reason as `decode`.
    @inlinable
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let array = bytes as? [UInt8] ?? Array(bytes)
        return array.withUnsafeBufferPointer { input in
            String(unsafeUninitializedCapacity: input.count * 2) { output in
                digits.withUnsafeBufferPointer { digits in
                    var index = 0
                    for byte in input {
                        output[index] = digits[Int(byte >> 4)]
                        output[index + 1] = digits[Int(byte & 0x0f)]
                        index += 2
                    }
                    return index
                }
            }
        }
    }

    /// Decodes an even number of hex digits (either case); nil for anything else. Inlinable, so
    /// that callers in other modules get it specialized for their string type: unspecialized, its
    /// generic steps look up types at run time, tens of microseconds on first use.
    @inlinable
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    @usableFromInline
    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
