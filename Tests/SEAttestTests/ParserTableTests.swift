import Testing
@testable import SEAttestCLI

@Suite("Parser: the option table")
struct ParserTableTests {
    /// docs/cli-conventions.md §1.3, §1.4 and pvattest's spellings per subcommand, written out so the table cannot lose one.
    static let contract: [(Subcommand, [String])] = [
        (.command(.create), ["-k", "--host-key-document", "-C", "--cert", "--crt", "--crl", "--root-ca", "--offline",
                             "--no-verify", "-o", "--output", "-a", "--arpk", "--add-data"]),
        (.command(.perform), ["-i", "--input", "-o", "--output", "-u", "--user-data", "--simulate",
                              "--host-key-private", "--hdr", "--cuid", "--challenge", "--runtime-data-digest"]),
        (.command(.verify), ["-i", "--input", "--hdr", "-a", "--arpk", "-o", "--output", "--format", "-u", "--user-data",
                             "--evidence", "--seal-key", "--report-data", "--max-age", "--trustee-compatible"]),
        (.command(.check), ["-i", "--input", "-o", "--output", "--format", "-k", "--host-key-document", "--host-key-check",
                            "-u", "--user-data", "--secret", "--secret-store-locked", "--firmware",
                            "--firmware-check-version", "--fw-ver", "--firmware-verify-url", "--hdr", "-a", "--arpk"]),
        (.command(.inspect), ["-a", "--arpk", "--format"]),
        (.command(.extractHeader), ["-o", "--output"]),
        (.command(.challenge), ["-k", "--host-key-document", "-C", "--cert", "--crt", "--crl", "--root-ca", "--offline",
                                "--no-verify", "--hdr", "--seal-key", "--runtime-data-digest", "-o", "--output"]),
        (.help, []),
        (.version, []),
    ]

    static let globalSpellings = ["-v", "--verbose", "-V", "-q", "--quiet", "-h", "--help", "--version"]

    @Test("each subcommand knows exactly the spellings of the contract, plus the global ones")
    func spellingsMatchTheContract() {
        #expect(Set(OptionTable.global.flatMap(\.spellings)) == Set(Self.globalSpellings))
        for (subcommand, spellings) in Self.contract {
            let spec = OptionTable.spec(for: subcommand)
            #expect(Set(spec.options.flatMap(\.spellings)) == Set(spellings), "\(subcommand.name)")
            #expect(spec.subcommand == subcommand)
        }
        #expect(OptionTable.commands.map(\.subcommand) == Subcommand.allCases)
    }

    @Test("no spelling appears twice within a subcommand (with the global options)")
    func spellingsAreUnique() {
        for spec in OptionTable.commands {
            let spellings = (spec.options + OptionTable.global).flatMap(\.spellings)
            #expect(spellings.count == Set(spellings).count, "\(spec.subcommand.name)")
        }
    }

    @Test("a spelling takes a value, with the same placeholder, in every subcommand or in none")
    func spellingsAgreeAcrossSubcommands() {
        var seen: [String: String?] = [:]
        for option in OptionTable.global + OptionTable.commands.flatMap(\.options) {
            for spelling in option.spellings {
                if let earlier = seen[spelling] {
                    #expect(earlier == option.value?.name, "\(spelling)")
                } else {
                    seen[spelling] = option.value?.name
                }
            }
        }
    }

    @Test("the options pvattest splits on commas are the list options; allowed values are as in docs/cli-conventions.md §1.4")
    func listsAndValues() {
        func option(_ subcommand: Subcommand, _ name: OptionName) -> OptionSpec? {
            OptionTable.spec(for: subcommand).options.first { $0.name == name }
        }
        let create = Subcommand.command(.create), check = Subcommand.command(.check)
        for (subcommand, name) in [(create, OptionName.hostKeyDocument), (create, .cert), (create, .crl), (create, .addData),
                                   (check, .hostKeyDocument), (check, .hostKeyCheck), (check, .secret)] {
            #expect(option(subcommand, name)?.commaSplit == true, "\(name)")
            #expect(option(subcommand, name)?.repeatable == true, "\(name)")
        }
        let lists = OptionTable.commands.flatMap(\.options).filter(\.commaSplit).map(\.name)
        #expect(Set(lists) == [.hostKeyDocument, .cert, .crl, .addData, .hostKeyCheck, .secret])
        #expect(option(create, .addData)?.value?.allowed == ["phkh-img", "phkh-att", "secret-store-hash", "firmware-state"])
        #expect(option(.command(.verify), .format)?.value?.allowed == ["yaml", "json"])
        #expect(option(check, .format)?.value?.allowed == ["yaml", "json"])
        #expect(option(.command(.inspect), .format)?.value?.allowed == ["text", "yaml", "json"])
        #expect(option(check, .hostKeyCheck)?.value?.allowed == ["att-key-hash", "boot-key-hash"])
        #expect(option(check, .secretStoreLocked)?.value?.allowed == ["true", "false"])
        #expect(option(check, .firmwareCheckVersion)?.value?.allowed == ["1", "2"])
        #expect(option(check, .firmwareCheckVersion)?.aliases == ["fw-ver"])
        #expect(option(create, .cert)?.aliases == ["crt"])
        for spec in OptionTable.commands {
            #expect(spec.option(.arpk)?.value?.allowsStandardStream != true, "the ARPK is never '-'")
        }
    }

    @Test("relations and operands name options of their own subcommand; every key is used")
    func referencesResolve() {
        var used = Set(OptionTable.global.map(\.name))
        for spec in OptionTable.commands {
            let names = Set(spec.options.map(\.name))
            used.formUnion(names)
            for relation in spec.relations {
                switch relation {
                case .required(let name): #expect(names.contains(name))
                case .exactlyOne(let a, let b), .requires(let a, let b), .conflicts(let a, let b), .requiredUnless(let a, let b):
                    #expect(names.contains(a) && names.contains(b), "\(spec.subcommand.name) \(relation)")
                }
            }
            for operand in spec.operands {
                if let option = operand.option { #expect(names.contains(option)) }
                if let option = operand.unlessGiven { #expect(names.contains(option)) }
                if let key = operand.key { used.insert(key) }
            }
        }
        #expect(used == Set(OptionName.allCases))
    }
}
