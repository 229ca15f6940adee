/// se-attest's exit statuses, the same as pvattest's (docs/formats.md §10.1).
enum ExitStatus: Int32 {
    /// Success: the request was created, the measurement verified, every policy held; also help and version.
    case success = 0
    /// Any error, usage errors included; nothing was written.
    case failure = 1
    /// verify: the measurement does not match. check: at least one policy failed.
    case notVerified = 2
}
