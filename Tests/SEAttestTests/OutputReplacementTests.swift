import Foundation
import SETestSupport
import Testing

/// Replacing an existing output: through a symlink the link's target is updated, a replaced
/// file keeps its mode (and owner, as root) except the ARPK, long names work, and a folder that
/// cannot take the temporary file says so.
@Suite struct OutputReplacementTests {
    static let header = Fixture.path("pv/exp/secure_guest.hdr")
    static let hostKey = Fixture.path("pv/cert/host.crt")
    static let verify = ["verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"), "--hdr", header,
                         "-a", Fixture.path("derived/e2e/arpk.bin")]

    /// What `verify -o -` prints: the result every `-o FILE` below must hold.
    static func expectedResult() throws -> [UInt8] {
        try SEAttestBinary.run(verify + ["-o", "-"]).stdoutBytes
    }

    private func symlink(_ name: String, to destination: String, in scratch: Scratch) throws {
        try FileManager.default.createSymbolicLink(atPath: scratch.path(name), withDestinationPath: destination)
    }

    private func linkDestination(_ name: String, in scratch: Scratch) throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: scratch.path(name))
    }

    @Test("-o through a symlink to a file in another folder updates that file; the link stays, no temporary file is left")
    func symlinkUpdatesTarget() throws {
        try Scratch.with { scratch in
            try FileManager.default.createDirectory(atPath: scratch.path("store"), withIntermediateDirectories: false)
            try scratch.write(Array("old result\n".utf8), to: "store/result.yaml", mode: 0o640)
            try symlink("result.yaml", to: "store/result.yaml", in: scratch)
            let run = try scratch.run(Self.verify + ["-o", "result.yaml"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try linkDestination("result.yaml", in: scratch) == "store/result.yaml")
            #expect(scratch.bytes("store/result.yaml") == (try Self.expectedResult()))
            #expect(try scratch.mode("store/result.yaml") == 0o640)
            #expect(try scratch.listing() == ["result.yaml", "store"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("store")) == ["result.yaml"])
        }
    }

    @Test("a chain of symlinks is followed to the file at its end")
    func symlinkChain() throws {
        try Scratch.with { scratch in
            try scratch.write(Array("old".utf8), to: "real.bin")
            try symlink("middle", to: "real.bin", in: scratch)
            try symlink("first", to: "middle", in: scratch)
            let run = try scratch.run(["extract-hdr", Self.header, "-o", "first"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(scratch.bytes("real.bin") == Fixture.bytes("pv/exp/secure_guest.hdr"))
            #expect(try linkDestination("first", in: scratch) == "middle")
            #expect(try linkDestination("middle", in: scratch) == "real.bin")
            #expect(try scratch.listing() == ["first", "middle", "real.bin"])
        }
    }

    @Test("a dangling symlink as output is refused: exit 1, the link stays, nothing is created")
    func danglingSymlink() throws {
        try Scratch.with { scratch in
            try symlink("result.yaml", to: "missing.yaml", in: scratch)
            let run = try scratch.run(Self.verify + ["-o", "result.yaml"])
            #expect(run.status == 1)
            #expect(run.stderr == """
                error: 'result.yaml': cannot create the verification result: it is a symbolic link to a missing file \
                (No such file or directory)\n
                """)
            #expect(try linkDestination("result.yaml", in: scratch) == "missing.yaml")
            #expect(try scratch.listing() == ["result.yaml"])
        }
    }

    @Test("a symlink loop as output is refused as a loop, not as a link to a missing file")
    func symlinkLoop() throws {
        try Scratch.with { scratch in
            try symlink("one", to: "two", in: scratch)
            try symlink("two", to: "one", in: scratch)
            let run = try scratch.run(Self.verify + ["-o", "one"])
            #expect(run.status == 1)
            #expect(run.stderr == """
                error: 'one': cannot create the verification result: it is a symbolic link that cannot be followed \
                (Too many levels of symbolic links)\n
                """)
            #expect(try scratch.listing() == ["one", "two"])
        }
    }

    @Test("the ARPK is never written through a symlink: exit 1, no request either, the old key untouched")
    func arpkThroughSymlink() throws {
        try Scratch.with { scratch in
            try scratch.write(Fixture.rep(0x17, 32), to: "old-arpk.bin", mode: 0o600)
            try symlink("arpk.bin", to: "old-arpk.bin", in: scratch)
            let run = try scratch.run(["create", "--no-verify", "-k", Self.hostKey, "-o", "req.bin", "-a", "arpk.bin"])
            #expect(run.status == 1)
            #expect(run.errorLines == [
                "error: 'arpk.bin': the request protection key (ARPK) is a secret and is not written through a symbolic link; give the file itself",
            ])
            #expect(scratch.bytes("old-arpk.bin") == Fixture.rep(0x17, 32))
            #expect(try scratch.listing() == ["arpk.bin", "old-arpk.bin"])
        }
    }

    @Test("a replaced output keeps its mode, whatever the umask", arguments: [0o600, 0o640, 0o604, 0o444])
    func modeIsKept(mode: Int) throws {
        try Scratch.with { scratch in
            try scratch.write(Array("old".utf8), to: "result.yaml", mode: mode)
            let run = try scratch.run(Self.verify + ["-o", "result.yaml"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(scratch.bytes("result.yaml") == (try Self.expectedResult()))
            #expect(try scratch.mode("result.yaml") == mode)
        }
    }

    @Test("every command keeps the mode of the file it replaces; the ARPK becomes 0600", arguments: [
        ["create", "--no-verify", "-k", hostKey, "-o", "out", "-a", "arpk.bin"],
        ["perform", "--simulate", "--host-key-private", Fixture.path("pv/cert/host.key"), "--hdr", Fixture.simulatorHeader,
         Fixture.vectors.deletingLastPathComponent().appendingPathComponent("golden/simulate_request.bin").path, "out"],
        ["check", Fixture.path("derived/e2e/resp_phkh.bin"), "out"],
        ["extract-hdr", header, "-o", "out"],
        verify + ["-u", "out", "-o", "result.yaml"],
    ])
    func everyCommandKeepsTheMode(arguments: [String]) throws {
        try Scratch.with { scratch in
            try scratch.write(Array("old".utf8), to: "out", mode: 0o640)
            try scratch.write(Array("old".utf8), to: "arpk.bin", mode: 0o644)
            try scratch.write(Array("old".utf8), to: "result.yaml", mode: 0o600)
            let run = try scratch.run(arguments)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(scratch.text("out") != "old")
            #expect(try scratch.mode("out") == 0o640)
            #expect(try scratch.mode("arpk.bin") == (arguments[0] == "create" ? 0o600 : 0o644))
            #expect(try scratch.mode("result.yaml") == 0o600)
            #expect(try scratch.listing() == ["arpk.bin", "out", "result.yaml"])
        }
    }

    @Test("as root, a replaced output keeps its owner and group, the ARPK too (still 0600)",
          .enabled(if: geteuid() == 0, "only root can give a file away"))
    func ownerIsKept() throws {
        try Scratch.with { scratch in
            for name in ["req.bin", "arpk.bin"] {
                try scratch.write(Array("old".utf8), to: name, mode: 0o644)
                #expect(chown(scratch.path(name), 4321, 4322) == 0)
            }
            let run = try scratch.run(["create", "--no-verify", "-k", Self.hostKey, "-o", "req.bin", "-a", "arpk.bin"])
            #expect(run.status == 0, "\(run.stderr)")
            for name in ["req.bin", "arpk.bin"] {
                var info = stat()
                #expect(stat(scratch.path(name), &info) == 0)
                #expect(info.st_uid == 4321 && info.st_gid == 4322, "\(name)")
            }
            #expect(scratch.bytes("arpk.bin")?.count == 32)
            #expect(try scratch.mode("arpk.bin") == 0o600)
            #expect(try scratch.mode("req.bin") == 0o644)
        }
    }

    @Test("output names up to 255 bytes work, new and replaced, and leave no temporary file",
          arguments: [247, 248, 250, 255])
    func longNames(length: Int) throws {
        try Scratch.with { scratch in
            let request = String(repeating: "r", count: length - 4) + ".bin"
            let arpk = String(repeating: "a", count: length - 4) + ".bin"
            for round in ["new", "replaced"] {
                let run = try scratch.run(["create", "--no-verify", "-k", Self.hostKey, "-o", request, "-a", arpk])
                #expect(run.status == 0, "\(round): \(run.stderr)")
                #expect(scratch.bytes(arpk)?.count == 32, "\(round)")
                #expect(scratch.bytes(request)?.starts(with: Array("pvattest".utf8)) == true, "\(round)")
                #expect(try scratch.listing() == [arpk, request].sorted(), "\(round)")
            }
        }
    }

    @Test("a writable file in a folder the user cannot write: the error says the folder cannot take the temporary file")
    func unwritableFolder() throws {
        try Scratch.with { scratch in
            // Root may write into any folder, so root runs the binary as nobody; everything nobody
            // needs is copied in with explicit modes.
            #expect(chmod(scratch.url.path, 0o755) == 0)
            try FileManager.default.createDirectory(atPath: scratch.path("locked"), withIntermediateDirectories: false)
            try scratch.write(Array("old result\n".utf8), to: "locked/result.yaml", mode: 0o666)
            try scratch.write([UInt8](try Data(contentsOf: SEAttestBinary.url)), to: "se-attest", mode: 0o755)
            for (name, fixture) in [("r.bin", "derived/e2e/resp_phkh.bin"), ("h.hdr", "pv/exp/secure_guest.hdr"),
                                    ("a.bin", "derived/e2e/arpk.bin")] {
                try scratch.write(Fixture.bytes(fixture), to: name, mode: 0o644)
            }
            #expect(chmod(scratch.path("locked"), 0o555) == 0)
            defer { chmod(scratch.path("locked"), 0o755) }
            let asNobody = geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
            let run = try scratch.runProgram(asNobody + [
                scratch.path("se-attest"), "verify", "-i", "r.bin", "--hdr", "h.hdr", "-a", "a.bin", "-o", "locked/result.yaml",
            ])
            #expect(run.status == 1)
            #expect(run.stderr.hasSuffix("""
                error: 'locked/result.yaml': cannot create the verification result: its folder 'locked/' cannot take \
                the temporary file it is written to first (Permission denied)\n
                """), "\(run.stderr)")
            #expect(scratch.text("locked/result.yaml") == "old result\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("locked")) == ["result.yaml"])
        }
    }
}
