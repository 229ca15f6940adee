import SEAttestCLI

/// The command-line parser and the help and error texts it leads to, with the input split on
/// NUL bytes into arguments (as the kernel hands them over). The commands themselves do not run.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLine(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let arguments = UnsafeBufferPointer(start: data, count: count)
        .split(separator: 0, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    var written = 0
    let status = CommandLineInterface.parse(
        arguments, standardOutput: { written += $0.utf8.count }, standardError: { written += $0.utf8.count })
    guard status == 0 || status == 1, written > 0 || status == 0 else {
        fatalError("the command line \(arguments) ends with status \(status) and no message")
    }
    return 0
}
