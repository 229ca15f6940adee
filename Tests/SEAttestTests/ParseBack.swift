import SEDocuments
import Foundation
@testable import SEAttestCLI

/// Reads a YAML or JSON document back with an independent parser (PyYAML's safe loader, jq; both
/// installed by scripts/install-deps) and gives it in one canonical form: compact JSON in which
/// every string, key or value, is the array of its code points and every map a list of
/// `[key, value]` pairs, so two documents are equal only when every scalar is.
enum ParseBack {
    struct ParserFailed: Error, CustomStringConvertible {
        let description: String
    }

    static func yaml(_ document: [UInt8]) throws -> String {
        try run(["python3", "-c", """
            import json, sys, yaml
            def canon(v):
                if isinstance(v, str): return [ord(c) for c in v]
                if isinstance(v, dict): return [[canon(k), canon(x)] for k, x in v.items()]
                if isinstance(v, list): return [canon(x) for x in v]
                return v
            print(json.dumps(canon(yaml.safe_load(sys.stdin.buffer)), separators=(",", ":")))
            """], document)
    }

    static func json(_ document: [UInt8]) throws -> String {
        try run(["jq", "-c", """
            def canon: if type == "string" then explode
                elif type == "object" then to_entries | map([(.key | explode), (.value | canon)])
                elif type == "array" then map(canon) else . end;
            canon
            """], document)
    }

    /// What both parsers must give for `value`.
    static func canonical(_ value: ReportValue) -> String {
        switch value {
        case .string(let text): return "[" + text.unicodeScalars.map { String($0.value) }.joined(separator: ",") + "]"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .list(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .map(let entries):
            return "[" + entries.map { "[\(canonical(.string($0.0))),\(canonical($0.1))]" }.joined(separator: ",") + "]"
        }
    }

    private static func run(_ arguments: [String], _ document: [UInt8]) throws -> String {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-parse-\(UUID().uuidString)")
        try Data(document).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let (status, output) = try runTool(URL(fileURLWithPath: "/usr/bin/env"), arguments, input: input)
        guard status == 0 else {
            throw ParserFailed(description: "\(arguments[0]) refused the document: \(output)\n\(String(decoding: document, as: UTF8.self))")
        }
        return output.hasSuffix("\n") ? String(output.dropLast()) : output
    }
}
