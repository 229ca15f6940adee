/// Host-key documents a request or a policy may take together.
extension HostKeyDocument {
    /// Refuses two documents with the same host key (the same document twice, or two
    /// certificates of one key): a request would carry two identical key slots, which only hides
    /// a mistake in the host list, and a host-key policy could not name the one that matches.
    public static func requireDistinctKeys(_ documents: [HostKeyDocument]) throws(AttestationError) {
        var firstName: [[UInt8]: String] = [:]
        for document in documents {
            guard let earlier = firstName[document.key.phkh] else {
                firstName[document.key.phkh] = document.name
                continue
            }
            throw AttestationError(.duplicateHostKey(first: earlier, second: document.name), earlier == document.name
                ? "host-key document '\(document.name)' is given twice"
                : "host-key document '\(document.name)' holds the same host key as '\(earlier)'")
        }
    }
}
