/// pvattest's subject rule: exactly one of the given certificates is the IBM Z signing key
/// (C=US, ST=New York, L=Poughkeepsie or Armonk, O and CN=International Business Machines
/// Corporation, OU ending in "Key Signing Service"); the others are its intermediates.
enum SigningKeySubjectRule {
    /// The signing key and the other given certificates, or the error naming the rule.
    static func select(from given: [(certificate: Certificate, path: String)]) throws(HostKeyVerificationError)
        -> (signingKey: (certificate: Certificate, path: String), intermediates: [(certificate: Certificate, path: String)]) {
        let signing = given.filter { $0.certificate.isIBMZSigningKey }
        guard let chosen = signing.first else {
            throw HostKeyVerificationError(.noSigningKey, path: nil, .noSigningKey)
        }
        guard signing.count == 1 else {
            var paths: [String] = []
            for entry in signing where !paths.contains(entry.path) { paths.append(entry.path) }
            throw HostKeyVerificationError(.severalSigningKeys, path: signing[1].path,
                .text("specify only one IBM Z signing key (\(signing.count) given, in "
                      + paths.map { "'\($0)'" }.joined(separator: ", ") + ")"))
        }
        return (chosen, given.filter { !$0.certificate.isSame(as: chosen.certificate) })
    }
}
