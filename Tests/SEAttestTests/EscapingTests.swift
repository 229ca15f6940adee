import SEDocuments
import Testing
@testable import SEAttestCLI

/// The scalar rules of the YAML and JSON writer and of terminal lines, one string at a time.
@Suite("escaping: YAML, JSON and terminal scalars")
struct EscapingTests {
    private func yaml(_ text: String) -> String { ReportValue.map([("k", .string(text))]).yaml }
    private func json(_ text: String) -> String { ReportValue.map([("k", .string(text))]).json }

    @Test("printable text stays single-quoted, quotes doubled, nothing else escaped", arguments: [
        ("0xab01", "'0xab01'"), ("", "''"), ("it's", "'it''s'"), ("a \"b\"", "'a \"b\"'"), ("c: #d", "'c: #d'"),
        ("-x", "'-x'"), ("?x", "'?x'"), ("*x", "'*x'"), ("&x", "'&x'"), ("\\", "'\\'"), (" pad ", "' pad '"),
        ("é ü 😀 \u{A0}", "'é ü 😀 \u{A0}'"), ("true", "'true'"), ("[{x}]", "'[{x}]'"),
    ])
    func singleQuoted(text: String, expected: String) {
        #expect(yaml(text) == "k: \(expected)\n")
    }

    @Test("text a single-quoted scalar cannot carry is double-quoted with escapes", arguments: [
        ("a\nb", #""a\nb""#), ("a\tb", #""a\tb""#), ("\0", #""\0""#), ("\u{1B}[31m", #""\e[31m""#), ("\r", #""\r""#),
        ("\u{01}\u{7F}", #""\x01\x7f""#), ("\u{85}\u{9B}", #""\x85\x9b""#), ("\u{2028}\u{2029}", #""\u2028\u2029""#),
        ("\u{202E}\u{200B}\u{FEFF}", #""\u202e\u200b\ufeff""#), ("\u{FFFF}\u{378}", #""\uffff\u0378""#),
        ("\u{E0001}", #""\U000e0001""#),
        // Once double-quoted, the quote and the backslash are escaped too; the apostrophe is not.
        ("'\"\\\n", #""'\"\\\n""#), ("é\n😀", "\"é\\n😀\""),
    ])
    func doubleQuoted(text: String, expected: String) {
        #expect(yaml(text) == "k: \(expected)\n")
    }

    @Test("JSON escapes every control, format and separator character as \\u, astral ones as surrogate pairs", arguments: [
        ("a\"b\\c/", #""a\"b\\c/""#), ("\n\r\t", #""\n\r\t""#), ("\0\u{1B}\u{7F}\u{85}", #""\u0000\u001b\u007f\u0085""#),
        ("\u{2028}\u{202E}\u{FEFF}", #""\u2028\u202e\ufeff""#), ("\u{E0001}", #""\udb40\udc01""#), ("é 😀 '", "\"é 😀 '\""),
    ])
    func jsonStrings(text: String, expected: String) {
        #expect(json(text) == "{\n  \"k\": \(expected)\n}\n")
    }

    @Test("snake_case keys are plain; other keys are quoted like values")
    func keys() {
        let document = ReportValue.map([
            ("add_fields", .int(1)), ("on", .int(2)), ("a b", .int(3)), ("1x", .int(4)), ("", .int(5)), ("a\nb", .map([("c", .int(6))])),
        ])
        #expect(document.yaml == "add_fields: 1\n'on': 2\n'a b': 3\n'1x': 4\n'': 5\n\"a\\nb\":\n  c: 6\n")
    }

    @Test("a terminal line shows controls, invisible characters and the backslash as escapes", arguments: [
        ("plain ✓ é 😀 'q' \"d\"", "plain ✓ é 😀 'q' \"d\""), ("a\nb\r\tc", "a\\nb\\r\\tc"), ("\u{1B}[2J", "\\e[2J"),
        ("\0\u{07}\u{7F}\u{9B}", "\\0\\x07\\x7f\\x9b"), ("\\n", "\\\\n"), ("\u{202E}x\u{2028}", "\\u202ex\\u2028"),
    ])
    func terminal(text: String, expected: String) {
        #expect(text.escapedForTerminal == expected)
    }

    /// Every string a YAML or JSON reader could mishandle, as a value and as a key.
    static let hostile = [
        "new\nline", "tab\tx", "nul\0x", "esc\u{1B}[31m", "quote's", "double\"quote", "colon: hash #x", "-dash", "?query",
        "*star", "&anchor", "!tag", "|pipe", ">fold", "%pct", "@at", "`tick", "[flow]", "{map}", "é ü 😀", "back\\slash",
        "\\", "del\u{7F}", "c1\u{85}\u{9B}", "ls\u{2028}ps\u{2029}", "rtl\u{202E}x", "bom\u{FEFF}", "cr\rx", " spaces ",
        "true", "~", "0x12", "", "'", "\"", "trailing: ", "e\u{301}", "\u{E000}\u{10FFFD}",
    ]

    @Test("PyYAML and jq read every hostile string back exactly, as value, list item and key")
    func parsesBack() throws {
        let document = ReportValue.map([
            ("values", .map(Self.hostile.enumerated().map { ("v\($0.offset)", .string($0.element)) })),
            ("items", .list(Self.hostile.map { .string($0) })),
            ("keys", .map(Self.hostile.enumerated().map { ($0.element, .int($0.offset)) })),
            ("flow", .list([.list(Self.hostile.map { .string($0) })])),
        ])
        let expected = ParseBack.canonical(document)
        #expect(try ParseBack.yaml(Array(document.yaml.utf8)) == expected)
        #expect(try ParseBack.json(Array(document.json.utf8)) == expected)
    }
}
