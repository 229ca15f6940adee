// swift-tools-version:6.0
// se-attest: remote attestation of IBM Secure Execution guests (the Swift counterpart of pvattest).
import PackageDescription

let package = Package(
    name: "se-attest",
    products: [
        .executable(name: "se-attest", targets: ["se-attest"]),
        .library(name: "SECore", targets: ["SECore"]),
        .library(name: "SECrypto", targets: ["SECrypto"]),
        .library(name: "SEDocuments", targets: ["SEDocuments"]),
        .library(name: "SEAttestation", targets: ["SEAttestation"]),
        .library(name: "SEAttestCLI", targets: ["SEAttestCLI"]),
        .library(name: "SENetwork", targets: ["SENetwork"]),
    ],
    targets: [
        // OpenSSL 3 libcrypto from Debian's libssl-dev, found through pkg-config.
        .systemLibrary(name: "CSEOpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // The few OpenSSL macros and OSSL_PARAM constructors Swift cannot import.
        .target(name: "CSEOpenSSLShims", dependencies: ["CSEOpenSSL"]),
        // libssl for SENetwork's HTTPS client, loaded on the first TLS connection rather than
        // linked (docs/architecture.md §4), and the TLS macros Swift cannot import.
        .target(name: "CSETLSShims", dependencies: ["CSEOpenSSL"]),
        // The Linux uvdevice ABI (/dev/uv) under our own prefix, plus the ioctl trampoline.
        .target(name: "CSEUVDevice"),
        // prctl(2), which Swift cannot call (variadic): making a process that holds secrets non-dumpable.
        .target(name: "CSEProcess"),
        // The command line handed to the Swift runtime without its /proc/self/maps search
        // (docs/architecture.md §4); linked into the executable only.
        .target(name: "CSEArguments"),
        // The source revision recorded at build time by scripts/source-revision, for --version.
        .target(name: "CSEBuildInfo"),
        // Pure binary formats: no OpenSSL, no files, no devices.
        .target(name: "SECore"),
        // Documents in and out, without OpenSSL: JSON reading, JSON and YAML writing, escaping.
        .target(name: "SEDocuments", dependencies: ["SECore"]),
        // Cryptography over OpenSSL: keys, key slots, ARCB sealing/opening, measurement, X.509.
        .target(name: "SECrypto", dependencies: ["SECore", "CSEOpenSSL", "CSEOpenSSLShims"]),
        // Downloads: the HTTP(S) client, CRL fetching, IBM's firmware verification service.
        .target(name: "SENetwork", dependencies: ["SECore", "SEDocuments", "SECrypto", "CSEOpenSSL", "CSETLSShims"]),
        // The Ultravisor device seam: /dev/uv on s390x, fakes in tests.
        .target(name: "SEDevice", dependencies: ["SECore", "CSEUVDevice"]),
        // A software Ultravisor: what the firmware does, with a test host key (perform --simulate).
        .target(name: "SESimulator", dependencies: ["SECore", "SECrypto", "SEDevice"]),
        // The front door for programs: requests, responses, verification and policies as typed
        // values and typed errors; no command line, no output, no option spelling.
        .target(name: "SEAttestation", dependencies: ["SECore", "SEDocuments", "SECrypto", "SENetwork", "SEDevice"]),
        // The command line: option table, parser, commands, output. A library, so that the tests
        // and the fuzz harnesses import it; the executable is only its main.swift.
        .target(name: "SEAttestCLI", dependencies: ["SEAttestation", "SECore", "SEDocuments", "SECrypto", "SENetwork", "SEDevice", "SESimulator", "CSEProcess", "CSEBuildInfo"]),
        .executableTarget(name: "se-attest", dependencies: ["SEAttestCLI", "CSEArguments"]),
        // Benchmark support for scripts/bench (inputs that need the library, in-process rates).
        .executableTarget(name: "se-attest-bench", dependencies: ["SECore", "SECrypto", "SEAttestation"]),
        // What a service embedding se-attest writes: verify a response and judge two policies
        // through the front door alone (README shows it; CI builds it).
        .executableTarget(name: "VerifyResponse", dependencies: ["SEAttestation"], path: "Examples/VerifyResponse"),
        // Shared by the test targets: where the vectors are, how to run the built binary.
        // Its loopback HTTPS server links libssl itself.
        .target(name: "SETestSupport", dependencies: ["SECrypto", "CSEOpenSSL", "CSETLSShims"], path: "Tests/SETestSupport",
                linkerSettings: [.linkedLibrary("ssl")]),
        .testTarget(name: "SECoreTests", dependencies: ["SECore", "SETestSupport"], path: "Tests/SECoreTests"),
        .testTarget(name: "SECryptoTests", dependencies: ["SECrypto", "SENetwork", "SECore", "SETestSupport"], path: "Tests/SECryptoTests"),
        .testTarget(name: "SENetworkTests", dependencies: ["SENetwork", "SECrypto", "SETestSupport", "CSETLSShims"], path: "Tests/SENetworkTests"),
        .testTarget(name: "SEDeviceTests", dependencies: ["SEDevice", "SECore", "CSEUVDevice", "SETestSupport"], path: "Tests/SEDeviceTests"),
        .testTarget(name: "SESimulatorTests", dependencies: ["SESimulator", "SECore", "SECrypto", "SEDevice", "SETestSupport"], path: "Tests/SESimulatorTests"),
        .testTarget(name: "SEAttestationTests", dependencies: ["SEAttestation", "SECore", "SECrypto", "SEDocuments", "SENetwork", "SESimulator", "SETestSupport", "VerifyResponse"], path: "Tests/SEAttestationTests"),
        .testTarget(name: "SEAttestTests", dependencies: ["se-attest", "SEAttestCLI", "SEAttestation", "SECore", "SEDocuments", "SECrypto", "SENetwork", "SEDevice", "SETestSupport", "CSEArguments"], path: "Tests/SEAttestTests"),
    ]
)
