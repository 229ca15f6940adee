import Foundation
import SETestSupport
import Testing

/// An output that is another output or an input under any spelling is refused before anything
/// is written: one `error:` line naming both options, exit 1, every file as it was.
@Suite struct OutputAliasTests {
    /// The scratch folder every case starts from: a response, its ARPK, an SE header, a
    /// host-key document, a CA certificate, a CRL, an add-secret request, a test host private
    /// key, a request, a folder `sub` and a symlink `lnk` to it.
    static let inputs: [(name: String, fixture: String)] = [
        ("r.bin", "derived/e2e/resp_phkh.bin"), ("a.bin", "derived/e2e/arpk.bin"), ("h.hdr", "pv/exp/secure_guest.hdr"),
        ("hkd.crt", "pv/cert/host.crt"), ("ca.crt", "pv/cert/root_ca.crt"), ("ca.crl", "pv/cert/root_ca.crl"),
        ("secret.bin", "pv/exp/asrcb/null_none_default_cuid_one"), ("host.key", "pv/cert/host.key"),
        ("req.bin", "derived/e2e/req_phkh.bin"),
    ]

    /// Runs `arguments` in a scratch folder holding `inputs` and checks the refusal: exit 1,
    /// nothing on stdout, stderr exactly `error` (after the parser's nothing), no file changed,
    /// no file added.
    private func expectRefused(_ arguments: [String], _ error: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Scratch.with { scratch in
            for input in Self.inputs {
                try scratch.write(Fixture.bytes(input.fixture), to: input.name)
            }
            try FileManager.default.createDirectory(atPath: scratch.path("sub"), withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(atPath: scratch.path("lnk"), withDestinationPath: "sub")
            let before = try scratch.listing()
            let run = try scratch.run(arguments)
            #expect(run.status == 1, sourceLocation: sourceLocation)
            #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
            #expect(run.stderr == "error: \(error)\n", sourceLocation: sourceLocation)
            #expect(try scratch.listing() == before, sourceLocation: sourceLocation)
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("sub")).isEmpty, sourceLocation: sourceLocation)
            for input in Self.inputs {
                #expect(scratch.bytes(input.name) == Fixture.bytes(input.fixture), "\(input.name) changed", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("the issue's examples are refused, naming both options", arguments: [
        (["create", "-k", "hkd.crt", "--no-verify", "-o", "same.bin", "-a", "same.bin"], "-o and -a name the same file 'same.bin'"),
        (["verify", "-i", "r.bin", "--hdr", "h.hdr", "-a", "a.bin", "-o", "r.bin"], "-i and -o name the same file 'r.bin'"),
        (["check", "r.bin", "r.bin", "-u", "ud.bin"], "RESPONSE and RESULT name the same file 'r.bin'"),
        (["verify", "-i", "r.bin", "--hdr", "h.hdr", "-a", "a.bin", "-u", "a.bin"], "-a and -u name the same file 'a.bin'"),
    ])
    func issueExamples(arguments: [String], error: String) throws {
        try expectRefused(arguments, error)
    }

    @Test("every spelling of a new file is that file: ./, .., .. after a symlinked folder, the absolute path", arguments: [
        ("./same.bin", "-o 'same.bin' and -a './same.bin' name the same file"),
        ("sub/../same.bin", "-o 'same.bin' and -a 'sub/../same.bin' name the same file"),
        ("lnk/../same.bin", "-o 'same.bin' and -a 'lnk/../same.bin' name the same file"),
        ("SCRATCH/same.bin", "-o 'same.bin' and -a 'SCRATCH/same.bin' name the same file"),
    ])
    func spellingsOfANewFile(spelling: String, error: String) throws {
        try Scratch.with { scratch in
            try FileManager.default.createDirectory(atPath: scratch.path("sub"), withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(atPath: scratch.path("lnk"), withDestinationPath: "sub")
            let arpk = spelling.replacingOccurrences(of: "SCRATCH", with: scratch.url.path)
            let run = try scratch.run(["create", "-k", Fixture.path("pv/cert/host.crt"), "--no-verify", "-o", "same.bin", "-a", arpk])
            #expect(run.status == 1)
            #expect(run.stderr == "error: \(error.replacingOccurrences(of: "SCRATCH", with: scratch.url.path))\n")
            #expect(try scratch.listing() == ["lnk", "sub"])
        }
    }

    @Test("outputs through a symlinked folder, a symlink, a hard link and a dangling link alias the file they reach", arguments: [
        (["create", "-k", "hkd.crt", "--no-verify", "-o", "sub/new.bin", "-a", "lnk/new.bin"],
         "-o 'sub/new.bin' and -a 'lnk/new.bin' name the same file"),
        (["create", "-k", "hkd.crt", "--no-verify", "-o", "lnk/../a.bin", "-a", "a.bin"],
         "-o 'lnk/../a.bin' and -a 'a.bin' name the same file"),
        (["verify", "-i", "r.bin", "--hdr", "h.hdr", "-a", "a.bin", "-o", "lnk/../r.bin"],
         "-i 'r.bin' and -o 'lnk/../r.bin' name the same file"),
    ])
    func throughFolders(arguments: [String], error: String) throws {
        try expectRefused(arguments, error)
    }

    @Test("a symlink or hard link to an input, and a dangling link to the other output, are that file")
    func links() throws {
        try Scratch.with { scratch in
            try scratch.write(Fixture.bytes("derived/e2e/resp_phkh.bin"), to: "r.bin")
            try scratch.write(Fixture.bytes("derived/e2e/arpk.bin"), to: "a.bin")
            try FileManager.default.createSymbolicLink(atPath: scratch.path("soft"), withDestinationPath: "r.bin")
            try FileManager.default.linkItem(atPath: scratch.path("r.bin"), toPath: scratch.path("hard"))
            try FileManager.default.createSymbolicLink(atPath: scratch.path("dangling"), withDestinationPath: "missing/../new.bin")
            try FileManager.default.createDirectory(atPath: scratch.path("missing"), withIntermediateDirectories: false)
            let verify = ["verify", "-i", "r.bin", "--hdr", Fixture.path("pv/exp/secure_guest.hdr"), "-a", "a.bin"]
            let soft = try scratch.run(verify + ["-u", "soft"])
            #expect(soft.status == 1)
            #expect(soft.stderr == "error: -i 'r.bin' and -u 'soft' name the same file\n")
            let hard = try scratch.run(verify + ["-o", "hard"])
            #expect(hard.stderr == "error: -i 'r.bin' and -o 'hard' name the same file\n")
            let dangling = try scratch.run(["create", "-k", Fixture.path("pv/cert/host.crt"), "--no-verify", "-o", "dangling", "-a", "new.bin"])
            #expect(dangling.status == 1)
            #expect(dangling.stderr == "error: -o 'dangling' and -a 'new.bin' name the same file\n")
            #expect(scratch.bytes("r.bin") == Fixture.bytes("derived/e2e/resp_phkh.bin"))
            #expect(try scratch.listing() == ["a.bin", "dangling", "hard", "missing", "r.bin", "soft"])
        }
    }

    @Test("every command checks every input against its outputs", arguments: [
        (["create", "-k", "hkd.crt", "--no-verify", "-o", "hkd.crt", "-a", "new.bin"], "-k and -o name the same file 'hkd.crt'"),
        (["create", "-k", "hkd.crt", "--no-verify", "-o", "new.bin", "-a", "hkd.crt"], "-k and -a name the same file 'hkd.crt'"),
        (["create", "-k", "req.bin,hkd.crt", "--no-verify", "-o", "new.bin", "-a", "./hkd.crt"],
         "-k 'hkd.crt' and -a './hkd.crt' name the same file"),
        (["create", "-k", "hkd.crt", "-C", "ca.crt", "--offline", "-o", "ca.crt", "-a", "new.bin"], "-C and -o name the same file 'ca.crt'"),
        (["create", "-k", "hkd.crt", "--crt", "ca.crt", "--crl", "ca.crl", "--offline", "-o", "new.bin", "-a", "ca.crl"],
         "--crl and -a name the same file 'ca.crl'"),
        (["create", "-k", "hkd.crt", "--cert", "hkd.crt", "--root-ca", "ca.crt", "--offline", "--output", "ca.crt", "--arpk", "new.bin"],
         "--root-ca and -o name the same file 'ca.crt'"),
        (["verify", "-i", "r.bin", "--hdr", "h.hdr", "-a", "a.bin", "-o", "h.hdr"], "--hdr and -o name the same file 'h.hdr'"),
        (["verify", "-i", "r.bin", "--hdr", "h.hdr", "-a", "a.bin", "-o", "out", "-u", "out"], "-o and -u name the same file 'out'"),
        (["verify", "--input", "r.bin", "--hdr", "h.hdr", "--arpk", "a.bin", "--user-data", "r.bin"],
         "-i and -u name the same file 'r.bin'"),
        (["perform", "req.bin", "req.bin"], "REQUEST and RESPONSE name the same file 'req.bin'"),
        (["perform", "-i", "req.bin", "-o", "req.bin"], "-i and -o name the same file 'req.bin'"),
        (["perform", "req.bin", "out", "-u", "out"], "-u and RESPONSE name the same file 'out'"),
        (["perform", "--simulate", "--host-key-private", "host.key", "--hdr", "h.hdr", "req.bin", "host.key"],
         "--host-key-private and RESPONSE name the same file 'host.key'"),
        (["perform", "--simulate", "--host-key-private", "host.key", "--hdr", "h.hdr", "req.bin", "-o", "h.hdr"],
         "--hdr and -o name the same file 'h.hdr'"),
        (["check", "r.bin", "-o", "hkd.crt", "-k", "hkd.crt"], "-k and -o name the same file 'hkd.crt'"),
        (["check", "-i", "r.bin", "out", "-u", "out"], "-u and RESULT name the same file 'out'"),
        (["check", "r.bin", "secret.bin", "--secret", "secret.bin", "--secret-store-locked", "true"],
         "--secret and RESULT name the same file 'secret.bin'"),
        (["check", "r.bin", "h.hdr", "--hdr", "h.hdr", "-a", "a.bin"], "--hdr and RESULT name the same file 'h.hdr'"),
        (["check", "r.bin", "a.bin", "--hdr", "h.hdr", "-a", "a.bin"], "-a and RESULT name the same file 'a.bin'"),
        (["extract-hdr", "h.hdr", "-o", "h.hdr"], "IMAGE and -o name the same file 'h.hdr'"),
        (["extract-hdr", "./h.hdr", "-o", "sub/../h.hdr"], "IMAGE './h.hdr' and -o 'sub/../h.hdr' name the same file"),
    ])
    func everyCommand(arguments: [String], error: String) throws {
        try expectRefused(arguments, error)
    }

    @Test("two outputs to standard output are refused; standard input and output are not the same file")
    func standardStreams() throws {
        try expectRefused(["verify", "-i", "r.bin", "--hdr", "h.hdr", "-a", "a.bin", "-o", "-", "-u", "-"],
                          "-o and -u both name standard output ('-'); only one output can go there")
        let golden = Fixture.vectors.deletingLastPathComponent().appendingPathComponent("golden")
        let run = try SEAttestBinary.run(
            ["perform", "--simulate", "--host-key-private", Fixture.path("pv/cert/host.key"),
             "--hdr", Fixture.simulatorHeader, "-u", golden.appendingPathComponent("simulate_user_data.bin").path, "-", "-"],
            stdin: [UInt8](try Data(contentsOf: golden.appendingPathComponent("simulate_request.bin"))))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdoutBytes == [UInt8](try Data(contentsOf: golden.appendingPathComponent("simulate_response.bin"))))
    }

    @Test("two outputs to /dev/null are fine: a device is written in place, not replaced")
    func devNullTwice() throws {
        try Scratch.with { scratch in
            try scratch.write(Fixture.bytes("derived/e2e/resp_phkh.bin"), to: "r.bin")
            let run = try scratch.run(["verify", "-i", "r.bin", "--hdr", Fixture.path("pv/exp/secure_guest.hdr"),
                                       "-a", Fixture.path("derived/e2e/arpk.bin"), "-o", "/dev/null", "-u", "/dev/null"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try scratch.listing() == ["r.bin"])
        }
    }
}
