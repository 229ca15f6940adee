import Foundation
import SETestSupport
import Testing

/// The hard link that keeps a replaced file until the new outputs stand (`.NAME.previous-PID`)
/// never takes a name that is already used: not a file of the user's, not another output's link.
@Suite struct OutputBackupTests {
    static let hostKey = Fixture.path("pv/cert/host.crt")

    /// Whether `unshare` can start a program as PID 1 of a new PID namespace, which makes the
    /// process id in the kept file's name known to the test.
    static let canRunAsPIDOne: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-rpf", "true"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test("a user's file named like the kept previous file (.NAME.previous-1, run as PID 1) is left alone",
          .enabled(if: canRunAsPIDOne, "needs unshare -rpf"))
    func userFileWithTheBackupName() throws {
        try Scratch.with { scratch in
            try scratch.write(Array("old".utf8), to: "out.hdr", mode: 0o644)
            try scratch.write(Array("precious".utf8), to: ".out.hdr.previous-1", mode: 0o644)
            let run = try scratch.runProgram(["/usr/bin/unshare", "-rpf", SEAttestBinary.url.path,
                                              "extract-hdr", Fixture.path("pv/exp/secure_guest.hdr"), "-o", "out.hdr"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(scratch.bytes("out.hdr") == Fixture.bytes("pv/exp/secure_guest.hdr"))
            #expect(scratch.text(".out.hdr.previous-1") == "precious")
            #expect(try scratch.listing() == [".out.hdr.previous-1", "out.hdr"])
        }
    }

    @Test("""
        two outputs with names too long for their own kept-file name, the second one failing to be replaced \
        (a root-owned file, run as nobody, fs.protected_hardlinks): the first gets its old content back
        """, .enabled(if: geteuid() == 0, "only root can make a file nobody may not link"))
    func twoLongNamesTakenBack() throws {
        try Scratch.with { scratch in
            let request = String(repeating: "r", count: 251) + ".bin"
            let arpk = String(repeating: "a", count: 251) + ".bin"
            try scratch.write([UInt8](try Data(contentsOf: SEAttestBinary.url)), to: "se-attest", mode: 0o755)
            try scratch.write(Fixture.bytes("pv/cert/host.crt"), to: "host.crt", mode: 0o644)
            try scratch.write(Array("old request".utf8), to: request, mode: 0o644)
            try scratch.write(Fixture.rep(0x42, 32), to: arpk, mode: 0o644)
            #expect(chown(scratch.url.path, 65534, 65534) == 0)
            #expect(chown(scratch.path(request), 65534, 65534) == 0)
            let before = try scratch.listing()
            let run = try scratch.runProgram(["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                              scratch.path("se-attest"), "create", "--no-verify", "-k", "host.crt",
                                              "-o", request, "-a", arpk])
            #expect(run.status == 1)
            #expect(run.stderr.hasSuffix("error: '\(arpk)': cannot replace the request protection key (ARPK): Operation not permitted\n"),
                    "\(run.stderr)")
            #expect(scratch.text(request) == "old request")
            #expect(scratch.bytes(arpk) == Fixture.rep(0x42, 32))
            #expect(try scratch.listing() == before)
        }
    }
}
