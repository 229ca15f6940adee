// swift-tools-version:6.0
// libFuzzer harnesses for se-attest's parsers (scripts/fuzz builds and runs them). A package of
// its own, so the fuzzer-only flags never reach the root package that others depend on.
import PackageDescription

/// No `main`: libFuzzer provides it and calls `LLVMFuzzerTestOneInput`.
let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "se-attest-fuzz",
    dependencies: [.package(name: "se-attest", path: "../..")],
    targets: [
        .executableTarget(name: "FuzzExchange", dependencies: [.product(name: "SECore", package: "se-attest")],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzAttestationRequest", dependencies: [
            .product(name: "SECore", package: "se-attest"), .product(name: "SECrypto", package: "se-attest"),
        ], swiftSettings: harness),
        .executableTarget(name: "FuzzSEHeader", dependencies: [.product(name: "SECore", package: "se-attest")],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzCertificate", dependencies: [.product(name: "SECrypto", package: "se-attest")],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzCRL", dependencies: [.product(name: "SECrypto", package: "se-attest")],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzPrivateKeys", dependencies: [
            .product(name: "SECore", package: "se-attest"), .product(name: "SECrypto", package: "se-attest"),
        ], swiftSettings: harness),
        .executableTarget(name: "FuzzCoCoDocuments", dependencies: [.product(name: "SEAttestation", package: "se-attest")],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzCommandLine", dependencies: [.product(name: "SEAttestCLI", package: "se-attest")],
                          swiftSettings: harness),
    ]
)
