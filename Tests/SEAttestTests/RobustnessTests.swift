import Foundation
import SETestSupport
import Testing

/// Hundreds of damaged responses, requests and SE headers through the built binary
/// (docs/cli-conventions.md §1.9–§1.11): every run ends with status 0, 1 or 2, never a signal; nothing goes to stdout;
/// a failed run says `error:`, leaves no output and no temporary file behind, and an output file
/// that existed before keeps its content.
///
/// The mutants come from a fixed seed; `SE_ATTEST_ROBUSTNESS_SEED=N` (or `random`) makes others.
/// A failing mutant is kept in `$TMPDIR/se-attest-robustness-failures` to replay by hand.
@Suite struct RobustnessTests {
    static let seed: UInt64 = {
        switch ProcessInfo.processInfo.environment["SE_ATTEST_ROBUSTNESS_SEED"] {
        case "random": UInt64.random(in: 0...UInt64.max)
        case let text?: UInt64(text) ?? 0x5E_A77E_57
        case nil: 0x5E_A77E_57
        }
    }()

    static let header = Fixture.path("pv/exp/secure_guest.hdr")
    static let arpk = Fixture.path("derived/e2e/arpk.bin")
    static let hostKey = Fixture.path("pv/cert/host.key")
    static let golden = Fixture.vectors.deletingLastPathComponent().appendingPathComponent("golden")

    /// A valid input, the fields of it that can lie, and how many mutants to make of it.
    struct Original {
        let name: String
        let bytes: [UInt8]
        let fields: [MutableField]
        let mutants: Int

        init(_ name: String, _ bytes: [UInt8], fields: [MutableField], mutants: Int) {
            self.name = name
            self.bytes = bytes
            self.fields = fields
            self.mutants = mutants
        }

        static func exchange(_ path: String, mutants: Int) -> Original {
            let bytes = Fixture.bytes(path)
            return Original(path, bytes, fields: MutableFields.exchange(bytes), mutants: mutants)
        }
    }

    @Test("damaged responses: verify -i MUTANT exits 0, 1 or 2 and leaves no output on failure")
    func responses() throws {
        let originals = ["resp_phkh", "resp_all_flags", "resp_nonce_only", "resp_phkh_badmeas"].map {
            Original.exchange("derived/e2e/\($0).bin", mutants: 50)
        }
        try exercise(originals, stream: 1, existing: "out.yaml", outputs: ["user.bin"]) {
            ["verify", "-i", $0, "--hdr", Self.header, "-a", Self.arpk, "-o", "out.yaml", "-u", "user.bin"]
        }
    }

    @Test("damaged SE headers and images: verify --hdr MUTANT exits 0, 1 or 2 and leaves no output on failure")
    func headers() throws {
        let originals = [
            Original("pv/exp/secure_guest.hdr", Fixture.bytes("pv/exp/secure_guest.hdr"), fields: MutableFields.seHeader, mutants: 80),
            Original("derived/images/se_img_meta_0x14000.bin", Fixture.bytes("derived/images/se_img_meta_0x14000.bin"),
                     fields: MutableFields.seImage(headerAt: 0x14000), mutants: 30),
        ]
        try exercise(originals, stream: 2, existing: "out.yaml") {
            ["verify", "-i", Fixture.path("derived/e2e/resp_phkh.bin"), "--hdr", $0, "-a", Self.arpk, "-o", "out.yaml"]
        }
    }

    @Test("damaged requests: perform --simulate -i MUTANT exits 0 or 1 and leaves no output on failure")
    func requests() throws {
        let simulated = [UInt8](try Data(contentsOf: Self.golden.appendingPathComponent("simulate_request.bin")))
        let originals = [Original("golden/simulate_request.bin", simulated, fields: MutableFields.exchange(simulated), mutants: 60)]
            + ["req_phkh", "req_all_flags", "req_nonce_only"].map { Original.exchange("derived/e2e/\($0).bin", mutants: 25) }
        try exercise(originals, stream: 3, existing: "out.bin") {
            ["perform", "--simulate", "--host-key-private", Self.hostKey, "--hdr", Fixture.simulatorHeader, "-i", $0, "-o", "out.bin"]
        }
    }

    @Test("damaged responses: check -i MUTANT exits 0, 1 or 2 and leaves no output when it fails with 1")
    func checkedResponses() throws {
        let secrets = ["assoc_derived_default_cuid_one", "assoc_simple_default_cuid_one", "null_none_default_cuid_one",
                       "null_none_default_ncuid_one", "null_simple_default_cuid_one", "assoc_none_default_cuid_one",
                       "null_derived_default_cuid_one", "null_none_default_cuid_seven", "null_none_dump_cuid_one"]
            .map { Fixture.path("pv/exp/asrcb/\($0)") }
        let allFlags = Original.exchange("derived/e2e/resp_all_flags.bin", mutants: 70)
        // A policy that fails (status 2) is a result too: check writes it, as pvattest does.
        try exercise([allFlags], stream: 4, existing: "out.yaml", resultOnStatus: [0, 2]) {
            ["check", "-i", $0, "-o", "out.yaml", "--hdr", Self.header, "-a", Self.arpk,
             "-k", Fixture.path("pv/keys/host.pem.crt"), "-k", Fixture.path("pvattest/host.pem.crt"),
             "--host-key-check", "att-key-hash,boot-key-hash", "--secret-store-locked", "true",
             "--secret", secrets.joined(separator: ",")]
        }
        let phkh = Original.exchange("derived/e2e/resp_phkh.bin", mutants: 50)
        try exercise([phkh], stream: 5, existing: "out.yaml", resultOnStatus: [0, 2]) {
            ["check", $0, "out.yaml", "--format", "json", "-k", Fixture.path("pv/keys/host.pem.crt"),
             "--host-key-check", "att-key-hash"]
        }
    }

    @Test("damaged images and headers: extract-hdr MUTANT -o FILE exits 0 or 1 and leaves no output on failure")
    func extractedHeaders() throws {
        let originals = [
            Original("pv/exp/secure_guest.hdr", Fixture.bytes("pv/exp/secure_guest.hdr"), fields: MutableFields.seHeader, mutants: 30),
            Original("derived/images/se_img_scan_0x12000.bin", Fixture.bytes("derived/images/se_img_scan_0x12000.bin"),
                     fields: MutableFields.seImage(headerAt: 0x12000), mutants: 30),
        ]
        try exercise(originals, stream: 6, existing: "out.hdr") { ["extract-hdr", $0, "-o", "out.hdr"] }
    }

    @Test("damaged requests, responses and headers: inspect MUTANT -a ARPK exits 0 or 1, never a signal")
    func inspected() throws {
        let originals = ["req_all_flags", "resp_all_flags", "resp_phkh"].map { Original.exchange("derived/e2e/\($0).bin", mutants: 30) }
            + [Original("pv/exp/secure_guest.hdr", Fixture.bytes("pv/exp/secure_guest.hdr"), fields: MutableFields.seHeader, mutants: 30)]
        try exercise(originals, stream: 7, existing: "unrelated", printsResult: true) {
            ["inspect", $0, "-a", Self.arpk, "--format", "json"]
        }
    }

    /// Runs `arguments(mutantPath)` for every mutant of every original in a scratch folder where
    /// the output `existing` already holds a previous result, and checks status, stdout and what
    /// is left in the folder; a run ending with a status in `resultOnStatus` replaces `existing`
    /// and may also write `outputs`, any other leaves the folder as it was. A command that
    /// `printsResult` on stdout must leave the folder as it was whatever its status. `stream` separates
    /// the mutants of different tests made from the same seed.
    private func exercise(_ originals: [Original], stream: UInt64, existing: String, outputs: Set<String> = [],
                          resultOnStatus: Set<Int32> = [0], printsResult: Bool = false,
                          arguments: (String) -> [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-robustness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let mutantPath = dir.appendingPathComponent("mutant.bin")
        let existingPath = dir.appendingPathComponent(existing)
        let previous = Data("a previous result\n".utf8)
        var mutator = Mutator(seed: Self.seed &+ stream)
        var failures: [String] = []
        var statuses: [Int32: Int] = [:]
        for original in originals {
            for index in 0..<original.mutants {
                let mutant = mutator.mutate(original.bytes, fields: original.fields)
                try Data(mutant.bytes).write(to: mutantPath)
                try previous.write(to: existingPath)
                let run = try SEAttestBinary.run(arguments("mutant.bin"), in: dir, timeout: 30)
                statuses[run.status, default: 0] += 1
                let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)).subtracting(["mutant.bin", existing])
                let kept = FileManager.default.contents(atPath: existingPath.path) == previous
                var problems: [String] = []
                if !(0...2).contains(run.status) { problems.append("status \(run.status)") }
                if !printsResult, !run.stdoutBytes.isEmpty { problems.append("stdout \(run.stdout.debugDescription)") }
                if printsResult {
                    if !left.isEmpty || !kept { problems.append("files changed: \(left.sorted())") }
                } else if resultOnStatus.contains(run.status) {
                    if !left.isSubset(of: outputs) { problems.append("stray files \(left.sorted())") }
                    if kept { problems.append("\(existing) not replaced") }
                } else {
                    if !left.isEmpty { problems.append("left behind \(left.sorted())") }
                    if !kept { problems.append("\(existing) changed") }
                }
                if run.status == 1, !run.stderr.split(separator: "\n").contains(where: { $0.hasPrefix("error: ") }) {
                    problems.append("no error line in \(run.stderr.debugDescription)")
                }
                if !problems.isEmpty {
                    let copy = try keep(mutant, of: original, index: index)
                    failures.append("\(original.name) mutant \(index) (\(mutant.description), kept as \(copy)): "
                                    + problems.joined(separator: "; "))
                }
                for name in left { try FileManager.default.removeItem(at: dir.appendingPathComponent(name)) }
            }
        }
        let report = failures.prefix(20).joined(separator: "\n")
        #expect(failures.isEmpty, "seed \(Self.seed), statuses \(statuses):\n\(report)")
        // The mutants must reach every outcome, or they test too little.
        #expect(statuses[1, default: 0] > 0 && statuses[0, default: 0] + statuses[2, default: 0] > 0,
                "seed \(Self.seed), statuses \(statuses)")
    }

    private func keep(_ mutant: Mutant, of original: Original, index: Int) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-robustness-failures")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = "\(original.name.replacingOccurrences(of: "/", with: "_"))-seed\(Self.seed)-\(index).bin"
        let url = folder.appendingPathComponent(name)
        try Data(mutant.bytes).write(to: url)
        return url.path
    }
}
