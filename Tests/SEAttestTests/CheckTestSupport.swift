import SETestSupport

/// `se-attest ARGS`, with fixture-relative paths written as `@path`.
func runSEAttest(_ arguments: [String], stdin: [UInt8] = []) throws -> SEAttestBinary.Result {
    try SEAttestBinary.run(arguments.map { $0.hasPrefix("@") ? Fixture.path(String($0.dropFirst())) : $0 }, stdin: stdin)
}
