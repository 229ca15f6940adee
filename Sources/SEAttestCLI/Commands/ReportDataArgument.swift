import SEDocuments
import SEAttestation

/// A `HEX|@FILE` value (`--runtime-data-digest`, `--report-data`): hex digits (optional `0x`),
/// or `@` and a file whose bytes are the value; at most 64 bytes either way.
enum ReportDataArgument {
    static func read(_ value: String, option: OptionName, diagnostics: Diagnostics) throws(CLIError) -> [UInt8] {
        let limit = CoCoChallenge.maxReportDataSize
        let bytes: [UInt8]
        if value.hasPrefix("@") {
            let path = String(value.dropFirst())
            bytes = try InputFile.read(path, what: "--\(option.rawValue) value", maxSize: limit)
            diagnostics.debugRead("--\(option.rawValue) value", path: path, size: bytes.count)
        } else {
            guard let decoded = HexValue.decode(value) else {
                throw CLIError("--\(option.rawValue) must be hex digits or @FILE, not '\(value.escapedForTerminal)'")
            }
            bytes = decoded
        }
        guard bytes.count <= limit else {
            throw CLIError("--\(option.rawValue) has \(bytes.count) bytes, at most \(limit) are allowed")
        }
        return bytes
    }

    /// The file of an `@FILE` value, for the alias check; nil for hex.
    static func path(in value: String?) -> String? {
        guard let value, value.hasPrefix("@") else { return nil }
        return String(value.dropFirst())
    }
}
