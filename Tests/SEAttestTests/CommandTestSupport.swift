import Foundation
import SECore
import SECrypto
import SETestSupport
import Testing

/// A private folder for one test run of the binary; removed when the body returns, so nothing
/// a test leaves behind can make another one pass.
struct Scratch {
    let url: URL

    /// Runs `body` with a fresh empty folder and removes the folder afterwards.
    static func with<T>(_ body: (Scratch) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("se-attest-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(Scratch(url: url))
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `bytes` to `name` (with `mode` when given) and returns its full path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String, mode: Int? = nil) throws -> String {
        let target = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        if let mode {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
        }
        return target
    }

    /// The bytes of `name`, or nil when it does not exist.
    func bytes(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path(name)).map { [UInt8]($0) }
    }

    func text(_ name: String) -> String? {
        bytes(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Permission bits of `name`.
    func mode(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path(name))
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Every entry of the folder, hidden ones (temporary files) included, sorted.
    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// Runs the binary in this folder, so relative output names land here.
    func run(_ arguments: [String]) throws -> SEAttestBinary.Result {
        try SEAttestBinary.run(arguments, in: url)
    }

    /// Runs any program (`command[0]`, a full path) in this folder, its stderr read through a
    /// pipe (a file could be stopped by the limits under test); nil status when it was killed.
    func runProgram(_ command: [String]) throws -> (status: Int32?, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = url
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationReason == .exit ? process.terminationStatus : nil, stderr)
    }
}

extension SEAttestBinary.Result {
    /// The stderr lines that start with `error:`.
    var errorLines: [Substring] {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("error:") }
    }
}

/// A failed run: exit 1, nothing on stdout, exactly one `error:` line that quotes `file` and
/// contains each of `phrases`.
func expectError(
    _ run: SEAttestBinary.Result, naming file: String, _ phrases: String...,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(run.status == 1, "exit status; stderr: \(run.stderr)", sourceLocation: sourceLocation)
    #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
    let errors = run.errorLines
    #expect(errors.count == 1, "expected one error line in: \(run.stderr)", sourceLocation: sourceLocation)
    let line = errors.first.map(String.init) ?? ""
    #expect(line.contains("'\(file)'"), "the error line does not name \(file): \(line)", sourceLocation: sourceLocation)
    for phrase in phrases {
        #expect(line.contains(phrase), "'\(phrase)' missing in: \(line)", sourceLocation: sourceLocation)
    }
}

/// The five entries of an exchange-format header (docs/formats.md §8.1), in header order.
enum ExchangeSlot: Int, CaseIterable {
    case arcb, measurement, additionalData, userData, cuid

    /// Offset of the entry's `{size, offset}` pair in the header.
    var headerOffset: Int { 0x18 + 8 * rawValue }
}

/// Reading and rewriting exchange files at the byte level, for building the odd files a guest
/// or an attacker could hand to `verify`.
enum ExchangeBytes {
    static let magic = Array("pvattest".utf8)
    static let headerSize = 0x40

    static func u32(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
    }

    static func setU32(_ bytes: inout [UInt8], at offset: Int, _ value: UInt32) {
        for index in 0..<4 {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index))
        }
    }

    static func entry(_ file: [UInt8], _ slot: ExchangeSlot) -> (size: Int, offset: Int) {
        (u32(file, at: slot.headerOffset), u32(file, at: slot.headerOffset + 4))
    }

    static func setEntry(_ file: inout [UInt8], _ slot: ExchangeSlot, size: UInt32, offset: UInt32) {
        setU32(&file, at: slot.headerOffset, size)
        setU32(&file, at: slot.headerOffset + 4, offset)
    }

    /// File offset of the first byte of a blob (`index` bytes into it).
    static func offset(_ file: [UInt8], _ slot: ExchangeSlot, _ index: Int = 0) -> Int {
        entry(file, slot).offset + index
    }

    /// A response with `blobs` placed after the header in the order given (any order is valid,
    /// readers locate blobs through the entries); absent slots get `{0, 0}`.
    static func response(_ blobs: [(ExchangeSlot, [UInt8])]) -> [UInt8] {
        var file = magic + [0, 0, 1, 0] + [UInt8](repeating: 0, count: headerSize - 12)
        for (slot, blob) in blobs {
            setEntry(&file, slot, size: UInt32(blob.count), offset: UInt32(file.count))
            file += blob
        }
        setU32(&file, at: 0x0C, UInt32(file.count))
        return file
    }

    /// A copy of a file with a u32 field set, for argument lists of damaged files.
    static func settingU32(_ offset: Int, _ value: UInt32) -> @Sendable ([UInt8]) -> [UInt8] {
        { bytes in
            var copy = bytes
            setU32(&copy, at: offset, value)
            return copy
        }
    }

    /// A copy of an exchange file with an entry's size and/or offset replaced.
    static func settingEntry(_ slot: ExchangeSlot, size: UInt32? = nil, offset: UInt32? = nil) -> @Sendable ([UInt8]) -> [UInt8] {
        { bytes in
            var copy = bytes
            let old = entry(bytes, slot)
            setEntry(&copy, slot, size: size ?? UInt32(old.size), offset: offset ?? UInt32(old.offset))
            return copy
        }
    }

    /// Flips every bit of the byte at `offset`.
    static func flipping(_ file: [UInt8], at offset: Int) -> [UInt8] {
        var copy = file
        copy[offset] ^= 0xFF
        return copy
    }
}

/// What the Ultravisor would compute, done in the test with SECrypto, so tests can build
/// responses that verify (or deliberately do not) without the simulator.
enum MeasurementForge {
    static let headerPath = Fixture.path("pv/exp/secure_guest.hdr")
    static let header = Fixture.bytes("pv/exp/secure_guest.hdr")
    static let arpk = Fixture.rep(0x17, 32)

    /// The measurement `verify` expects for these response contents; the ARCB is opened with `arpk`.
    static func measurement(
        arcb: [UInt8], arpk: [UInt8] = arpk, header: [UInt8] = header, cuid: [UInt8], userData: [UInt8]?,
        additionalData: [UInt8]?
    ) throws -> [UInt8] {
        let request = try AttestationRequest(parsing: arcb)
        let secrets = try AttestationRequestOpener(arpk: SecretBytes(copying: arpk)).open(request)
        return try measurement(secrets: secrets, header: header, cuid: cuid, userData: userData, additionalData: additionalData)
    }

    static func measurement(
        secrets: AttestationSecrets, header: [UInt8] = header, cuid: [UInt8], userData: [UInt8]?, additionalData: [UInt8]?
    ) throws -> [UInt8] {
        let tags = try SEHeader.locate(in: header).header.tags
        return try AttestationMeasurement.compute(
            key: secrets.measurementKey, tags: tags, cuid: cuid, userData: userData ?? [],
            nonce: secrets.nonce, additionalData: additionalData ?? [])
    }

    /// A canonical response around `arcb` whose measurement verifies for these contents.
    static func response(
        arcb: [UInt8], cuid: [UInt8], userData: [UInt8]?, additionalData: [UInt8]?
    ) throws -> [UInt8] {
        let measurement = try measurement(arcb: arcb, cuid: cuid, userData: userData, additionalData: additionalData)
        return ExchangeResponse(arcb: arcb, measurement: measurement, additionalData: additionalData,
                                userData: userData, cuid: cuid).bytes
    }
}

/// The DER form of a PEM certificate file (the base64 between the armour lines).
func derCertificate(fromPEM path: String) -> [UInt8] {
    TestCertificates.der(fromPEM: Fixture.bytes(path))
}

/// Reads a secret's bytes for comparison (tests only).
func revealed(_ secret: SecretBytes) -> [UInt8] {
    secret.withUnsafeBytes { Array($0) }
}
