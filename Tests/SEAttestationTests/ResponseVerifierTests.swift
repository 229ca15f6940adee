import Testing
import SECore
import SEAttestation
import SETestSupport

/// The front door's verification against the derived end-to-end vectors (secure_guest.hdr, the
/// vectors' ARPK): every response of an honest guest verifies, a changed one does not, and a
/// wrong key is an error rather than a mismatch.
@Suite struct ResponseVerifierTests {
    static let verifier: ResponseVerifier = {
        // The header fixture is well-formed; a failure here is a broken checkout.
        try! ResponseVerifier(header: SEHeader(parsing: Fixture.bytes("pv/exp/secure_guest.hdr")))
    }()
    static let arpk = SecretBytes(copying: Fixture.bytes("derived/e2e/arpk.bin"))

    @Test("honest responses verify", arguments: ["resp_all_flags", "resp_nonce_only", "resp_phkh"])
    func honest(name: String) throws {
        let response = try AttestationResponse(parsing: Fixture.bytes("derived/e2e/\(name).bin"))
        #expect(try Self.verifier.verify(response, arpk: Self.arpk))
    }

    @Test("a response with a changed measurement does not verify")
    func changedMeasurement() throws {
        let response = try AttestationResponse(parsing: Fixture.bytes("derived/e2e/resp_phkh_badmeas.bin"))
        #expect(try Self.verifier.verify(response, arpk: Self.arpk) == false)
    }

    @Test("another image's tags: the same response does not verify")
    func otherImage() throws {
        let response = try AttestationResponse(parsing: Fixture.bytes("derived/e2e/resp_all_flags.bin"))
        var header = Fixture.bytes("pv/exp/secure_guest.hdr")
        let tags = try SEHeader(parsing: header).tags
        header[header.count - 1] ^= 1   // the header's tag: last 16 bytes
        let other = try SEHeader(parsing: header).tags
        #expect(tags != other)
        #expect(try ResponseVerifier(tags: other).verify(response, arpk: Self.arpk) == false)
    }

    @Test("a wrong ARPK is an error of kind requestNotDecrypted, not a mismatch")
    func wrongKey() throws {
        let response = try AttestationResponse(parsing: Fixture.bytes("derived/e2e/resp_all_flags.bin"))
        let wrong = SecretBytes(copying: Fixture.bytes("derived/e2e/arpk_wrong.bin"))
        #expect { try Self.verifier.verify(response, arpk: wrong) } throws: { error in
            (error as? AttestationError)?.kind == .requestNotDecrypted
        }
    }

    @Test("malformed bytes are malformedResponse; a damaged ARCB is malformedRequest")
    func malformed() throws {
        #expect { try AttestationResponse(parsing: Array("not a response".utf8)) } throws: { error in
            (error as? AttestationError)?.kind == .malformedResponse
        }
        let exchange = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_all_flags.bin"))
        let damaged = ExchangeResponse(arcb: Array(exchange.arcb.prefix(40)), measurement: exchange.measurement,
                                       additionalData: exchange.additionalData, userData: exchange.userData, cuid: exchange.cuid)
        #expect { try AttestationResponse(damaged) } throws: { error in
            (error as? AttestationError)?.kind == .malformedRequest
                && (error as? AttestationError)?.message.hasPrefix("the attestation request in the response is invalid: ") == true
        }
    }

    @Test("additional data the flags ask for but the response lacks counts as empty: an error")
    func missingAdditionalData() throws {
        let exchange = try ExchangeResponse(parsing: Fixture.bytes("derived/e2e/resp_all_flags.bin"))
        let stripped = ExchangeResponse(arcb: exchange.arcb, measurement: exchange.measurement,
                                        additionalData: nil, userData: exchange.userData, cuid: exchange.cuid)
        #expect { try AttestationResponse(stripped).additionalData() } throws: { error in
            (error as? AttestationError)?.kind == .malformedAdditionalData
        }
        #expect(try AttestationResponse(exchange).additionalData()?.fields.map(\.kind)
                == [.imagePHKH, .attestationPHKH, .secretStoreHash, .firmwareState])
    }
}

/// The front door's smaller pieces: locating a header, opening a request, wording a verdict.
@Suite struct FrontDoorTests {
    @Test("a header is found alone or in an image; other bytes are malformedHeader")
    func headerOrImage() throws {
        let header = Fixture.bytes("pv/exp/secure_guest.hdr")
        #expect(try ResponseVerifier(headerOrImage: header).tags == SEHeader(parsing: header).tags)
        let image = try SEHeader.locate(in: Fixture.bytes("derived/images/se_img_scan_0x12000.bin")).header
        #expect(try ResponseVerifier(headerOrImage: Fixture.bytes("derived/images/se_img_scan_0x12000.bin")).tags == image.tags)
        let error = #expect(throws: AttestationError.self) { try ResponseVerifier(headerOrImage: Array(repeating: 0, count: 4096)) }
        #expect(error?.kind == .malformedHeader)
    }

    @Test("a wrong ARPK says so in the error a request's opening throws")
    func openingWords() throws {
        let response = try AttestationResponse(parsing: Fixture.bytes("derived/e2e/resp_all_flags.bin"))
        let wrong = SecretBytes(copying: Fixture.bytes("derived/e2e/arpk_wrong.bin"))
        let error = #expect(throws: AttestationError.self) { try response.request.open(with: wrong) }
        #expect(error?.kind == .requestNotDecrypted)
        #expect(error?.message == "decryption failed, probably a GCM tag mismatch (wrong ARPK or tampered request)")
        #expect(try response.request.open(with: SecretBytes(copying: Fixture.bytes("derived/e2e/arpk.bin"))).nonce != nil)
    }

    @Test("verdicts read as log words")
    func verdictWords() {
        #expect(PolicyResult.Verdict.satisfied.description == "satisfied")
        #expect(PolicyResult.Verdict.violated("no").description == "violated: no")
        #expect(PolicyResult.Verdict.notApplicable.description == "not applicable")
    }
}
