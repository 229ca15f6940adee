internal import CSEOpenSSL
internal import CSEOpenSSLShims
internal import SECore

/// The seal key's quick path: a PEM "PRIVATE KEY" or "RSA PRIVATE KEY" block, or bare DER,
/// holding a two-prime RSA key, decoded with OpenSSL's ASN.1 templates. OpenSSL's generic
/// decoder searches every provider's decoders and costs more than the whole rest of the key's
/// loading (docs/architecture.md §2.3); `verify --evidence` loads the key on every
/// run. Anything else gives nil and goes through `PrivateKeyDecoding`, which therefore decides
/// every error message. The base64 text and the DER stay in zeroizing storage.
enum RSAKeyDecoding {
    private static let labels = ["PRIVATE KEY", "RSA PRIVATE KEY"]

    /// A key the quick path read: the owned provider EVP_PKEY, and its PKCS#1 DER encoded from
    /// the numbers just read (nil if that failed), which `RSAPrivateKey.pkcs1DER` would
    /// otherwise take out of the key again.
    struct Decoded {
        let pkey: OpaquePointer
        let pkcs1: SecretBytes?
    }

    /// The key, or nil when `bytes` are not the plain case.
    static func decode(_ bytes: some ByteInput) -> Decoded? {
        bytes.withInputBytes { raw -> Decoded? in
            guard raw.count > 0 else { return nil }
            guard ByteSearch.contains("-----BEGIN", in: raw) else { return fromDER(raw, pkcs8Only: false) }
            guard let (der, pkcs8Only) = pemBody(raw) else { return nil }
            return der.withUnsafeBytes { fromDER($0, pkcs8Only: pkcs8Only) }
        }
    }

    /// OpenSSL's own reader takes either form as bare DER or in an "RSA PRIVATE KEY" block, but
    /// only PKCS#8 in a "PRIVATE KEY" block; so does this path.
    private static func fromDER(_ der: UnsafeRawBufferPointer, pkcs8Only: Bool) -> Decoded? {
        guard let base = der.baseAddress, der.count > 0 else { return nil }
        let pkcs1 = SecretBytes(count: der.count)
        var length = -1
        let pkey = pkcs1.withUnsafeMutableBytes { out in
            cse_rsa_private_key_from_der(base.assumingMemoryBound(to: UInt8.self), der.count, pkcs8Only ? 1 : 0,
                                         out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
        }
        guard let pkey else { return nil }
        return Decoded(pkey: pkey, pkcs1: length > 0 ? pkcs1.subrange(0..<length) : nil)
    }

    /// The decoded body of the first PEM block when it is a private-key block without headers
    /// (an encrypted key has some), its markers on lines of their own, ending with its own
    /// label; whether that label is PKCS#8's. Stricter than OpenSSL's reader, never looser.
    private static func pemBody(_ raw: UnsafeRawBufferPointer) -> (der: SecretBytes, pkcs8Only: Bool)? {
        let begin = Array("-----BEGIN ".utf8), dashes = Array("-----".utf8)
        let newline = UInt8(ascii: "\n")
        guard let opening = ByteSearch.firstOffset(of: begin, in: raw), opening == 0 || raw[opening - 1] == newline else { return nil }
        let labelStart = opening + begin.count
        guard let labelEnd = ByteSearch.firstOffset(of: dashes, in: raw, from: labelStart) else { return nil }
        let label = Array(raw[labelStart..<labelEnd])
        guard labels.contains(where: { Array($0.utf8) == label }) else { return nil }
        let bodyStart = labelEnd + dashes.count
        guard onlyBlanks(raw, from: bodyStart), let lineEnd = ByteSearch.firstOffset(of: [newline], in: raw, from: bodyStart) else { return nil }
        let closing = Array("-----END ".utf8) + label + dashes
        guard let bodyEnd = ByteSearch.firstOffset(of: closing, in: raw, from: bodyStart), raw[bodyEnd - 1] == newline,
              onlyBlanks(raw, from: bodyEnd + closing.count) else { return nil }
        // The lines between the markers, each ending in a line break.
        let body = UnsafeRawBufferPointer(rebasing: raw[(lineEnd + 1)..<bodyEnd])
        let text = SecretBytes(count: body.count)
        var length = 0
        let wellFormed = text.withUnsafeMutableBytes { out -> Bool in
            var lineHasText = false
            for byte in body {
                switch byte {
                case newline:
                    guard lineHasText else { return false }  // a blank line: OpenSSL reads it as the end of headers
                    lineHasText = false
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): continue
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
                    out[length] = byte
                    length += 1
                    lineHasText = true
                default: return false  // a header line ("Proc-Type: ...") or junk
                }
            }
            return true
        }
        guard wellFormed, length > 0, length % 4 == 0, length <= Int(Int32.max) else { return nil }
        return text.withUnsafeBytes { encoded -> (der: SecretBytes, pkcs8Only: Bool)? in
            // '=' only as padding: the last character, or the last two.
            guard !encoded[..<(length - 2)].contains(UInt8(ascii: "=")),
                  encoded[length - 2] != UInt8(ascii: "=") || encoded[length - 1] == UInt8(ascii: "=") else { return nil }
            let decoded = SecretBytes(count: length / 4 * 3)
            let written = decoded.withUnsafeMutableBytes { out in
                EVP_DecodeBlock(out.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                encoded.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(length))
            }
            guard written == Int32(length / 4 * 3) else { return nil }
            // EVP_DecodeBlock counts the bytes that '=' padding stands for.
            let padding = encoded[length - 1] == UInt8(ascii: "=") ? (encoded[length - 2] == UInt8(ascii: "=") ? 2 : 1) : 0
            return (decoded.subrange(0..<(Int(written) - padding)), label == Array(labels[0].utf8))
        }
    }

    /// Whether the line from `start` to its end (or the input's) holds only blanks.
    private static func onlyBlanks(_ raw: UnsafeRawBufferPointer, from start: Int) -> Bool {
        for byte in raw[start...] {
            switch byte {
            case UInt8(ascii: "\n"): return true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): continue
            default: return false
            }
        }
        return true
    }
}
