import Foundation

/// Runs the built `se-attest` executable the way a user or script would, for tests of exit
/// status and output.
public enum SEAttestBinary {
    /// What one run produced. Output is captured through files, so large outputs cannot block.
    public struct Result: Sendable {
        /// The exit status; for a process killed by a signal (a trap), 128 + the signal number.
        public let status: Int32
        public let stdoutBytes: [UInt8]
        public let stderrBytes: [UInt8]
        public var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
        public var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
    }

    /// The executable next to the test bundle (`.build/<triple>/debug/se-attest`);
    /// `SE_ATTEST_BINARY` overrides it.
    public static var url: URL {
        if let override = ProcessInfo.processInfo.environment["SE_ATTEST_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0])
            .deletingLastPathComponent()
            .appendingPathComponent("se-attest")
    }

    /// Runs `se-attest arguments...` (or another built `executable`, such as an example) with
    /// `stdin` as its standard input, in `directory` (default: the current one). A run that takes
    /// longer than `timeout` seconds is killed.
    public static func run(_ arguments: [String], stdin: [UInt8] = [], in directory: URL? = nil,
                           environment: [String: String]? = nil, timeout: TimeInterval = 120,
                           executable: URL = url) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("se-attest-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("stdin")
        let output = scratch.appendingPathComponent("stdout")
        let errors = scratch.appendingPathComponent("stderr")
        try Data(stdin).write(to: input)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let stdinHandle = try FileHandle(forReadingFrom: input)
        let stdoutHandle = try FileHandle(forWritingTo: output)
        let stderrHandle = try FileHandle(forWritingTo: errors)
        defer {
            try? stdinHandle.close()
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }
        process.standardInput = stdinHandle
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus
            : process.terminationStatus
        return Result(status: status,
                      stdoutBytes: [UInt8](try Data(contentsOf: output)),
                      stderrBytes: [UInt8](try Data(contentsOf: errors)))
    }
}
