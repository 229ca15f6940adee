import Foundation
import SETestSupport
import Testing

/// Observes the real process: the first input is a FIFO, so the binary waits on it while the
/// test looks at `/proc/PID`. The kernel gives a non-dumpable process's `/proc/PID` files to
/// root (proc(5)), so their owner tells: the binary's user when dumpable, root when not. A test
/// run as root runs the binary as `nobody` (through setpriv) to make the two differ. The FIFO
/// opening for writing proves the binary is past its start-up and at its first read.
@Suite("Core-dump protection of processes that hold secrets")
struct CoreDumpProtectionTests {
    static let header = Fixture.path("pv/exp/secure_guest.hdr")
    static let arpk = Fixture.path("derived/e2e/arpk.bin")
    static let response = "derived/e2e/resp_phkh.bin"
    static let nobody: uid_t = 65534

    /// Runs se-attest with `FIFO` in `arguments` replaced by a FIFO that gets `input`'s bytes;
    /// returns whether it was dumpable while it waited, and the exit status.
    private func dumpable(_ arguments: [String], input: [UInt8]) throws -> (dumpable: Bool?, status: Int32) {
        try Scratch.with { scratch in
            let fifo = scratch.path("input.fifo")
            #expect(mkfifo(fifo, 0o600) == 0)
            let process = Process()
            let words = arguments.map { $0 == "FIFO" ? fifo : $0 }
            let user: uid_t
            if getuid() == 0 {
                // chmod, not the creation modes: the caller's umask must not matter.
                #expect(chmod(scratch.url.path, 0o777) == 0 && chmod(fifo, 0o666) == 0)
                process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
                process.arguments = ["--reuid=\(Self.nobody)", "--regid=\(Self.nobody)", "--clear-groups",
                                     SEAttestBinary.url.path] + words
                user = Self.nobody
            } else {
                process.executableURL = SEAttestBinary.url
                process.arguments = words
                user = getuid()
            }
            process.currentDirectoryURL = scratch.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Generous deadline (60 s) for the binary to open the FIFO on a loaded machine; ENXIO
            // means it has not opened it yet.
            let deadline = Date().addingTimeInterval(60)
            var fd: Int32 = -1
            while fd < 0, process.isRunning, Date() < deadline {
                fd = open(fifo, O_WRONLY | O_NONBLOCK)
                if fd < 0 { Thread.sleep(forTimeInterval: 0.01) }
            }
            var info = stat()
            let seen = stat("/proc/\(process.processIdentifier)/status", &info) == 0 ? info.st_uid : nil
            if fd >= 0 {
                _ = fcntl(fd, F_SETFL, 0)
                _ = input.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
            } else {
                process.terminate()
            }
            process.waitUntilExit()
            return (seen.map { $0 == user }, process.terminationStatus)
        }
    }

    @Test("commands that read or make a secret are non-dumpable before their first read", arguments: [
        ["verify", "-i", "FIFO", "--hdr", header, "-a", arpk],
        ["check", "FIFO", "out", "--hdr", header, "-a", arpk],
        ["inspect", "FIFO", "-a", arpk],
    ])
    func secretHolders(arguments: [String]) throws {
        let run = try dumpable(arguments, input: Fixture.bytes(Self.response))
        #expect(run.dumpable == false)
        #expect(run.status == 0)
    }

    @Test("create is non-dumpable while it reads the host-key document")
    func create() throws {
        let run = try dumpable(["create", "--no-verify", "-k", "FIFO", "-o", "req", "-a", "arpk"],
                               input: Fixture.bytes("pv/cert/host.crt"))
        #expect(run.dumpable == false)
        #expect(run.status == 0)
    }

    @Test("perform --simulate is non-dumpable while it reads the request")
    func simulate() throws {
        let run = try dumpable(["perform", "--simulate", "--host-key-private", Fixture.path("pv/cert/host.key"),
                                "--hdr", Fixture.simulatorHeader, "FIFO", "resp"],
                               input: Fixture.bytes("../golden/simulate_request.bin"))
        #expect(run.dumpable == false)
        #expect(run.status == 0)
    }

    @Test("commands without a secret stay dumpable (the observation can see both)", arguments: [
        ["check", "FIFO", "out"],
        ["inspect", "FIFO"],
    ])
    func noSecret(arguments: [String]) throws {
        let run = try dumpable(arguments, input: Fixture.bytes(Self.response))
        #expect(run.dumpable == true)
        #expect(run.status == 0)
    }
}
