#if canImport(Glibc)  // CSEArguments defines the function only with glibc
import CSEArguments
import Testing

/// CSEArguments' definition of the Swift runtime's command-line lookup, called directly: the
/// release build links it in place of the runtime's own (docs/architecture.md §4).
@_silgen_name("_swift_stdlib_getUnsafeArgvArgc")
private func capturedArguments(_ count: UnsafeMutablePointer<Int32>) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

@Suite("The command line kept by the executable's constructor")
struct ArgumentCaptureTests {
    @Test("it is this process's argc and argv, as the Swift runtime found them in the stack")
    func sameAsRuntime() {
        var count: Int32 = -1
        let argv = capturedArguments(&count)
        let captured = (0..<Int(count)).map { argv[$0].map { String(cString: $0) } ?? "<null>" }
        #expect(captured == CommandLine.arguments)
        #expect(argv[Int(count)] == nil, "argv ends with a null pointer")
    }
}
#endif
