internal import CSEOpenSSL

/// OpenSSL functions that print (names, times) write to a BIO; this collects their text.
enum MemoryBIO {
    /// The text `print` writes, or "" if it fails (display only; never used for decisions).
    static func text(_ print: (OpaquePointer) -> Bool) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard print(bio) else {
            ERR_clear_error()
            return ""
        }
        var text: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256)
        while case let count = BIO_read(bio, &chunk, Int32(chunk.count)), count > 0 {
            text += chunk.prefix(Int(count))
        }
        return String(decoding: text, as: UTF8.self)
    }
}
