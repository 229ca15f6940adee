import Synchronization
import Testing
@testable import SEAttestCLI

/// Lines below the verbosity are not even built: most runs show no debug line, and building
/// them cost string work and first uses of generic types at every run.
@Suite struct DiagnosticsLevelTests {
    @Test("info, debug and trace texts are built only at the verbosity that shows them")
    func hiddenLinesAreNotBuilt() {
        let built = Atomic<Int>(0)
        func text(_ line: String) -> String {
            built.add(1, ordering: .relaxed)
            return line
        }
        let quiet = Diagnostics(verbosity: 2)
        quiet.info(text("info"))
        quiet.debug(text("debug"))
        quiet.trace(text("trace"))
        #expect(built.load(ordering: .relaxed) == 0)
        let verbose = Diagnostics(verbosity: 3)
        verbose.info(text("DiagnosticsLevelTests: this info line is expected on the test's stderr"))
        verbose.debug(text("debug"))
        #expect(built.load(ordering: .relaxed) == 1)
    }
}
