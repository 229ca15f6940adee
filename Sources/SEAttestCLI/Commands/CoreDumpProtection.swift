#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSEProcess

/// Keeps the secrets a command holds (ARPK, measurement key, nonce, a host private key) out of
/// core files and away from debuggers of the same user: zeroizing storage cannot help once
/// the memory has been dumped while the secret is still in use.
enum CoreDumpProtection {
    /// Makes the process non-dumpable; called before the first secret is read or made.
    static func engage() throws(CLIError) {
        guard cse_set_non_dumpable() == 0 else {
            throw CLIError("cannot make the process non-dumpable to protect its secrets: \(InputFile.systemError())")
        }
    }
}
