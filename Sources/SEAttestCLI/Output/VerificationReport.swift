import SEDocuments
import SECore

/// What `verify` shows and writes about a verified response: pvattest's keys, in its order.
struct VerificationReport {
    let cuid: [UInt8]
    let additionalData: [UInt8]?
    let fields: AdditionalData?
    let userData: [UInt8]?

    var document: ReportValue {
        var entries: [(String, ReportValue)] = [("cuid", .hex(cuid))]
        if let additionalData, let fields {
            entries.append(("add", .hex(additionalData)))
            var split = fields.fields.map { ($0.kind.resultKey, ReportValue.hex($0.value)) }
            if let rest = fields.unrecognized {
                split.append(("unrecognized", .hex(rest)))
            }
            entries.append(("add_fields", .map(split)))
        }
        if let userData {
            entries.append(("user_data", .hex(userData)))
        }
        return .map(entries)
    }

    /// pvattest's human-readable result on stderr, line by line.
    var textLines: [String] {
        var lines = ["Config UID:", "0x" + Hex.encode(cuid)]
        if let additionalData, let fields {
            lines += ["Additional-data:", "0x" + Hex.encode(additionalData), "Additional-data content:"]
            for field in fields.fields {
                lines += [field.kind.name, "0x" + Hex.encode(field.value)]
            }
            if let rest = fields.unrecognized {
                lines += ["Unrecognized", "0x" + Hex.encode(rest)]
            }
            lines.append("")
        }
        if let userData {
            lines += ["user-data:", "0x" + Hex.encode(userData)]
        }
        lines.append("")
        return lines
    }
}
