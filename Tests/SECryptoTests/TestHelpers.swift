import SECore
import SETestSupport

/// Reads a secret's bytes for comparison with known answers (tests only).
func revealed(_ secret: SecretBytes) -> [UInt8] {
    secret.withUnsafeBytes { Array($0) }
}

func hex(_ text: String) -> [UInt8] {
    Hex.decode(text) ?? []
}

func secret(_ bytes: [UInt8]) -> SecretBytes {
    SecretBytes(copying: bytes)
}
