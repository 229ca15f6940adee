internal import CSEOpenSSL

/// Comparison whose duration does not depend on where the inputs differ, for MACs (docs/formats.md §6.1).
public enum ConstantTime {
    /// False for different lengths (lengths are public); otherwise CRYPTO_memcmp.
    public static func equals(_ lhs: some ByteInput, _ rhs: some ByteInput) -> Bool {
        lhs.withInputBytes { left in
            rhs.withInputBytes { right in
                guard left.count == right.count else { return false }
                guard left.count > 0, let a = left.baseAddress, let b = right.baseAddress else { return true }
                return CRYPTO_memcmp(a, b, left.count) == 0
            }
        }
    }
}
