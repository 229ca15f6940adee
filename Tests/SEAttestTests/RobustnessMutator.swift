import SECore
import SETestSupport

/// A big-endian length, offset, count or version field that a mutant can make lie.
struct MutableField: Sendable {
    let name: String
    let offset: Int
    let width: Int
}

/// One damaged input and how it was damaged (for the failure message).
struct Mutant {
    let bytes: [UInt8]
    let description: String
}

/// Damages valid inputs the ways a hostile guest or a broken transfer would: truncation, bit
/// flips, fields that lie about lengths and offsets, bytes appended or inserted.
/// Uses `SplitMix64` (SETestSupport), so a mutant can be made again from its seed.
struct Mutator {
    private var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    mutating func mutate(_ original: [UInt8], fields: [MutableField]) -> Mutant {
        var bytes = original
        switch Int.random(in: 0..<8, using: &generator) {
        case 0:
            let length = Int.random(in: 0..<bytes.count, using: &generator)
            bytes.removeSubrange(length...)
            return Mutant(bytes: bytes, description: "truncated to \(length) bytes")
        case 1, 2:
            var flipped: [String] = []
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let bit = Int.random(in: 0..<(bytes.count * 8), using: &generator)
                bytes[bit / 8] ^= 1 << UInt8(bit % 8)
                flipped.append("0x\(String(bit / 8, radix: 16)).\(bit % 8)")
            }
            return Mutant(bytes: bytes, description: "bits flipped at " + flipped.joined(separator: ", "))
        case 3, 4, 5:
            guard let field = fields.randomElement(using: &generator), field.offset + field.width <= bytes.count else {
                return Mutant(bytes: bytes, description: "unchanged")
            }
            let value = lie(about: field, in: bytes)
            for index in 0..<field.width {
                bytes[field.offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(field.width - 1 - index)))
            }
            return Mutant(bytes: bytes, description: "\(field.name) set to 0x\(String(value, radix: 16))")
        case 6:
            let extra = randomBytes(Int.random(in: 1...64, using: &generator))
            bytes += extra
            return Mutant(bytes: bytes, description: "\(extra.count) bytes appended")
        default:
            let position = Int.random(in: 0...bytes.count, using: &generator)
            let extra = randomBytes(Int.random(in: 1...32, using: &generator))
            bytes.insert(contentsOf: extra, at: position)
            return Mutant(bytes: bytes, description: "\(extra.count) bytes inserted at 0x\(String(position, radix: 16))")
        }
    }

    /// A value near a boundary: zero, one, all ones, the sign bit, the file size, or the true
    /// value moved a little.
    private mutating func lie(about field: MutableField, in bytes: [UInt8]) -> UInt64 {
        let mask: UInt64 = field.width == 8 ? .max : (1 << UInt64(8 * field.width)) - 1
        let current = bytes.bigEndianInteger(at: field.offset, width: field.width) ?? 0
        let size = UInt64(bytes.count)
        let candidates: [UInt64] = [
            0, 1, mask, mask >> 1, (mask >> 1) &+ 1, size, size &+ 1, size &- 1,
            current &+ 1, current &- 1, current &+ 16, current &- 16, current &* 2, current / 2,
            generator.next(),
        ]
        return candidates.randomElement(using: &generator)! & mask
    }

    private mutating func randomBytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

/// Where the fields that can lie sit in the inputs se-attest reads (docs/formats.md §3.1, §7.1, §8.1).
enum MutableFields {
    /// The exchange header's total size and its five `{size, offset}` entries, then the lengths
    /// and counts of the ARCB it points at.
    static func exchange(_ file: [UInt8]) -> [MutableField] {
        var fields = [MutableField(name: "exchange total size", offset: 0x0C, width: 4)]
        for (index, blob) in ["ARCB", "measurement", "additional data", "user data", "CUID"].enumerated() {
            fields.append(MutableField(name: "exchange \(blob) size", offset: 0x18 + 8 * index, width: 4))
            fields.append(MutableField(name: "exchange \(blob) offset", offset: 0x1C + 8 * index, width: 4))
        }
        let arcb = Int(file.bigEndianInteger(at: 0x1C, width: 4) ?? 0x40)
        return fields + [
            MutableField(name: "ARCB version", offset: arcb + 0x08, width: 4),
            MutableField(name: "ARCB rql", offset: arcb + 0x0C, width: 4),
            MutableField(name: "ARCB nks", offset: arcb + 0x27, width: 1),
            MutableField(name: "ARCB sea", offset: arcb + 0x2C, width: 4),
            MutableField(name: "ARCB flags", offset: arcb + 0x30, width: 8),
            MutableField(name: "ARCB algorithm", offset: arcb + 0x38, width: 4),
        ]
    }

    /// The SE header's version, phs and the counts and sizes after the IV.
    static let seHeader = [
        MutableField(name: "SE header version", offset: 0x08, width: 4),
        MutableField(name: "SE header phs", offset: 0x0C, width: 4),
        MutableField(name: "SE header nks", offset: 0x20, width: 8),
        MutableField(name: "SE header sea", offset: 0x28, width: 8),
        MutableField(name: "SE header nep", offset: 0x30, width: 8),
    ]

    /// An SE image: its `SeImgLnx` record (header offset, version) and the header it points at.
    static func seImage(headerAt offset: Int) -> [MutableField] {
        [
            MutableField(name: "SeImgLnx header offset", offset: 0xC008, width: 8),
            MutableField(name: "SeImgLnx version", offset: 0xC010, width: 4),
        ] + seHeader.map { MutableField(name: $0.name, offset: offset + $0.offset, width: $0.width) }
    }
}
