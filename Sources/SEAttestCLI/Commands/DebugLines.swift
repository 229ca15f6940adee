import SECore

/// The `-vv` lines that describe what a command read: sizes, flags, host-key hashes, where a
/// header was found. Never a secret: a secret's size is all they say of it.
extension Diagnostics {
    func debugRead(_ what: String, path: String, size: Int) {
        debug("read the \(what) \(CLIError.quote(path)): \(size) bytes")
    }

    func debugRequest(_ request: AttestationRequest, in path: String) {
        debug({
            let names = request.flags.addDataValues
            let flags = String(request.flags.rawValue, radix: 16)
            return "attestation request in \(CLIError.quote(path)): \(request.bytes.count) bytes, "
                + "flags 0x\(String(repeating: "0", count: 16 - flags.count) + flags)"
                + (names.isEmpty ? "" : " (\(names.joined(separator: ", ")))")
                + (request.flags.contains(.nonce) ? ", with a nonce" : ", no nonce")
        }())
        debugKeySlots(request.keySlots, of: "the attestation request")
    }

    func debugKeySlots(_ slots: [KeySlot], of what: String) {
        debug("\(what) has \(slots.count) key slot\(slots.count == 1 ? "" : "s")"
              + slots.map { ", host-key hash 0x\(Hex.encode($0.phkh))" }.joined())
    }
}
