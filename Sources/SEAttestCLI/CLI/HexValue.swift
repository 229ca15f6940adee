import SECore

/// Hex text as users copy it from pvattest output: optional `0x`, either case.
enum HexValue {
    static func decode(_ text: String) -> [UInt8]? {
        let digits = text.hasPrefix("0x") || text.hasPrefix("0X") ? text.dropFirst(2) : Substring(text)
        guard !digits.isEmpty else { return nil }
        return Hex.decode(digits)
    }
}
