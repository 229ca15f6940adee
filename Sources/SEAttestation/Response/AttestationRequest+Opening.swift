public import SECore
public import SECrypto

extension AttestationRequest {
    /// The request's secrets (measurement key, nonce), decrypted with the ARPK its creator kept
    /// (docs/formats.md §4.3). A key that does not open it is an error, not a mismatch: nothing
    /// about the guest can be judged without them.
    public func open(with arpk: SecretBytes) throws(AttestationError) -> AttestationSecrets {
        do {
            return try AttestationRequestOpener(arpk: arpk).open(self)
        } catch {
            throw AttestationError(.requestNotDecrypted, "\(error.message) (wrong ARPK or tampered request)", underlying: error.underlying)
        }
    }
}
