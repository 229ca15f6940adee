import Foundation
import SECrypto
import SETestSupport
import Testing
@testable import SEAttestCLI

/// The .deb scripts/package built; scripts/test sets it after the release build, so this
/// suite runs once per CI run instead of adding a release build to every `swift test`.
private let debianPackage = ProcessInfo.processInfo.environment["SE_ATTEST_DEB"]

private func tool(_ name: String, _ arguments: [String]) throws -> String {
    let result = try runTool(try #require(executableOnPath(name), "\(name) is not installed"), arguments)
    #expect(result.status == 0, "\(name) \(arguments): \(result.output)")
    return result.output
}

@Suite("Package: the Debian package installed into a scratch root", .serialized,
       .enabled(if: debianPackage != nil, "SE_ATTEST_DEB is not set (scripts/test builds the package and sets it)"))
struct PackageTests {
    let deb = debianPackage ?? ""

    @Test("it holds the binary, every man page, the three completions, the README and the copyright file")
    func contents() throws {
        let listed = try tool("dpkg-deb", ["--contents", deb]).split(separator: "\n")
            .compactMap { $0.split(separator: " ").last.map { String($0.drop { $0 == "." }) } }
        var expected = ["/usr/bin/se-attest", "/usr/share/bash-completion/completions/se-attest",
                        "/usr/share/zsh/vendor-completions/_se-attest",
                        "/usr/share/fish/vendor_completions.d/se-attest.fish",
                        "/usr/share/doc/se-attest/copyright", "/usr/share/doc/se-attest/README.md.gz",
                        "/usr/share/doc/se-attest/changelog.gz", "/usr/share/man/man1/se-attest.1.gz"]
        expected += Command.allCases.map { "/usr/share/man/man1/\(HelpText.manPage(for: .command($0))).1.gz" }
        #expect(Set(listed.filter { !$0.hasSuffix("/") }) == Set(expected))
    }

    @Test("its control data: this machine's architecture, and dependencies on what the binary links only")
    func control() throws {
        let architecture = try tool("dpkg", ["--print-architecture"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try tool("dpkg-deb", ["-f", deb, "Architecture"]) == architecture + "\n")
        #expect(deb.hasSuffix("/se-attest_\(SEAttestVersion.number)_\(architecture).deb"))
        let depends = try tool("dpkg-deb", ["-f", deb, "Depends"])
        let names = Set(depends.split(separator: ",").compactMap {
            $0.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init)
        })
        // libc, the OpenSSL 3 runtime and the C++ runtime the static Swift runtime needs.
        #expect(names.isSubset(of: ["libc6", "libssl3", "libssl3t64", "libstdc++6", "libgcc-s1"]), "\(depends)")
        #expect(names.contains("libc6") && (names.contains("libssl3") || names.contains("libssl3t64")), "\(depends)")
    }

    @Test("installed with dpkg-deb -x, --version names the revision and the OpenSSL, and the demo flow passes")
    func installedRuns() throws {
        try Scratch.with { scratch in
            _ = try tool("dpkg-deb", ["-x", deb, scratch.url.path])
            let binary = scratch.url.appendingPathComponent("usr/bin/se-attest")
            let version = try runTool(binary, ["--version"])
            #expect(version.status == 0)
            let lines = version.output.split(separator: "\n").map(String.init)
            #expect(lines.first == "se-attest version \(SEAttestVersion.number)")
            if let git = executableOnPath("git"),
               case let head = try runTool(git, ["rev-parse", "--short=12", "HEAD"]), head.status == 0 {
                let revision = head.output.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(lines.count == 3 && lines[1].hasPrefix("source revision: \(revision)"), "\(lines)")
            }
            #expect(lines.last == "runs with \(OpenSSLLibrary.version)")
            let demo = try runTool(repositoryRoot.appendingPathComponent("scripts/demo"), [],
                                   environment: ["SE_ATTEST_BIN": binary.path,
                                                 "DEMO_DIR": scratch.url.appendingPathComponent("demo").path])
            #expect(demo.status == 0, "\(demo.output)")
            #expect(demo.output.contains("demo passed"))
            #expect(demo.output.contains("Attestation measurement verified"))
        }
    }

    @Test("the installed binary gets its command line from its own constructor (docs/architecture.md §4) exactly as the debug build gets it from the Swift runtime")
    func commandLine() throws {
        try Scratch.with { scratch in
            _ = try tool("dpkg-deb", ["-x", deb, scratch.url.path])
            let installed = scratch.url.appendingPathComponent("usr/bin/se-attest")
            for arguments in [["verify", "--evidence", "", "--report-data", "zz"], ["create", "--nicht-da", "ä b\tc"],
                              ["inspect", "--format=json", "-i", "missing file ✓"], ["perform", "--", "-i"], []] {
                let packaged = try SEAttestBinary.run(arguments, executable: installed)
                let debug = try SEAttestBinary.run(arguments)
                #expect(packaged.status == debug.status && packaged.stderr == debug.stderr && packaged.stdout == debug.stdout,
                        "\(arguments): \(packaged.stderr) vs \(debug.stderr)")
                #expect(packaged.status == 1 && packaged.stderr.contains(arguments.isEmpty ? "Usage:" : "error:"), "\(arguments): \(packaged.stderr)")
            }
        }
    }

    /// Every file and folder under `root`, relative to it.
    private func tree(_ root: URL) -> Set<String> {
        Set(FileManager.default.enumerator(atPath: root.path).map { $0.compactMap { $0 as? String } } ?? [])
    }

    @Test("scripts/uninstall removes exactly what scripts/install put in place")
    func installUninstall() throws {
        try Scratch.with { scratch in
            // The package's binary: a release build from inside `swift test` would wait for its lock.
            _ = try tool("dpkg-deb", ["-x", deb, scratch.url.appendingPathComponent("package").path])
            let binary = scratch.url.appendingPathComponent("package/usr/bin/se-attest").path
            let other = scratch.url.appendingPathComponent("opt/share/man/man1/other.1")
            try FileManager.default.createDirectory(at: other.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("other".utf8).write(to: other)
            let before = tree(scratch.url)
            let environment = ["DESTDIR": scratch.url.path, "SE_ATTEST_BIN": binary]
            let install = try runTool(repositoryRoot.appendingPathComponent("scripts/install"), ["/opt"], environment: environment)
            #expect(install.status == 0, "\(install.output)")
            let installed = tree(scratch.url).subtracting(before)
            for path in ["opt/bin/se-attest", "opt/share/man/man1/se-attest-extract-hdr.1",
                         "opt/share/bash-completion/completions/se-attest", "opt/share/zsh/site-functions/_se-attest",
                         "opt/share/fish/vendor_completions.d/se-attest.fish", "opt/share/se-attest/install-manifest"] {
                #expect(installed.contains(path), "\(path)")
            }
            let again = try runTool(repositoryRoot.appendingPathComponent("scripts/install"), ["/opt"], environment: environment)
            #expect(again.status == 1 && again.output.contains("already installed"), "\(again.output)")
            let uninstall = try runTool(repositoryRoot.appendingPathComponent("scripts/uninstall"), ["/opt"], environment: environment)
            #expect(uninstall.status == 0, "\(uninstall.output)")
            #expect(tree(scratch.url) == before)
        }
    }
}
