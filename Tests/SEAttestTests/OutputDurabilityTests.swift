import Foundation
import SETestSupport
import Testing

/// An output is durable when se-attest exits 0: its content is synced before the rename, and
/// its folder after it, so a power loss cannot bring the old file back.
@Suite struct OutputDurabilityTests {
    static let strace = "/usr/bin/strace"

    @Test("each output's folder is opened and fsync'ed after the rename into it (seen with strace)",
          .enabled(if: FileManager.default.isExecutableFile(atPath: strace), "needs strace"))
    func folderIsSyncedAfterRename() throws {
        try Scratch.with { scratch in
            for folder in ["req", "key"] {
                try FileManager.default.createDirectory(atPath: scratch.path(folder), withIntermediateDirectories: false)
            }
            try scratch.write(Array("old".utf8), to: "req/req.bin", mode: 0o644)
            let run = try scratch.runProgram([Self.strace, "-f", "-o", scratch.path("trace"), "-e", "trace=openat,fsync,rename",
                                              SEAttestBinary.url.path, "create", "--no-verify", "-k", Fixture.path("pv/cert/host.crt"),
                                              "-o", scratch.path("req/req.bin"), "-a", scratch.path("key/arpk.bin")])
            #expect(run.status == 0, "\(run.stderr)")
            // strace writes `PID call(arguments) = result`, the PID padded to a fixed width (so one or
            // more spaces follow it) and padding before the `=`.
            let calls = (scratch.text("trace") ?? "").split(separator: "\n").map {
                $0.drop(while: { $0 != " " }).drop(while: { $0 == " " }).replacing(#/ +=/#, with: " =")
            }
            for (folder, name) in [("req", "req.bin"), ("key", "arpk.bin")] {
                let folderPath = scratch.path(folder) + "/"
                guard let rename = calls.firstIndex(where: { $0.hasPrefix("rename(") && $0.contains("\"\(folderPath)\(name)\") = 0") }) else {
                    Issue.record("no rename into \(folderPath)\(name) in \(calls)")
                    continue
                }
                let opened = calls[rename...].first { $0.hasPrefix("openat(AT_FDCWD, \"\(folderPath)\",") && $0.contains("O_DIRECTORY") }
                let descriptor = opened?.split(separator: "=").last?.trimmingCharacters(in: .whitespaces)
                #expect(descriptor != nil, "\(folder): \(calls)")
                #expect(calls[rename...].contains("fsync(\(descriptor ?? "-")) = 0"), "\(folder): \(calls)")
            }
        }
    }
}
