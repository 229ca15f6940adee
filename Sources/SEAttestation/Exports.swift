/// The byte formats a caller of the front door handles directly (responses' parts, SE headers,
/// additional data, secrets in zeroizing storage) come with it, so a program needs no import but
/// this module's.
@_exported public import SECore
