import Foundation
import SETestSupport
import Testing

/// The hard link that keeps a replaced file until the new outputs stand (`.NAME.previous-PID`)
/// never takes a name that is already used: not a file of the user's, not another output's link;
/// where there are no hard links, a copy takes its place.
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

    /// A preload library whose link(2) fails with EPERM, as on a FAT file system, built with the
    /// system's C compiler in `lib/` of the scratch folder; nil without a compiler.
    static func withoutHardLinks(in scratch: Scratch) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/cc") else { return nil }
        try FileManager.default.createDirectory(atPath: scratch.path("lib"), withIntermediateDirectories: false)
        let source = try scratch.write(Array("""
            #include <errno.h>
            int link(const char *from, const char *to) { (void)from; (void)to; errno = EPERM; return -1; }

            """.utf8), to: "lib/nolink.c")
        let build = try scratch.runProgram(["/usr/bin/cc", "-shared", "-fPIC", "-o", scratch.path("lib/nolink.so"), source])
        try #require(build.status == 0, "\(build.stderr)")
        return scratch.path("lib/nolink.so")
    }

    /// `se-attest arguments` with link(2) failing.
    static func runWithoutHardLinks(_ arguments: [String], library: String, in scratch: Scratch) throws -> (status: Int32?, stderr: String) {
        try scratch.runProgram(["/usr/bin/env", "LD_PRELOAD=\(library)", SEAttestBinary.url.path] + arguments)
    }

    @Test("without hard links (link(2) fails with EPERM, as on FAT): an existing output is replaced through a copy, keeps its mode, leaves nothing behind",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/cc"), "needs a C compiler"))
    func replacedWithoutHardLinks() throws {
        try Scratch.with { scratch in
            let library = try #require(try Self.withoutHardLinks(in: scratch))
            try scratch.write(Array("old".utf8), to: "out.hdr", mode: 0o640)
            let run = try Self.runWithoutHardLinks(["extract-hdr", Fixture.path("pv/exp/secure_guest.hdr"), "-o", "out.hdr"],
                                                   library: library, in: scratch)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(scratch.bytes("out.hdr") == Fixture.bytes("pv/exp/secure_guest.hdr"))
            #expect(try scratch.mode("out.hdr") == 0o640)
            #expect(try scratch.listing() == ["lib", "out.hdr"])
        }
    }

    @Test("without hard links, a later output failing (/dev/full): the replaced file gets its old content and mode back from the copy",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/cc"), "needs a C compiler"))
    func takenBackWithoutHardLinks() throws {
        try Scratch.with { scratch in
            let library = try #require(try Self.withoutHardLinks(in: scratch))
            try scratch.write(Array("old result\n".utf8), to: "result.yaml", mode: 0o600)
            let run = try Self.runWithoutHardLinks(["verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"),
                                                    "--hdr", Fixture.path("pv/exp/secure_guest.hdr"), "-a", Fixture.path("derived/e2e/arpk.bin"),
                                                    "-o", "result.yaml", "-u", "/dev/full"], library: library, in: scratch)
            #expect(run.status == 1)
            #expect(run.stderr.hasSuffix("error: '/dev/full': cannot write the user data: No space left on device\n"), "\(run.stderr)")
            #expect(scratch.text("result.yaml") == "old result\n")
            #expect(try scratch.mode("result.yaml") == 0o600)
            #expect(try scratch.listing() == ["lib", "result.yaml"])
        }
    }

    @Test("an output whose folder path runs through a regular file says so")
    func folderIsAFile() throws {
        try Scratch.with { scratch in
            try scratch.write(Array("x".utf8), to: "file", mode: 0o644)
            let run = try scratch.run(["extract-hdr", Fixture.path("pv/exp/secure_guest.hdr"), "-o", "file/x"])
            #expect(run.status == 1)
            #expect(run.stderr == "error: 'file/x': cannot create the SE header: its folder 'file/' is not a folder (a part of that path is a file)\n")
            #expect(try scratch.listing() == ["file"])
        }
    }
}
